/**
 * SQL Server data types on the wire: how result columns are described (TYPE_INFO in COLMETADATA)
 * and encoded (ROW), and how RPC parameters sent by tedious are decoded. Values travel between
 * here and Postgres as text.
 */
import { Reader, Writer } from './wire';

/** SQL_Latin1_General_CP1_CI_AS: LCID 0x0409, flags (ignore case, kana, width), sort id 52. */
export const COLLATION = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]);

export type ColumnType =
	| { kind: 'int' | 'bigint' | 'smallint' | 'tinyint' | 'bit' | 'float' | 'datetime' | 'date' }
	/** `numeric` columns travel as NUMERICN (0x6C), `decimal` as DECIMALN (0x6A); same values. */
	| { kind: 'decimal'; precision: number; scale: number; numeric?: boolean }
	| { kind: 'datetime2'; scale: number }
	/** length in characters; 'max' → PLP encoding. */
	| { kind: 'nvarchar' | 'varchar' | 'char'; length: number | 'max' };

/** Parses a T-SQL type name as written in DDL or a parameter declaration: `nvarchar(100)`, `numeric(19,6)`. */
export function parseSqlType(decl: string): ColumnType {
	const m = /^\s*(\w+)\s*(?:\(\s*(\w+)\s*(?:,\s*(\d+)\s*)?\))?/.exec(decl.toLowerCase());
	const name = m?.[1] ?? 'nvarchar';
	const a = m?.[2];
	const b = m?.[3];
	switch (name) {
		case 'int':
		case 'bigint':
		case 'smallint':
		case 'tinyint':
		case 'bit':
		case 'date':
		case 'datetime':
			return { kind: name };
		case 'smalldatetime':
			return { kind: 'datetime' };
		case 'float':
		case 'real':
			return { kind: 'float' };
		case 'decimal':
		case 'numeric':
			return {
				kind: 'decimal',
				precision: Number(a ?? 18),
				scale: Number(b ?? 0),
				numeric: name === 'numeric',
			};
		case 'money':
			return { kind: 'decimal', precision: 19, scale: 4 };
		case 'datetime2':
			return { kind: 'datetime2', scale: Number(a ?? 7) };
		case 'char':
		case 'nchar':
			return { kind: name === 'char' ? 'char' : 'nvarchar', length: Number(a ?? 1) };
		case 'varchar':
			return { kind: 'varchar', length: a === 'max' ? 'max' : Number(a ?? 1) };
		default:
			return { kind: 'nvarchar', length: a === undefined || a === 'max' ? 'max' : Number(a) };
	}
}

const decimalBytes = (precision: number) =>
	precision <= 9 ? 5 : precision <= 19 ? 9 : precision <= 28 ? 13 : 17;
const intBytes = { tinyint: 1, smallint: 2, int: 4, bigint: 8 } as const;
const timeBytes = (scale: number) => (scale <= 2 ? 3 : scale <= 4 ? 4 : 5);

/** TYPE_INFO of a result column. */
export function writeTypeInfo(w: Writer, t: ColumnType): void {
	switch (t.kind) {
		case 'int':
		case 'bigint':
		case 'smallint':
		case 'tinyint':
			w.u8(0x26).u8(intBytes[t.kind]);
			return;
		case 'bit':
			w.u8(0x68).u8(1);
			return;
		case 'float':
			w.u8(0x6d).u8(8);
			return;
		case 'decimal':
			w.u8(t.numeric ? 0x6c : 0x6a)
				.u8(decimalBytes(t.precision))
				.u8(t.precision)
				.u8(t.scale);
			return;
		case 'datetime':
			w.u8(0x6f).u8(8);
			return;
		case 'date':
			w.u8(0x28);
			return;
		case 'datetime2':
			w.u8(0x2a).u8(t.scale);
			return;
		case 'nvarchar':
			w.u8(0xe7)
				.u16(t.length === 'max' ? 0xffff : t.length * 2)
				.buffer(COLLATION);
			return;
		case 'varchar':
		case 'char':
			w.u8(t.kind === 'char' ? 0xaf : 0xa7)
				.u16(t.length === 'max' ? 0xffff : t.length)
				.buffer(COLLATION);
			return;
	}
}

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1900, 0, 1);
const EPOCH_0001 = -62_135_596_800_000;

interface Timestamp {
	ms: number; // UTC ms of the date at 00:00
	seconds: number; // seconds since midnight
	frac: string; // fractional second digits (0-9 digits)
}
/** Postgres `YYYY-MM-DD[ HH:MM:SS[.ffffff]]` → parts (the value is timezone-less). */
function parseTimestamp(text: string): Timestamp {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)?/.exec(text);
	if (!m) throw new Error(`cannot convert '${text}' to a date`);
	const d = new Date(0);
	d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	return {
		ms: d.getTime(),
		seconds: Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0),
		frac: m[7] ?? '',
	};
}

function writeUIntLE(w: Writer, v: bigint, bytes: number): void {
	const b = Buffer.alloc(bytes);
	for (let i = 0; i < bytes; i++) b[i] = Number((v >> BigInt(8 * i)) & 0xffn);
	w.buffer(b);
}

/** Decimal text → scaled magnitude at `scale` (rounded half away from zero) and sign. */
function scaledDecimal(text: string, scale: number): { negative: boolean; magnitude: bigint } {
	const m = /^\s*([+-])?(\d*)(?:\.(\d*))?/.exec(text);
	const negative = m?.[1] === '-';
	const int = m?.[2] || '0';
	const frac = m?.[3] ?? '';
	let magnitude = BigInt(int + frac.padEnd(scale, '0').slice(0, scale));
	if (frac.length > scale && Number(frac[scale]) >= 5) magnitude += 1n;
	return { negative: negative && magnitude !== 0n, magnitude };
}

/** One value of a ROW token, from Postgres text (`null` = SQL NULL). */
export function writeValue(w: Writer, t: ColumnType, text: string | null): void {
	switch (t.kind) {
		case 'int':
		case 'bigint':
		case 'smallint':
		case 'tinyint': {
			if (text === null) return void w.u8(0);
			const n = intBytes[t.kind];
			const b = Buffer.alloc(n);
			if (n === 8) b.writeBigInt64LE(BigInt(text));
			else if (n === 4) b.writeInt32LE(Number(text));
			else if (n === 2) b.writeInt16LE(Number(text));
			else b.writeUInt8(Number(text));
			w.u8(n).buffer(b);
			return;
		}
		case 'bit':
			if (text === null) return void w.u8(0);
			w.u8(1).u8(text === 't' || text === 'true' || text === '1' ? 1 : 0);
			return;
		case 'float': {
			if (text === null) return void w.u8(0);
			const b = Buffer.alloc(8);
			b.writeDoubleLE(Number(text));
			w.u8(8).buffer(b);
			return;
		}
		case 'decimal': {
			if (text === null) return void w.u8(0);
			const n = decimalBytes(t.precision);
			const { negative, magnitude } = scaledDecimal(text, t.scale);
			w.u8(n).u8(negative ? 0 : 1);
			writeUIntLE(w, magnitude, n - 1);
			return;
		}
		case 'datetime': {
			if (text === null) return void w.u8(0);
			const ts = parseTimestamp(text);
			const ms = ts.seconds * 1000 + Math.round(Number(`0.${ts.frac || '0'}`) * 1000);
			let days = Math.round((ts.ms - EPOCH_1900) / MS_PER_DAY);
			let ticks = Math.round((ms * 300) / 1000);
			if (ticks >= 25_920_000) {
				days += 1;
				ticks = 0;
			}
			w.u8(8).i32(days).u32(ticks);
			return;
		}
		case 'date': {
			if (text === null) return void w.u8(0);
			const days = Math.round((parseTimestamp(text).ms - EPOCH_0001) / MS_PER_DAY);
			w.u8(3);
			writeUIntLE(w, BigInt(days), 3);
			return;
		}
		case 'datetime2': {
			if (text === null) return void w.u8(0);
			const ts = parseTimestamp(text);
			const units =
				BigInt(ts.seconds) * 10n ** BigInt(t.scale) +
				BigInt(ts.frac.padEnd(t.scale, '0').slice(0, t.scale) || '0');
			const tb = timeBytes(t.scale);
			w.u8(tb + 3);
			writeUIntLE(w, units, tb);
			writeUIntLE(w, BigInt(Math.round((ts.ms - EPOCH_0001) / MS_PER_DAY)), 3);
			return;
		}
		case 'nvarchar':
		case 'varchar':
		case 'char': {
			const bytes =
				text === null ? null : Buffer.from(text, t.kind === 'nvarchar' ? 'ucs2' : 'latin1');
			if (t.length === 'max') {
				if (bytes === null) return void w.u64(0xffffffffffffffffn);
				w.u64(bytes.length);
				if (bytes.length) w.u32(bytes.length).buffer(bytes);
				w.u32(0);
				return;
			}
			if (bytes === null) return void w.u16(0xffff);
			w.u16(bytes.length).buffer(bytes);
			return;
		}
	}
}

/** A decoded RPC parameter: Postgres type for the cast, text value for Postgres, JS value for stats. */
export interface ParamValue {
	pgType: string;
	text: string | null;
	value: unknown;
	/** The wire type, as T-SQL (e.g. `int`, `nvarchar`, `datetime2(7)`). */
	sqlType: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function dateText(epochMs: number, daysSinceEpoch: number): string {
	const d = new Date(epochMs + daysSinceEpoch * MS_PER_DAY);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
function timeText(units: bigint, scale: number): string {
	const div = 10n ** BigInt(scale);
	const secs = Number(units / div);
	const frac = scale ? `.${String(units % div).padStart(scale, '0')}` : '';
	return `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}${frac}`;
}
function readUIntLE(r: Reader, n: number): bigint {
	const b = r.bytes(n);
	let v = 0n;
	for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
	return v;
}

/** Reads TYPE_INFO + value of one RPC parameter (MS-TDS 2.2.6.6, types tedious sends). */
export function readParam(r: Reader): ParamValue {
	const type = r.u8();
	switch (type) {
		case 0x26: {
			r.u8();
			const len = r.u8();
			const sqlType =
				({ 1: 'tinyint', 2: 'smallint', 4: 'int', 8: 'bigint' } as Record<number, string>)[len] ??
				'int';
			const pgType = len === 8 ? 'int8' : len === 4 ? 'int4' : 'int2';
			if (len === 0) return { pgType: 'int4', text: null, value: null, sqlType: 'int' };
			const b = r.bytes(len);
			const v =
				len === 8
					? b.readBigInt64LE()
					: len === 4
						? b.readInt32LE()
						: len === 2
							? b.readInt16LE()
							: b.readUInt8();
			return { pgType, text: String(v), value: typeof v === 'bigint' ? String(v) : v, sqlType };
		}
		case 0x68: {
			r.u8();
			const len = r.u8();
			if (!len) return { pgType: 'boolean', text: null, value: null, sqlType: 'bit' };
			const v = r.u8() !== 0;
			return { pgType: 'boolean', text: String(v), value: v, sqlType: 'bit' };
		}
		case 0x6d: {
			r.u8();
			const len = r.u8();
			if (!len) return { pgType: 'float8', text: null, value: null, sqlType: 'float' };
			const b = r.bytes(len);
			const v = len === 4 ? b.readFloatLE() : b.readDoubleLE();
			return { pgType: 'float8', text: String(v), value: v, sqlType: 'float' };
		}
		case 0x6a:
		case 0x6c: {
			r.u8();
			const precision = r.u8();
			const scale = r.u8();
			const sqlType = `decimal(${precision},${scale})`;
			const len = r.u8();
			if (!len) return { pgType: 'numeric', text: null, value: null, sqlType };
			const sign = r.u8();
			const mag = readUIntLE(r, len - 1)
				.toString()
				.padStart(scale + 1, '0');
			const text = `${sign ? '' : '-'}${scale ? `${mag.slice(0, mag.length - scale)}.${mag.slice(mag.length - scale)}` : mag}`;
			return { pgType: 'numeric', text, value: Number(text), sqlType };
		}
		case 0xe7:
		case 0xa7:
		case 0xef:
		case 0xaf: {
			const max = r.u16();
			r.bytes(5);
			const enc = type === 0xe7 || type === 0xef ? 'ucs2' : 'latin1';
			const sqlType = `${enc === 'ucs2' ? 'n' : ''}${type === 0xef || type === 0xaf ? 'char' : 'varchar'}(${max === 0xffff ? 'max' : enc === 'ucs2' ? max / 2 : max})`;
			let bytes: Buffer | null;
			if (max === 0xffff) {
				const total = r.bytes(8);
				if (total.equals(Buffer.alloc(8, 0xff))) bytes = null;
				else {
					const parts: Buffer[] = [];
					for (let n = r.u32(); n !== 0; n = r.u32()) parts.push(r.bytes(n));
					bytes = Buffer.concat(parts);
				}
			} else {
				const n = r.u16();
				bytes = n === 0xffff ? null : r.bytes(n);
			}
			const text = bytes === null ? null : bytes.toString(enc);
			return { pgType: 'text', text, value: text, sqlType };
		}
		case 0x6f: {
			r.u8();
			const len = r.u8();
			if (!len) return { pgType: 'timestamp', text: null, value: null, sqlType: 'datetime' };
			let days: number;
			let ms: number;
			if (len === 4) {
				days = r.u16();
				ms = r.u16() * 60_000;
			} else {
				days = r.bytes(4).readInt32LE();
				ms = Math.round((r.u32() * 1000) / 300);
			}
			const text = `${dateText(EPOCH_1900, days)} ${timeText(BigInt(ms), 3)}`;
			return { pgType: 'timestamp', text, value: text, sqlType: 'datetime' };
		}
		case 0x28: {
			const len = r.u8();
			if (!len) return { pgType: 'date', text: null, value: null, sqlType: 'date' };
			const text = dateText(EPOCH_0001, Number(readUIntLE(r, 3)));
			return { pgType: 'date', text, value: text, sqlType: 'date' };
		}
		case 0x2a:
		case 0x29:
		case 0x2b: {
			const scale = r.u8();
			const len = r.u8();
			const name = type === 0x2a ? 'datetime2' : type === 0x29 ? 'time' : 'datetimeoffset';
			const pgType = type === 0x2a ? 'timestamp' : type === 0x29 ? 'time' : 'timestamptz';
			const sqlType = `${name}(${scale})`;
			if (!len) return { pgType, text: null, value: null, sqlType };
			const time = timeText(readUIntLE(r, timeBytes(scale)), scale);
			if (type === 0x29) return { pgType, text: time, value: time, sqlType };
			const date = dateText(EPOCH_0001, Number(readUIntLE(r, 3)));
			let text = `${date} ${time}`;
			if (type === 0x2b) {
				r.bytes(2); // offset in minutes; date and time are UTC
				text += '+00';
			}
			return { pgType, text, value: text, sqlType };
		}
		case 0x24: {
			r.u8();
			const len = r.u8();
			if (!len) return { pgType: 'uuid', text: null, value: null, sqlType: 'uniqueidentifier' };
			const b = r.bytes(16);
			const hex = (i: number[]) => i.map((k) => b[k].toString(16).padStart(2, '0')).join('');
			const text = `${hex([3, 2, 1, 0])}-${hex([5, 4])}-${hex([7, 6])}-${hex([8, 9])}-${hex([10, 11, 12, 13, 14, 15])}`;
			return { pgType: 'uuid', text, value: text, sqlType: 'uniqueidentifier' };
		}
		default:
			throw new Error(`unsupported parameter type 0x${type.toString(16)}`);
	}
}
