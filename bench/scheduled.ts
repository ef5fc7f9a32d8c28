/**
 * `npm run bench -- scheduled`: the orders template as shipped (Max Records Per Run 1 000),
 * published on a short schedule inside one long-running `n8n start`, as in production, working
 * off a backlog of N web orders run after run until every one is in SAP and commented. Measures
 * the memory of that one n8n process (and its task runner) over all the runs: with bounded runs
 * the peak should not depend on the backlog. Figures are read from the emulators' state and the
 * executions n8n stored; nothing asserts on them.
 *
 *   npm run bench -- scheduled [--records 100,1000,10000] [--profile flat|realistic]
 *                              [--every-s 5] [--out bench/results/scheduled-<date>.json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	ensureN8n,
	installPackage,
	N8nInstance,
	REPO_ROOT,
	type ListedExecution,
	type N8nInstall,
} from '../test/e2e/n8n';
import { publishWorkflow, startServer } from '../test/e2e/server';
import { loadTemplate, setNodeParameters } from '../test/e2e/systems';
import { startMagento } from '../test/emulators/magento';
import { startServiceLayer } from '../test/emulators/serviceLayer';
import { fromLog } from './floor';
import { sampleMemory } from './processMemory';
import {
	applyLatency,
	checkOrders,
	COMMIT,
	credentials,
	gitCommit,
	INITIAL_CURSOR,
	latencyFor,
	machine,
	mb,
	N8N_ENV,
	ORDERS_ID,
	ordersSeed,
	pickSummary,
	round,
	type ProfileName,
} from './sync';

const SKIPPED = 'Skipped: Another Run Is Going';
const log = (s: string) =>
	process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

function parse(argv: string[]) {
	const arg = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const records = (arg('records') ?? '100,1000,10000').split(',').map((x) => Number(x));
	if (records.some((n) => !Number.isInteger(n) || n < 1 || n > 100_000))
		throw new Error('--records takes a list of counts between 1 and 100000');
	const profile = (arg('profile') ?? 'flat') as ProfileName;
	if (!['flat', 'realistic'].includes(profile)) throw new Error('--profile: flat or realistic');
	const date = new Date().toISOString().slice(0, 10);
	return {
		records,
		profile,
		everyS: Number(arg('every-s') ?? 5),
		out: path.resolve(
			arg('out') ?? path.join(REPO_ROOT, 'bench', 'results', `scheduled-${date}.json`),
		),
	};
}

interface Run {
	id: number;
	status: string;
	seconds?: number;
	storedChars?: number;
	summary?: Record<string, unknown>;
}

async function scenario(
	install: N8nInstall,
	workDir: string,
	n: number,
	profile: ProfileName,
	everyS: number,
) {
	const prepared = ordersSeed(n);
	const sl = await startServiceLayer({ seed: prepared.sapState });
	const magento = await startMagento({ seed: prepared.magento, bearerIntegrationTokens: true });
	const n8n = await N8nInstance.create(
		install,
		fs.mkdtempSync(path.join(workDir, `scheduled-${n}-`)),
	);
	let server: Awaited<ReturnType<typeof startServer>> | undefined;
	try {
		await n8n.importCredentials(credentials(sl, magento));
		// The template as shipped (Max Records Per Run 1 000, Output: Summary), on a short schedule.
		const workflow = loadTemplate('sync-orders-chain.json');
		setNodeParameters(workflow, 'Checkpoint: Start', { initialCursor: INITIAL_CURSOR });
		setNodeParameters(workflow, 'Every 5 Minutes', {
			rule: { interval: [{ field: 'seconds', secondsInterval: everyS }] },
		});
		const maxRecords = Number(
			workflow.nodes.find((x: any) => x.name === 'Checkpoint: Start').parameters.startOptions
				?.maxRecords,
		);
		await n8n.importWorkflow(workflow);
		await publishWorkflow(n8n, ORDERS_ID);
		applyLatency(latencyFor({ profile, sessions: 'parallel' }), sl, magento);
		const since = Date.now() - 1000;
		log(`${n} orders: n8n start, the template published every ${everyS} s`);
		server = await startServer(n8n, install, N8N_ENV);
		const memory = sampleMemory(server.pid, 200);
		const readyAt = Date.now();
		const deadline = Date.now() + (600 + n * 0.5) * 1000;
		let doneAt: number | undefined;
		for (;;) {
			await new Promise((r) => setTimeout(r, 1000));
			const c = checkOrders(sl, magento, prepared.keys);
			if (!doneAt && c.inSap === n && c.commented === n) {
				doneAt = Date.now();
				log(`  all ${n} in SAP and commented; waiting for one more run (the idle run)`);
			}
			// One run that starts after the last order was commented: what a quiet run costs.
			if (doneAt && Date.now() - doneAt > (everyS + 3) * 1000) break;
			if (Date.now() > deadline) break;
		}
		const peak = memory.stop();
		// The first sample, taken when n8n was ready and before the first run.
		const baselineKb = memory.until(readyAt).peakTreeRssKb;
		await server.stop();
		server = undefined;
		const executions: ListedExecution[] = await n8n.listExecutions(ORDERS_ID, since, [COMMIT]);
		const runs: Run[] = executions.map((e) => ({
			id: e.id,
			status: e.lastNodeExecuted === SKIPPED ? 'skipped' : e.status,
			seconds:
				e.startedAt && e.stoppedAt
					? round((Date.parse(e.stoppedAt) - Date.parse(e.startedAt)) / 1000)
					: undefined,
			storedChars: e.dataChars,
			summary: pickSummary(e.items[COMMIT]?.[0]?.json),
		}));
		const working = runs.filter((r) => Number(r.summary?.fetched ?? 0) > 0);
		const reqs = [...fromLog('sap', sl.requestLog), ...fromLog('magento', magento.requestLog)];
		const first = reqs.reduce((m, r) => Math.min(m, r.arrivedAt), Infinity);
		const last = reqs.reduce((m, r) => Math.max(m, r.endedAt), 0);
		const correctness = checkOrders(sl, magento, prepared.keys);
		return {
			records: n,
			profile,
			scheduleSeconds: everyS,
			maxRecordsPerRun: maxRecords,
			ok: correctness.inSap === n && correctness.commented === n && correctness.duplicates === 0,
			syncSeconds: round((last - first) / 1000),
			executions: runs.length,
			runsThatWorked: working.length,
			runsSkipped: runs.filter((r) => r.status === 'skipped').length,
			runsFailed: runs.filter((r) => r.status !== 'success' && r.status !== 'skipped').length,
			largestRun: {
				fetched: Math.max(0, ...working.map((r) => Number(r.summary?.fetched ?? 0))),
				seconds: Math.max(0, ...working.map((r) => r.seconds ?? 0)),
				storedChars: Math.max(0, ...working.map((r) => r.storedChars ?? 0)),
			},
			memory: {
				/** n8n start + task runner, ready and before the first run. */
				baselineTreeMb: mb(baselineKb),
				/** The same, largest sample over every run (sampled every 200 ms). */
				peakTreeMb: mb(peak.peakTreeRssKb),
				/** The n8n start process alone (VmHWM). */
				peakRssMb: mb(peak.peakRssKb),
				samples: peak.samples,
			},
			requests: {
				sapPerRecord: round(sl.requestLog.length / n, 3),
				magentoPerRecord: round(magento.requestLog.length / n, 3),
			},
			logins: sl.stats.logins,
			correctness,
			runs,
			machineLoad: os.loadavg().map((x) => round(x, 1)),
		};
	} finally {
		await server?.stop();
		n8n.dispose();
		await Promise.allSettled([sl.close(), magento.close()]);
	}
}

async function main() {
	const opts = parse(process.argv.slice(2));
	process.env.N8N_E2E_QUIET = '1';
	const { nodeBin, n8nBin } = ensureN8n();
	const workDir = path.join(os.tmpdir(), `n8n-sapb1-bench-scheduled-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const nodesTemplate = installPackage(path.join(workDir, 'package'));
	const install: N8nInstall = { nodeBin, n8nBin, nodesTemplate };
	const results = [];
	const started = new Date().toISOString();
	for (const n of opts.records) {
		const r = await scenario(install, workDir, n, opts.profile, opts.everyS);
		results.push(r);
		console.log(
			`${n} orders (${opts.profile}): ${r.ok ? 'ok' : 'NOT OK'}, sync ${r.syncSeconds} s, ` +
				`${r.runsThatWorked} runs that worked (largest ${r.largestRun.fetched} orders, ${r.largestRun.seconds} s), ` +
				`${r.runsSkipped} skipped, ${r.runsFailed} failed; n8n+runner RSS ${r.memory.baselineTreeMb} MB ready, ` +
				`peak ${r.memory.peakTreeMb} MB; ${r.requests.sapPerRecord} SAP and ${r.requests.magentoPerRecord} Magento requests per order`,
		);
		fs.mkdirSync(path.dirname(opts.out), { recursive: true });
		fs.writeFileSync(
			opts.out,
			JSON.stringify(
				{
					benchmark: 'scheduled',
					date: started,
					commit: gitCommit(),
					machine: machine(),
					n8n: process.env.N8N_VERSION ?? '2.41.1',
					command: `npm run bench -- scheduled ${process.argv.slice(2).join(' ')}`.trim(),
					results,
				},
				null,
				2,
			) + '\n',
		);
	}
	console.log(`results written to ${path.relative(process.cwd(), opts.out)}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	if (results.some((r) => !r.ok)) process.exitCode = 1;
}

main().catch((e) => {
	console.error(e);
	process.exitCode = 1;
});
