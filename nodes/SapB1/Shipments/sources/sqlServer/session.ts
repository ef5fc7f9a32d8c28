/**
 * The SAP B1 SQL Server transport: one `mssql.ConnectionPool` per credential per execution,
 * opened on first use, reused for every item and page, closed by the caller in `finally`.
 * Queries are parameterised only; transient connection failures are retried with back-off.
 * Errors never carry the password (tedious messages name the user at most; we scrub anyway).
 */
import sql from 'mssql';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { withRetry } from '../../../../shared/http/retry';
import type { ConnectionSettings } from '../../../../shared/properties';
import type { SqlQuery } from './queries';

/** The SQL session takes the node's connection settings (retries, retry delay, timeout = query timeout). */
export type SqlServerOptions = Partial<
	Pick<ConnectionSettings, 'retries' | 'retryDelayMs' | 'timeoutMs'>
>;

/** The mssql configuration for a `sapB1SqlServerApi` credential. */
export function poolConfig(
	credentials: ICredentialDataDecryptedObject,
	options: SqlServerOptions = {},
): sql.config {
	const port = Number(credentials.port);
	const connectionTimeout = Number(credentials.connectionTimeout);
	return {
		server: String(credentials.server ?? '').trim(),
		port: Number.isInteger(port) && port > 0 ? port : 1433,
		database: String(credentials.database ?? ''),
		user: String(credentials.user ?? ''),
		password: String(credentials.password ?? ''),
		connectionTimeout: connectionTimeout > 0 ? connectionTimeout : 15000,
		requestTimeout: options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : 30000,
		options: {
			encrypt: credentials.encrypt !== false,
			trustServerCertificate: credentials.trustServerCertificate === true,
			appName: 'n8n-nodes-sapb1-magento2',
		},
		pool: { min: 0, max: 2, idleTimeoutMillis: 30000 },
	};
}

const TRANSIENT = new Set(['ESOCKET', 'ECONNCLOSED', 'ETIMEOUT', 'ECONNRESET', 'ENOCONN']);

function errorCode(error: unknown): string | undefined {
	const e = error as { code?: unknown; originalError?: { code?: unknown } } | undefined;
	if (typeof e?.code === 'string') return e.code;
	if (typeof e?.originalError?.code === 'string') return e.originalError.code;
	return undefined;
}

/** Words of a dropped connection in messages of errors that carry no SQL Server error number. */
const DROPPED =
	/ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|connection (?:was )?(?:lost|closed)|closed unexpectedly/i;

/** A dropped or timed-out connection (worth another try), as opposed to an error SQL Server reported. */
export function isTransientSqlError(error: unknown): boolean {
	const code = errorCode(error);
	if (code !== undefined && TRANSIENT.has(code)) return true;
	const reported = typeof (error as { number?: unknown })?.number === 'number';
	return !reported && DROPPED.test(String((error as Error)?.message ?? ''));
}

/** A readable message and description for a SQL Server failure, without secrets. */
export function describeSqlError(
	error: unknown,
	credentials: ICredentialDataDecryptedObject,
): { message: string; description: string } {
	const code = errorCode(error);
	const number = (error as { number?: unknown })?.number;
	const password = String(credentials.password ?? '');
	const scrub = (text: string) => (password.length >= 1 ? text.split(password).join('***') : text);
	const raw = scrub(String((error as Error)?.message ?? error ?? 'unknown error'));
	const where = `${String(credentials.server ?? '')}:${String(credentials.port ?? 1433)}, database "${String(credentials.database ?? '')}"`;
	if (code === 'ELOGIN' || number === 18456)
		return {
			message: `SQL Server login failed for user "${String(credentials.user ?? '')}"`,
			description: `${raw} Check user, password and that the login may open database ${String(credentials.database ?? '')} (${where}).`,
		};
	if (/certificate|self[- ]signed|UNABLE_TO_VERIFY|CERT_/i.test(raw))
		return {
			message: `The TLS certificate of SQL Server at ${where} is not trusted`,
			description: `${raw} Install a trusted certificate on the server, or turn on "Trust Server Certificate" in the credential.`,
		};
	if (isTransientSqlError(error))
		return { message: `Cannot reach SQL Server at ${where}`, description: raw };
	return {
		message: `SQL Server error: ${raw}`,
		description: `${where}${code ? `, code ${code}` : ''}`,
	};
}

/** A lazily opened pool for one credential, reused for all queries of one execution. */
export class SqlServerSession {
	private pool: sql.ConnectionPool | undefined;

	private connecting: Promise<sql.ConnectionPool> | undefined;

	constructor(
		readonly credentials: ICredentialDataDecryptedObject,
		private readonly options: SqlServerOptions = {},
	) {}

	private async connect(): Promise<sql.ConnectionPool> {
		if (this.pool?.connected) return this.pool;
		if (!this.connecting) {
			if (this.pool) await this.pool.close().catch(() => undefined);
			const pool = new sql.ConnectionPool(poolConfig(this.credentials, this.options));
			pool.on('error', () => undefined); // surfaced through the failing request instead
			this.pool = pool;
			this.connecting = pool.connect().finally(() => {
				this.connecting = undefined;
			});
		}
		return await this.connecting;
	}

	/** Runs a parameterised query and returns its rows. */
	async query<Row>(query: SqlQuery): Promise<Row[]> {
		return await withRetry(
			async () => {
				const pool = await this.connect();
				const request = pool.request();
				for (const p of query.params) request.input(p.name, p.type, p.value);
				const result = await request.query<Row>(query.text);
				return result.recordset ?? [];
			},
			{
				retries: this.options.retries ?? 2,
				baseDelayMs: this.options.retryDelayMs ?? 200,
				maxDelayMs: 5000,
			},
			{
				shouldRetry: (_failure, error) => isTransientSqlError(error),
				beforeRetry: async () => {
					// a broken pool is replaced on the next attempt
					if (this.pool && !this.pool.healthy) await this.close();
				},
			},
		);
	}

	async close(): Promise<void> {
		const pool = this.pool;
		this.pool = undefined;
		this.connecting = undefined;
		if (pool) await pool.close().catch(() => undefined);
	}
}

/** Connects with the credential, runs `SELECT 1`, and closes. Throws the driver's error. */
export async function testConnection(
	credentials: ICredentialDataDecryptedObject,
	query: string,
): Promise<void> {
	const pool = new sql.ConnectionPool({ ...poolConfig(credentials), pool: { min: 0, max: 1 } });
	pool.on('error', () => undefined);
	try {
		await pool.connect();
		await pool.request().query(query);
	} finally {
		await pool.close().catch(() => undefined);
	}
}
