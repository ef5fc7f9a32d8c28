/**
 * SQL Server test server: speaks TDS 7.4 on loopback so the real `mssql`/tedious driver can
 * connect, and runs the SQL on PGlite (Postgres in WASM) holding the SAP Business One tables
 * (ORDR/RDR1, ODLN/DLN1, OSHP, OCRD, OITM, OITW, ITM1, OPLN, OITB, OWHS) loaded from the shared SAP seed.
 *
 * What is emulated: PRELOGIN with optional TLS (a client asking for encryption gets TLS inside
 * TDS with a self-signed certificate: `trustServerCertificate: true`; `encrypt: false` skips it;
 * with `tls: false` such a client gets a clear login error), LOGIN7 with SQL Server's login errors (18456,
 * 4060), SQL batches and `sp_executesql` RPCs (what `request.query()` sends, with typed
 * parameters), ATTENTION (request cancel / timeout), result sets with SQL Server types and SAP's
 * column names, SQL Server error numbers (208, 207, 102, 137, ...). T-SQL is translated to
 * Postgres only where the dialects differ: see translate.ts.
 *
 * Faults (test/emulators/faults.ts) are matched with method 'LOGIN' and path 'login' for logins,
 * and method 'BATCH' or 'RPC' with the T-SQL text as path for requests. Kinds: latency, reset
 * (drop the connection before answering), commitThenDrop (run, then drop), slowLogin,
 * loginFailure (error 18456). tedious's post-login `set …` batch and mssql's pool validation
 * (`SELECT 1;` on every acquire) are not subject to faults and not listed in `stats.queries`.
 */
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { FaultInjector, type FaultPlan } from '../faults';
import {
	type SeenQuery,
	type ServerContext,
	type SqlServerStats,
	TdsConnection,
} from './connection';
import { PgEngine } from './pgEngine';
import { catalogue, type SapSeed, schemaDdl, seedScript } from './sapTables';
import { selfSignedCredentials } from './tls';

export type { SeenQuery, SqlServerStats, SapSeed };

export interface SqlServerOptions {
	/** Data to load (Service Layer JSON shape); empty tables when absent. */
	seed?: Partial<SapSeed>;
	/** Login accepted by the server. Defaults: user 'sapreader', password 'Sap-Reader-1', database 'SBODEMOUS'. */
	user?: string;
	password?: string;
	database?: string;
	faults?: FaultPlan;
	/** 0 (default) = a free port. */
	port?: number;
	host?: string;
	/**
	 * Offer TLS to clients that ask for encryption (mssql's default `encrypt: true`), with a
	 * self-signed certificate (clients need `trustServerCertificate: true`). Default true; needs
	 * the `openssl` CLI, without which such clients get a clear login error instead.
	 */
	tls?: boolean;
}

/** A ready-to-use `mssql` ConnectionPool config (plain object, no import of mssql needed). */
export interface MssqlConfig {
	server: string;
	port: number;
	user: string;
	password: string;
	database: string;
	connectionTimeout: number;
	requestTimeout: number;
	options: { encrypt: boolean; trustServerCertificate: boolean };
	pool: { max: number; min: number; idleTimeoutMillis: number };
}

export interface SqlServerEmulator {
	readonly host: string;
	readonly port: number;
	readonly config: MssqlConfig;
	readonly stats: SqlServerStats;
	readonly faults: FaultInjector;
	/** Empties all tables and loads this data (e.g. the Service Layer emulator's live `state`). */
	loadSeed(seed: Partial<SapSeed>): Promise<void>;
	/**
	 * Runs Postgres SQL directly on the engine (tables are `dbo.<name>`, lower-case columns).
	 * Rows come back keyed by SAP column names, values as Postgres text (null for NULL).
	 */
	query(sql: string, params?: (string | number | null)[]): Promise<Record<string, string | null>[]>;
	setFaultPlan(plan?: FaultPlan): void;
	/** Clears the statistics (connections, logins, queries seen). */
	resetStats(): void;
	close(): Promise<void>;
}

const emptyStats = (): SqlServerStats => ({
	connections: 0,
	logins: 0,
	loginFailures: 0,
	batches: 0,
	rpcs: 0,
	attentions: 0,
	sessionSetup: 0,
	validations: 0,
	queries: [],
});

export async function startSqlServer(options: SqlServerOptions = {}): Promise<SqlServerEmulator> {
	const engine = new PgEngine(schemaDdl());
	await engine.exec(schemaDdl()); // idempotent; sets the search path of this session
	const loadSeed = async (seed: Partial<SapSeed>) => {
		await engine.exec(seedScript(seed));
	};
	if (options.seed) await loadSeed(options.seed);

	const stats = emptyStats();
	const faults = new FaultInjector(options.faults);
	const ctx: ServerContext = {
		engine,
		faults,
		stats,
		user: options.user ?? 'sapreader',
		password: options.password ?? 'Sap-Reader-1',
		database: options.database ?? 'SBODEMOUS',
		tls: options.tls === false ? undefined : selfSignedCredentials,
	};
	const sockets = new Set<Socket>();
	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.setNoDelay(true);
		new TdsConnection(socket, ctx);
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;

	return {
		host,
		port,
		stats,
		faults,
		config: {
			server: host,
			port,
			user: ctx.user,
			password: ctx.password,
			database: ctx.database,
			connectionTimeout: 5000,
			requestTimeout: 5000,
			options: { encrypt: false, trustServerCertificate: true },
			pool: { max: 4, min: 0, idleTimeoutMillis: 1000 },
		},
		loadSeed,
		async query(sql, params = []) {
			const res = await engine.query(
				sql,
				params.map((p) => (p === null ? null : String(p))),
			);
			const names = res.fields.map((f) => catalogue.get(f.name)?.name ?? f.name);
			return res.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
		},
		setFaultPlan: (plan) => faults.setPlan(plan),
		resetStats: () => Object.assign(stats, emptyStats()),
		async close() {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await engine.close();
		},
	};
}
