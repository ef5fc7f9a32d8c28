/**
 * Starts the SQL Server test server with the SAP sample data and prints how to connect.
 *   npx tsx test/emulators/tds/cli.ts [--port 1433] [--host 127.0.0.1] [--user sapreader]
 *     [--password Sap-Reader-1] [--database SBODEMOUS] [--empty]
 *     [--sync-from http://127.0.0.1:50000] [--sync-ms 1000]
 * `--sync-from <Service Layer emulator URL>` loads the tables from that emulator's live state
 * (`GET /__emulator/state`) at start and again whenever it changes (polled every `--sync-ms`),
 * so deliveries made through the Service Layer show up in SQL.
 * Prints one JSON line: {"host","port","user","password","database","config"} and runs until SIGINT/SIGTERM.
 */
import { createHash } from 'node:crypto';
import { sapMasterSeed, sapSeed } from '../seed/sap';
import { startSqlServer } from './index';
import type { SapSeed } from './sapTables';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function fetchState(url: string): Promise<{ seed: SapSeed; hash: string }> {
	const res = await fetch(`${url.replace(/\/$/, '')}/__emulator/state`);
	if (!res.ok) throw new Error(`GET ${url}/__emulator/state → ${res.status}`);
	const text = await res.text();
	return { seed: JSON.parse(text) as SapSeed, hash: createHash('sha1').update(text).digest('hex') };
}

async function main(): Promise<void> {
	const syncFrom = arg('sync-from');
	const initial = syncFrom ? await fetchState(syncFrom) : undefined;
	const srv = await startSqlServer({
		seed: initial?.seed ?? (process.argv.includes('--empty') ? sapMasterSeed() : sapSeed()),
		port: arg('port') !== undefined ? Number(arg('port')) : 0,
		host: arg('host'),
		user: arg('user'),
		password: arg('password'),
		database: arg('database'),
	});
	let timer: NodeJS.Timeout | undefined;
	if (syncFrom) {
		let last = initial!.hash;
		const poll = async () => {
			try {
				const next = await fetchState(syncFrom);
				if (next.hash !== last) {
					await srv.loadSeed(next.seed);
					last = next.hash;
				}
			} catch (e) {
				process.stderr.write(`sync from ${syncFrom} failed: ${(e as Error).message}\n`);
			}
			timer = setTimeout(poll, Number(arg('sync-ms') ?? 1000));
		};
		timer = setTimeout(poll, Number(arg('sync-ms') ?? 1000));
	}
	const { host, port, config } = srv;
	process.stdout.write(
		`${JSON.stringify({ host, port, user: config.user, password: config.password, database: config.database, config })}\n`,
	);
	const stop = () => {
		clearTimeout(timer);
		void srv.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	process.stderr.write(`${(e as Error).stack ?? e}\n`);
	process.exit(1);
});
