/** PRELOGIN and LOGIN7 payloads (MS-TDS 2.2.6.4, 2.2.6.5). */
import { Writer } from './wire';

export const Encrypt = { OFF: 0, ON: 1, NOT_SUP: 2, REQ: 3 } as const;

/** The client's ENCRYPTION option from a PRELOGIN payload. */
export function preloginEncryption(payload: Buffer): number {
	for (let off = 0; off < payload.length && payload[off] !== 0xff; off += 5) {
		if (payload[off] === 0x01) return payload[payload.readUInt16BE(off + 1)];
	}
	return Encrypt.NOT_SUP;
}

/** Server PRELOGIN answer: version 16.0.1000, the encryption decision, no instance, no MARS. */
export function preloginResponse(encryption: number): Buffer {
	const options: [number, Buffer][] = [
		[0x00, Buffer.from([16, 0, 0x03, 0xe8, 0, 0])],
		[0x01, Buffer.from([encryption])],
		[0x02, Buffer.from([0])],
		[0x03, Buffer.alloc(0)],
		[0x04, Buffer.from([0])],
	];
	const head = new Writer();
	let dataOffset = options.length * 5 + 1;
	for (const [token, data] of options) {
		head.u8(token).u16be(dataOffset).u16be(data.length);
		dataOffset += data.length;
	}
	head.u8(0xff);
	for (const [, data] of options) head.buffer(data);
	return head.toBuffer();
}

export interface Login7 {
	tdsVersion: number;
	packetSize: number;
	hostName: string;
	userName: string;
	password: string;
	appName: string;
	serverName: string;
	database: string;
}

export function parseLogin7(p: Buffer): Login7 {
	const field = (at: number, scrambled = false): string => {
		const off = p.readUInt16LE(at);
		const chars = p.readUInt16LE(at + 2);
		const bytes = Buffer.from(p.subarray(off, off + chars * 2));
		if (scrambled)
			for (let i = 0; i < bytes.length; i++) {
				const b = bytes[i] ^ 0xa5;
				bytes[i] = ((b & 0x0f) << 4) | (b >> 4);
			}
		return bytes.toString('ucs2');
	};
	return {
		tdsVersion: p.readUInt32LE(4),
		packetSize: p.readUInt32LE(8),
		hostName: field(36),
		userName: field(40),
		password: field(44, true),
		appName: field(48),
		serverName: field(52),
		database: field(68),
	};
}
