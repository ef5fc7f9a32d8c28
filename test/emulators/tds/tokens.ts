/** TDS response tokens (MS-TDS 2.2.7) written by the test server. */
import { COLLATION, type ColumnType, writeTypeInfo, writeValue } from './sqlTypes';
import { Writer } from './wire';

export const SERVER_NAME = 'SAPB1-EMU';

export const DoneStatus = {
	FINAL: 0x00,
	MORE: 0x01,
	ERROR: 0x02,
	COUNT: 0x10,
	ATTN: 0x20,
} as const;
/** CurCmd values SQL Server reports in DONE tokens. */
export const CurCmd = {
	SELECT: 0xc1,
	INSERT: 0xc3,
	DELETE: 0xc4,
	UPDATE: 0xc5,
	EXECUTE: 0xe0,
	NONE: 0x00,
} as const;

export interface ResultColumn {
	name: string;
	type: ColumnType;
}

function withLength(token: number, body: Writer): Writer {
	return new Writer().u8(token).u16(body.length).buffer(body.toBuffer());
}

export function envChange(type: number, next: string | Buffer, prev: string | Buffer): Buffer {
	const body = new Writer().u8(type);
	if (typeof next === 'string') body.bVarchar(next).bVarchar(prev as string);
	else
		body
			.u8(next.length)
			.buffer(next)
			.u8((prev as Buffer).length)
			.buffer(prev as Buffer);
	return withLength(0xe3, body).toBuffer();
}

export const envDatabase = (db: string, prev = 'master') => envChange(1, db, prev);
export const envLanguage = (lang: string) => envChange(2, lang, '');
export const envPacketSize = (size: number) => envChange(4, String(size), String(size));
export const envCollation = () => envChange(7, COLLATION, Buffer.alloc(0));

export interface SqlMessage {
	number: number;
	state: number;
	/** Severity: ≤10 information, 11–16 user errors, 20+ fatal. */
	class: number;
	message: string;
	procName?: string;
	lineNumber?: number;
}

/** ERROR (0xAA) or INFO (0xAB) token. */
export function message(m: SqlMessage, info = false): Buffer {
	const body = new Writer()
		.i32(m.number)
		.u8(m.state)
		.u8(m.class)
		.usVarchar(m.message)
		.bVarchar(SERVER_NAME)
		.bVarchar(m.procName ?? '')
		.i32(m.lineNumber ?? 1);
	return withLength(info ? 0xab : 0xaa, body).toBuffer();
}

export function loginAck(): Buffer {
	const body = new Writer()
		.u8(1) // SQL_TSQL
		.u32be(0x74000004) // TDS 7.4
		.bVarchar('Microsoft SQL Server')
		.u8(16) // SQL Server 2022 16.0.1000
		.u8(0)
		.u8(0x03)
		.u8(0xe8);
	return withLength(0xad, body).toBuffer();
}

function done(token: number, status: number, curCmd: number, rowCount: number): Buffer {
	return new Writer().u8(token).u16(status).u16(curCmd).u64(rowCount).toBuffer();
}
export const doneToken = (status: number, curCmd: number = CurCmd.NONE, rowCount = 0) =>
	done(0xfd, status, curCmd, rowCount);
export const doneProc = (status: number, curCmd: number = CurCmd.EXECUTE, rowCount = 0) =>
	done(0xfe, status, curCmd, rowCount);
export const doneInProc = (status: number, curCmd: number = CurCmd.SELECT, rowCount = 0) =>
	done(0xff, status, curCmd, rowCount);
export const returnStatus = (value: number) => new Writer().u8(0x79).i32(value).toBuffer();

export function colMetadata(columns: ResultColumn[]): Buffer {
	const w = new Writer().u8(0x81).u16(columns.length);
	for (const c of columns) {
		w.u32(0); // UserType
		w.u16(0x0001); // Flags: nullable
		writeTypeInfo(w, c.type);
		w.bVarchar(c.name);
	}
	return w.toBuffer();
}

export function row(columns: ResultColumn[], values: (string | null)[]): Buffer {
	const w = new Writer().u8(0xd1);
	columns.forEach((c, i) => writeValue(w, c.type, values[i] ?? null));
	return w.toBuffer();
}
