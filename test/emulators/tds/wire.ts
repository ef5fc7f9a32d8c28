/**
 * TDS framing: packets (8-byte header, MS-TDS 2.2.3) and a little-endian buffer writer/reader.
 */
export const PacketType = {
	SQL_BATCH: 0x01,
	RPC: 0x03,
	TABULAR_RESULT: 0x04,
	ATTENTION: 0x06,
	LOGIN7: 0x10,
	PRELOGIN: 0x12,
} as const;

export interface TdsMessage {
	type: number;
	/** Status of the first packet (bit 0x08/0x10: reset connection). */
	status: number;
	payload: Buffer;
}

/** Reassembles packets from a byte stream into messages (payloads of packets up to EOM). */
export class MessageReader {
	private buffer: Buffer = Buffer.alloc(0);
	private parts: Buffer[] = [];
	private firstStatus = 0;
	private msgType = -1;

	constructor(private readonly onMessage: (m: TdsMessage) => void) {}

	feed(chunk: Buffer): void {
		this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
		while (this.buffer.length >= 8) {
			const length = this.buffer.readUInt16BE(2);
			if (length < 8) throw new Error(`bad TDS packet length ${length}`);
			if (this.buffer.length < length) return;
			const type = this.buffer[0];
			const status = this.buffer[1];
			const body = this.buffer.subarray(8, length);
			this.buffer = this.buffer.subarray(length);
			if (this.parts.length === 0) {
				this.msgType = type;
				this.firstStatus = status;
			}
			this.parts.push(body);
			if (status & 0x01) {
				const payload = Buffer.concat(this.parts);
				this.parts = [];
				this.onMessage({ type: this.msgType, status: this.firstStatus, payload });
			}
		}
	}
}

/** Splits a message into packets of at most `packetSize` bytes (header included). */
export function packetize(type: number, payload: Buffer, packetSize: number): Buffer[] {
	const room = packetSize - 8;
	const out: Buffer[] = [];
	let id = 1;
	for (let off = 0; off < payload.length || out.length === 0; off += room) {
		const body = payload.subarray(off, off + room);
		const last = off + room >= payload.length;
		const header = Buffer.alloc(8);
		header[0] = type;
		header[1] = last ? 0x01 : 0x00;
		header.writeUInt16BE(8 + body.length, 2);
		header.writeUInt16BE(0x0033, 4); // SPID
		header[6] = id++ % 256;
		header[7] = 0;
		out.push(Buffer.concat([header, body]));
	}
	return out;
}

/** Growable little-endian writer. */
export class Writer {
	private chunks: Buffer[] = [];
	private size = 0;

	buffer(b: Buffer): this {
		this.chunks.push(b);
		this.size += b.length;
		return this;
	}
	u8(v: number): this {
		return this.buffer(Buffer.from([v & 0xff]));
	}
	u16(v: number): this {
		const b = Buffer.alloc(2);
		b.writeUInt16LE(v);
		return this.buffer(b);
	}
	u16be(v: number): this {
		const b = Buffer.alloc(2);
		b.writeUInt16BE(v);
		return this.buffer(b);
	}
	i32(v: number): this {
		const b = Buffer.alloc(4);
		b.writeInt32LE(v);
		return this.buffer(b);
	}
	u32(v: number): this {
		const b = Buffer.alloc(4);
		b.writeUInt32LE(v >>> 0);
		return this.buffer(b);
	}
	u32be(v: number): this {
		const b = Buffer.alloc(4);
		b.writeUInt32BE(v >>> 0);
		return this.buffer(b);
	}
	u64(v: bigint | number): this {
		const b = Buffer.alloc(8);
		b.writeBigUInt64LE(BigInt(v));
		return this.buffer(b);
	}
	/** B_VARCHAR: 1-byte character count + UCS-2. */
	bVarchar(s: string): this {
		return this.u8(s.length).buffer(Buffer.from(s, 'ucs2'));
	}
	/** US_VARCHAR: 2-byte character count + UCS-2. */
	usVarchar(s: string): this {
		return this.u16(s.length).buffer(Buffer.from(s, 'ucs2'));
	}
	get length(): number {
		return this.size;
	}
	toBuffer(): Buffer {
		return Buffer.concat(this.chunks, this.size);
	}
}

/** Sequential reader over a payload. */
export class Reader {
	constructor(
		readonly buf: Buffer,
		public pos = 0,
	) {}
	u8(): number {
		return this.buf[this.pos++];
	}
	u16(): number {
		const v = this.buf.readUInt16LE(this.pos);
		this.pos += 2;
		return v;
	}
	u32(): number {
		const v = this.buf.readUInt32LE(this.pos);
		this.pos += 4;
		return v;
	}
	bytes(n: number): Buffer {
		const b = this.buf.subarray(this.pos, this.pos + n);
		this.pos += n;
		return b;
	}
	bVarchar(): string {
		const n = this.u8();
		return this.bytes(n * 2).toString('ucs2');
	}
	usVarchar(): string {
		const n = this.u16();
		return this.bytes(n * 2).toString('ucs2');
	}
	get done(): boolean {
		return this.pos >= this.buf.length;
	}
}
