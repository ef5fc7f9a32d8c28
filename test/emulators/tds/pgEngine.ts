/**
 * The SQL engine behind the TDS test server: PGlite (Postgres compiled to WASM) running in a
 * worker thread. PGlite loads its WASM with dynamic `import()` of Node built-ins, which jest's
 * module sandbox refuses; a worker thread is plain Node, so the engine works the same under jest,
 * in the CLI and in the demo. Values come back as Postgres text (no JS parsing) so the TDS layer
 * encodes exactly what the database holds.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface PgField {
	name: string;
	dataTypeID: number;
}

export interface PgResult {
	fields: PgField[];
	/** Rows as arrays of Postgres text values (null for SQL NULL). */
	rows: (string | null)[][];
	command?: string;
	rowCount?: number;
}

/** A Postgres error as thrown by PGlite (code is the SQLSTATE). */
export class PgError extends Error {
	constructor(
		message: string,
		readonly code: string | undefined,
		readonly position: number | undefined,
	) {
		super(message);
		this.name = 'PgError';
	}
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);
const raw = (v) => v;
// Return every value as Postgres text: one identity parser per built-in type id we may see.
const parsers = {};
for (const oid of [16, 17, 18, 19, 20, 21, 23, 25, 26, 114, 700, 701, 790, 1042, 1043, 1082, 1083, 1114, 1184, 1186, 1266, 1560, 1562, 1700, 2950, 3802]) parsers[oid] = raw;
const fs = require('node:fs');
// Starting from a saved data directory skips initdb (about a second); the first server writes it.
async function open() {
  const file = workerData.cacheFile;
  if (file && fs.existsSync(file)) {
    try { return await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(file)]) }); } catch {}
  }
  const db = await PGlite.create();
  if (workerData.initSql) await db.exec(workerData.initSql);
  if (file) {
    try {
      const dump = await db.dumpDataDir('gzip');
      const tmp = file + '.' + process.pid + '.' + Date.now();
      fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(tmp, file);
    } catch {}
  }
  return db;
}
const ready = open();
parentPort.on('message', async (msg) => {
  try {
    const db = await ready;
    if (msg.op === 'close') { await db.close(); parentPort.postMessage({ id: msg.id, ok: true }); return; }
    let results;
    if (msg.op === 'exec') {
      results = await db.exec(msg.sql, { rowMode: 'array', parsers });
    } else {
      results = [await db.query(msg.sql, msg.params || [], { rowMode: 'array', parsers })];
    }
    parentPort.postMessage({ id: msg.id, ok: true, results: results.map((r) => ({ fields: r.fields, rows: r.rows, command: r.command, rowCount: r.rowCount })) });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, error: { message: String(e && e.message || e), code: e && e.code, position: e && e.position ? Number(e.position) : undefined } });
  }
});
`;

type Pending = { resolve: (r: PgResult[]) => void; reject: (e: Error) => void };

export class PgEngine {
	private readonly worker: Worker;
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();
	private chain: Promise<unknown> = Promise.resolve();

	/**
	 * @param initSql DDL run on a fresh database; the initialised data directory is cached in the
	 * OS temp directory (keyed by PGlite version and this SQL) so later servers start faster.
	 */
	constructor(initSql?: string) {
		const pglitePath = require.resolve('@electric-sql/pglite');
		let cacheFile: string | undefined;
		if (initSql) {
			const version = (() => {
				try {
					return (
						(
							JSON.parse(readFileSync(join(dirname(pglitePath), '..', 'package.json'), 'utf8')) as {
								version?: string;
							}
						).version ?? ''
					);
				} catch {
					return '';
				}
			})();
			const key = createHash('sha1').update(`${version}\n${initSql}`).digest('hex').slice(0, 16);
			cacheFile = join(tmpdir(), `sapb1-tds-pgdata-${key}.tgz`);
		}
		this.worker = new Worker(WORKER_SOURCE, {
			eval: true,
			workerData: { pglitePath, initSql, cacheFile },
		});
		this.worker.on(
			'message',
			(msg: {
				id: number;
				ok: boolean;
				results?: PgResult[];
				error?: { message: string; code?: string; position?: number };
			}) => {
				const p = this.pending.get(msg.id);
				if (!p) return;
				this.pending.delete(msg.id);
				if (msg.ok) p.resolve(msg.results ?? []);
				else p.reject(new PgError(msg.error!.message, msg.error!.code, msg.error!.position));
			},
		);
		this.worker.on('error', (err) => {
			for (const p of this.pending.values()) p.reject(err);
			this.pending.clear();
		});
	}

	private send(msg: Record<string, unknown>): Promise<PgResult[]> {
		const id = this.nextId++;
		return new Promise<PgResult[]>((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.worker.postMessage({ ...msg, id });
		});
	}

	/** Runs one statement with `$n` parameters (given as text, cast in the SQL). */
	query(sql: string, params: (string | null)[] = []): Promise<PgResult> {
		return this.serial(() => this.send({ op: 'query', sql, params }).then((r) => r[0]));
	}

	/** Runs a script of one or more statements without parameters; one result per statement. */
	exec(sql: string): Promise<PgResult[]> {
		return this.serial(() => this.send({ op: 'exec', sql }));
	}

	async close(): Promise<void> {
		try {
			await this.serial(() => this.send({ op: 'close' }));
		} finally {
			await this.worker.terminate();
		}
	}

	/** One statement at a time: PGlite is a single session, so transactions in loadSeed stay whole. */
	private serial<T>(fn: () => Promise<T>): Promise<T> {
		const run = this.chain.then(fn, fn);
		this.chain = run.catch(() => undefined);
		return run;
	}
}
