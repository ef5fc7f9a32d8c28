/**
 * One client connection: PRELOGIN → LOGIN7 → SQL_BATCH / RPC requests, with ATTENTION (cancel),
 * fault injection and statistics. Requests on a connection are handled one at a time, as on a
 * real server without MARS.
 */
import type { Socket } from 'node:net';
import { type FaultInjector, sleepMs } from '../faults';
import { mapPgError } from './errors';
import { Encrypt, parseLogin7, preloginEncryption, preloginResponse } from './login';
import { PgError, type PgEngine, type PgResult } from './pgEngine';
import { catalogue } from './sapTables';
import { type ColumnType, type ParamValue, parseSqlType, readParam } from './sqlTypes';
import * as T from './tokens';
import { TdsTls } from './tls';
import { TranslateError, translate } from './translate';
import { MessageReader, PacketType, Reader, type TdsMessage, packetize } from './wire';

export interface SeenQuery {
	kind: 'batch' | 'rpc';
	/** The T-SQL text as the client sent it. */
	sql: string;
	/** What ran on Postgres (absent when translation failed). */
	translated?: string;
	/** Parameter values by name (without `@`): numbers, strings, booleans; dates as `YYYY-MM-DD hh:mm:ss.fff`. */
	params: Record<string, unknown>;
	/** Parameter wire types by name, as T-SQL (`int`, `nvarchar(4000)`, `datetime2(7)`). */
	paramTypes: Record<string, string>;
	/** Rows returned (sum over result sets). */
	rowCount?: number;
	error?: { number: number; message: string };
	/** Epoch ms when the request arrived, and how long it took to answer (fault latency included). */
	at?: number;
	ms?: number;
	/** Latency the fault plan injected. */
	latencyMs?: number;
}

export interface SqlServerStats {
	connections: number;
	logins: number;
	loginFailures: number;
	batches: number;
	/** sp_executesql RPCs (what `request.query()` sends), validations excluded. */
	rpcs: number;
	attentions: number;
	/** tedious's post-login `set …` batches (answered, not run, not in `queries`). */
	sessionSetup: number;
	/** mssql's pool validation `SELECT 1;` on every acquire (run, not in `queries`). */
	validations: number;
	/** Every other request, in order. */
	queries: SeenQuery[];
}

export interface ServerContext {
	engine: PgEngine;
	faults: FaultInjector;
	stats: SqlServerStats;
	user: string;
	password: string;
	database: string;
	/** Key and certificate for TLS (made on first use); undefined → clients asking for encryption are refused. */
	tls?: () => { key: string; cert: string } | undefined;
}

const SP_EXECUTESQL = 10;
/** A batch of session options only (`set ansi_nulls on` …, one per line or `;`-separated). */
const isSetOnly = (sql: string) =>
	sql.split(/[;\n]/).every((s) => !s.trim() || /^\s*set\s/i.test(s));
/** mssql's pool validation on every acquire. */
const VALIDATION = 'SELECT 1;';

export class TdsConnection {
	private packetSize = 4096;
	private clientWantsTls = false;
	private loggedIn = false;
	private chain: Promise<void> = Promise.resolve();
	private current:
		{ cancelled: boolean; cancel: () => void; cancelled$: Promise<void> } | undefined;
	private closed = false;
	private tls: TdsTls | undefined;
	private readonly reader = new MessageReader((m) => this.onMessage(m));

	constructor(
		private readonly socket: Socket,
		private readonly ctx: ServerContext,
	) {
		ctx.stats.connections++;
		socket.on('data', (chunk) => {
			try {
				if (this.tls?.raw) this.tls.feed(chunk);
				else this.reader.feed(chunk);
			} catch {
				this.destroy();
			}
		});
		socket.on('error', () => this.destroy());
		socket.on('close', () => (this.closed = true));
	}

	destroy(): void {
		this.closed = true;
		this.tls?.destroy();
		this.socket.destroy();
	}

	/** Drops the connection with a TCP reset (the client sees ECONNRESET), as a crashed server or a network fault does. */
	private reset(): void {
		this.closed = true;
		this.socket.resetAndDestroy();
	}

	private send(tokens: Buffer[], type: number = PacketType.TABULAR_RESULT): void {
		if (this.closed) return;
		const packets = packetize(type, Buffer.concat(tokens), this.packetSize);
		if (this.tls?.raw) this.tls.write(Buffer.concat(packets));
		else for (const p of packets) this.socket.write(p);
	}

	private onMessage(m: TdsMessage): void {
		if (m.type === PacketType.ATTENTION) {
			this.ctx.stats.attentions++;
			if (this.current) this.current.cancel();
			else this.send([T.doneToken(T.DoneStatus.ATTN)]);
			return;
		}
		this.chain = this.chain.then(() => this.handle(m)).catch(() => this.destroy());
	}

	private async handle(m: TdsMessage): Promise<void> {
		if (this.closed) return;
		switch (m.type) {
			case PacketType.PRELOGIN: {
				if (this.tls) return this.tls.handshake(m.payload);
				const enc = preloginEncryption(m.payload);
				this.clientWantsTls = enc === Encrypt.ON || enc === Encrypt.REQ;
				const creds = this.clientWantsTls ? this.ctx.tls?.() : undefined;
				this.send([preloginResponse(creds ? Encrypt.ON : Encrypt.NOT_SUP)]);
				if (creds)
					this.tls = new TdsTls(
						this.socket,
						creds,
						(chunk) => this.reader.feed(chunk),
						() => this.destroy(),
					);
				return;
			}
			case PacketType.LOGIN7:
				return this.login(m.payload);
			case PacketType.SQL_BATCH:
			case PacketType.RPC:
				if (!this.loggedIn) return this.destroy();
				return this.request(m);
			default:
				return this.destroy();
		}
	}

	private async login(payload: Buffer): Promise<void> {
		const login = parseLogin7(payload);
		const { ctx } = this;
		const fail = (...errors: T.SqlMessage[]) => {
			ctx.stats.loginFailures++;
			this.send([...errors.map((e) => T.message(e)), T.doneToken(T.DoneStatus.ERROR)]);
			this.socket.end();
		};
		for (const rule of ctx.faults.decide('LOGIN', 'login')) {
			if (rule.kind === 'reset') return this.reset();
			if (rule.kind === 'slowLogin' || rule.kind === 'latency') await sleepMs(rule.latencyMs ?? 0);
			if (rule.kind === 'loginFailure')
				return fail({
					number: 18456,
					state: 1,
					class: 14,
					message: `Login failed for user '${login.userName}'.`,
				});
		}
		if (this.clientWantsTls && !this.tls) {
			return fail({
				number: 18456,
				state: 1,
				class: 14,
				message:
					'Encryption is not supported by this SQL Server test server: connect with options.encrypt = false.',
			});
		}
		if (login.userName !== ctx.user || login.password !== ctx.password) {
			return fail({
				number: 18456,
				state: 1,
				class: 14,
				message: `Login failed for user '${login.userName}'.`,
			});
		}
		const database = login.database || ctx.database;
		if (database.toLowerCase() !== ctx.database.toLowerCase()) {
			return fail(
				{
					number: 4060,
					state: 1,
					class: 11,
					message: `Cannot open database "${database}" requested by the login. The login failed.`,
				},
				{
					number: 18456,
					state: 1,
					class: 14,
					message: `Login failed for user '${login.userName}'.`,
				},
			);
		}
		this.packetSize = Math.min(32767, Math.max(512, login.packetSize || 4096));
		this.loggedIn = true;
		ctx.stats.logins++;
		this.send([
			T.envDatabase(ctx.database),
			T.message(
				{
					number: 5701,
					state: 2,
					class: 0,
					message: `Changed database context to '${ctx.database}'.`,
				},
				true,
			),
			T.envCollation(),
			T.envLanguage('us_english'),
			T.message(
				{ number: 5703, state: 1, class: 0, message: 'Changed language setting to us_english.' },
				true,
			),
			T.loginAck(),
			T.envPacketSize(this.packetSize),
			T.doneToken(T.DoneStatus.FINAL),
		]);
	}

	private async request(m: TdsMessage): Promise<void> {
		const r = new Reader(m.payload);
		r.pos = r.u32(); // skip ALL_HEADERS
		if (m.type === PacketType.SQL_BATCH) {
			const sql = r.bytes(m.payload.length - r.pos).toString('ucs2');
			return this.execute('batch', sql, new Map());
		}
		const nameLen = r.u16();
		const proc = nameLen === 0xffff ? r.u16() : r.bytes(nameLen * 2).toString('ucs2');
		r.u16(); // option flags
		const params: { name: string; value: ParamValue }[] = [];
		while (!r.done) {
			const name = r.bVarchar();
			r.u8(); // status flags
			params.push({ name, value: readParam(r) });
		}
		if (proc !== SP_EXECUTESQL && String(proc).toLowerCase() !== 'sp_executesql') {
			this.ctx.stats.rpcs++;
			const name =
				typeof proc === 'number'
					? ((
							{
								11: 'sp_prepare',
								12: 'sp_execute',
								13: 'sp_prepexec',
								15: 'sp_unprepare',
							} as Record<number, string>
						)[proc] ?? `proc #${proc}`)
					: proc;
			this.send([
				T.message({
					number: 2812,
					state: 62,
					class: 16,
					message: `Could not find stored procedure '${name}'.`,
				}),
				T.doneProc(T.DoneStatus.ERROR),
			]);
			return;
		}
		const [statement, , ...values] = params;
		const byName = new Map<string, ParamValue>();
		for (const p of values) byName.set(p.name.replace(/^@/, '').toLowerCase(), p.value);
		return this.execute('rpc', String(statement?.value.value ?? ''), byName, values);
	}

	private async execute(
		kind: 'batch' | 'rpc',
		sql: string,
		params: Map<string, ParamValue>,
		ordered: { name: string; value: ParamValue }[] = [],
	): Promise<void> {
		const { ctx } = this;
		const rpc = kind === 'rpc';
		const finalDone = (status: number, rows = 0) =>
			rpc ? [T.returnStatus(0), T.doneProc(status)] : [T.doneToken(status, T.CurCmd.SELECT, rows)];
		// The session options tedious sends after login (`set textsize … set quoted_identifier on …`).
		if (isSetOnly(sql)) {
			ctx.stats.sessionSetup++;
			return this.send(finalDone(T.DoneStatus.FINAL));
		}
		const validation = rpc && sql === VALIDATION && ordered.length === 0;
		if (validation) ctx.stats.validations++;
		else if (rpc) ctx.stats.rpcs++;
		else ctx.stats.batches++;
		const seen: SeenQuery = { kind, sql, params: {}, paramTypes: {}, at: Date.now() };
		for (const { name, value } of ordered) {
			const key = name.replace(/^@/, '');
			seen.params[key] = value.value;
			seen.paramTypes[key] = value.sqlType;
		}
		if (!validation) ctx.stats.queries.push(seen);

		let cancel!: () => void;
		const cancelled$ = new Promise<void>((resolve) => (cancel = resolve));
		const current = {
			cancelled: false,
			cancelled$,
			cancel: () => ((current.cancelled = true), cancel()),
		};
		this.current = current;
		try {
			let dropAfter = false;
			for (const rule of validation ? [] : ctx.faults.decide(rpc ? 'RPC' : 'BATCH', sql)) {
				if (rule.kind === 'latency') {
					seen.latencyMs = (seen.latencyMs ?? 0) + (rule.latencyMs ?? 0);
					await sleepUnlessCancelled(rule.latencyMs ?? 0, cancelled$);
				}
				if (rule.kind === 'reset') return this.reset();
				if (rule.kind === 'commitThenDrop') dropAfter = true;
			}
			const tokens = await this.run(sql, params, seen, rpc);
			if (dropAfter) return this.reset();
			if (current.cancelled) {
				// The client reads one message as the (abandoned) response, then one with the attention ack.
				this.send([rpc ? T.doneProc(T.DoneStatus.FINAL) : T.doneToken(T.DoneStatus.FINAL)]);
				return this.send([T.doneToken(T.DoneStatus.ATTN)]);
			}
			this.send(tokens);
		} finally {
			this.current = undefined;
			seen.ms = Date.now() - seen.at!;
		}
	}

	/** Translates and runs the statement(s); returns the response tokens. */
	private async run(
		sql: string,
		params: Map<string, ParamValue>,
		seen: SeenQuery,
		rpc: boolean,
	): Promise<Buffer[]> {
		const errorTokens = (e: T.SqlMessage) => {
			seen.error = { number: e.number, message: e.message };
			return [
				T.message({ ...e, procName: rpc ? '' : undefined }),
				rpc ? T.doneProc(T.DoneStatus.ERROR) : T.doneToken(T.DoneStatus.ERROR),
			];
		};
		let results: PgResult[];
		let aliases: Map<string, string>;
		try {
			const tr = translate(sql, params, this.ctx.database);
			seen.translated = tr.sql;
			aliases = tr.aliases;
			results = tr.used.length
				? [
						await this.ctx.engine.query(
							tr.sql,
							tr.used.map((n) => params.get(n)!.text),
						),
					]
				: await this.ctx.engine.exec(tr.sql);
		} catch (e) {
			if (e instanceof TranslateError)
				return errorTokens({
					number: e.number,
					state: e.state,
					class: e.sqlClass,
					message: e.message,
				});
			if (e instanceof PgError) return errorTokens(mapPgError(e, sql));
			return errorTokens({ number: 50000, state: 1, class: 16, message: (e as Error).message });
		}
		const out: Buffer[] = [];
		let total = 0;
		results.forEach((res, i) => {
			const last = i === results.length - 1;
			const count = res.fields.length ? res.rows.length : (res.rowCount ?? 0);
			total += res.fields.length ? res.rows.length : 0;
			if (res.fields.length) {
				const columns = resultColumns(res, aliases);
				out.push(T.colMetadata(columns));
				for (const values of res.rows) out.push(T.row(columns, values));
			}
			const cmd = curCmd(res.command);
			const status = T.DoneStatus.COUNT | (rpc || !last ? T.DoneStatus.MORE : T.DoneStatus.FINAL);
			out.push(rpc ? T.doneInProc(status, cmd, count) : T.doneToken(status, cmd, count));
		});
		seen.rowCount = total;
		if (rpc) out.push(T.returnStatus(0), T.doneProc(T.DoneStatus.FINAL));
		return out;
	}
}

/** Waits `ms`, or less when the client cancels (ATTENTION); leaves no timer behind. */
async function sleepUnlessCancelled(ms: number, cancelled$: Promise<void>): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([
		new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
		cancelled$,
	]);
	clearTimeout(timer);
}

function curCmd(command: string | undefined): number {
	switch ((command ?? '').toUpperCase()) {
		case 'INSERT':
			return T.CurCmd.INSERT;
		case 'UPDATE':
			return T.CurCmd.UPDATE;
		case 'DELETE':
			return T.CurCmd.DELETE;
		default:
			return T.CurCmd.SELECT;
	}
}

/** Result columns with SQL Server names and types, from Postgres fields (see README in index.ts). */
export function resultColumns(res: PgResult, aliases: Map<string, string>): T.ResultColumn[] {
	return res.fields.map((f, i) => {
		const known = catalogue.get(f.name);
		const name = aliases.get(f.name) ?? known?.name ?? f.name;
		const declared = known?.sqlType ? parseSqlType(known.sqlType) : undefined;
		const values = res.rows.map((r) => r[i]);
		return { name, type: columnType(f.dataTypeID, declared, values) };
	});
}

function columnType(
	oid: number,
	declared: ColumnType | undefined,
	values: (string | null)[],
): ColumnType {
	const maxLen = () => values.reduce((m, v) => Math.max(m, v?.length ?? 0), 0);
	switch (oid) {
		case 23:
			return { kind: 'int' };
		case 20:
			return { kind: 'bigint' };
		case 21:
			return { kind: 'smallint' };
		case 16:
			return { kind: 'bit' };
		case 700:
		case 701:
			return { kind: 'float' };
		case 1700: {
			if (declared?.kind === 'decimal') return declared;
			const scale = values.reduce(
				(m, v) => Math.max(m, v && v.includes('.') ? v.length - v.indexOf('.') - 1 : 0),
				0,
			);
			return { kind: 'decimal', precision: 38, scale: Math.min(scale, 38) };
		}
		case 1082:
			return { kind: 'date' };
		case 1114:
		case 1184:
			return declared?.kind === 'datetime' ? declared : { kind: 'datetime2', scale: 7 };
		default: {
			const len = maxLen();
			if (
				declared &&
				(declared.kind === 'char' || declared.kind === 'nvarchar' || declared.kind === 'varchar') &&
				declared.length !== 'max' &&
				len <= declared.length
			) {
				return declared.kind === 'varchar'
					? { kind: 'nvarchar', length: declared.length }
					: declared;
			}
			return { kind: 'nvarchar', length: len > 4000 ? 'max' : 4000 };
		}
	}
}
