/**
 * Starts the emulated Service Layer with the SAP sample data and prints its URL.
 *   npx tsx test/emulators/serviceLayer/cli.ts [--port 50000] [--host 127.0.0.1] [--company SBODEMOUS]
 *     [--user manager] [--password manager] [--session-timeout-ms 1800000] [--page-size 20] [--empty]
 *     [--path-prefix /ServiceLayer] [--v1-time-format clock|duration]
 * Prints one JSON line: {"url","v1","v2","companyDb","user","password","control"} and runs until SIGINT/SIGTERM.
 */
import { sapMasterSeed, sapSeed } from '../seed/sap';
import { startServiceLayer } from './index';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
	const num = (name: string) => (arg(name) !== undefined ? Number(arg(name)) : undefined);
	const sl = await startServiceLayer({
		seed: process.argv.includes('--empty') ? sapMasterSeed() : sapSeed(),
		port: num('port') ?? 0,
		host: arg('host'),
		companyDb: arg('company'),
		user: arg('user'),
		password: arg('password'),
		sessionTimeoutMs: num('session-timeout-ms'),
		pageSize: num('page-size'),
		pathPrefix: arg('path-prefix'),
		v1TimeFormat: arg('v1-time-format') === 'duration' ? 'duration' : undefined,
	});
	process.stdout.write(
		`${JSON.stringify({ url: sl.url, v1: sl.baseUrl('v1'), v2: sl.baseUrl('v2'), companyDb: sl.companyDb, user: sl.user, password: sl.password, control: `${sl.url}/__emulator/` })}\n`,
	);
	const stop = () => void sl.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	process.stderr.write(`${(e as Error).stack ?? e}\n`);
	process.exit(1);
});
