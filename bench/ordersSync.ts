/**
 * Benchmark: Magento 2 web orders → SAP B1 sales orders, the template workflow against the naive
 * HTTP Request alternative, in a real n8n, on the emulators with injected per-request latency.
 *
 *   npm run bench -- --orders 100,1000 [--sap-latency 20] [--magento-latency 10] [--login-latency 300]
 *                    [--only template|naive] [--out bench/results/mine.local.json] [--timeout-s 3600]
 *
 * For each N and each workflow: fresh emulators seeded with N generated orders, a fresh n8n user
 * folder, one `n8n execute`; prints time, requests per order, logins, peak memory and correctness.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	N8nInstance,
	REPO_ROOT,
	ensureN8n,
	installPackage,
	nodeOutput,
	runError,
	type N8nInstall,
} from '../test/e2e/n8n';
import { credentialsFor, loadTemplate, setNodeParameters, type Systems } from '../test/e2e/systems';
import { startMagento, type MagentoEmulator } from '../test/emulators/magento';
import { magentoSeed, generateOrders } from '../test/emulators/seed/magento';
import { sapSeed } from '../test/emulators/seed/sap';
import { startServiceLayer, type ServiceLayerEmulator } from '../test/emulators/serviceLayer';
import { NAIVE_WORKFLOW_ID, naiveWorkflow } from './naiveWorkflow';
import { sampleMemory } from './processMemory';

type Kind = 'template' | 'naive';

interface Options {
	orders: number[];
	sapLatencyMs: number;
	magentoLatencyMs: number;
	loginLatencyMs: number;
	kinds: Kind[];
	out: string;
	timeoutS?: number;
}

export interface ScenarioResult {
	workflow: Kind;
	orders: number;
	exitCode: number;
	error?: string;
	/** Wall time of the `n8n execute` process (n8n start-up included). */
	processSeconds: number;
	/**
	 * The sync itself: from the first request either emulator received to the last one's answer
	 * (n8n start-up and shut-down excluded). Used for orders/s.
	 */
	syncSeconds?: number;
	/** The execution as n8n reports it (run startedAt → stoppedAt); absent when the printed run was cut off (large runs). */
	executionSeconds?: number;
	ordersPerSecond?: number;
	sap: {
		requests: number;
		requestsPerOrder: number;
		logins: number;
		byRequest: Record<string, number>;
	};
	magento: { requests: number; requestsPerOrder: number; byRoute: Record<string, number> };
	memory: { peakRssMb: number; peakTreeRssMb: number; samples: number };
	correctness: {
		ordersInSap: number;
		missing: number;
		duplicates: number;
		totalsMatch: number;
		totalsOffByOneCent: number;
		totalMismatches: Array<{ webOrder: string; magento: number; sap: number }>;
	};
	summary?: unknown;
}

const TEMPLATE_ID = 'sapb1OrdersSync';
const COMMIT = 'Checkpoint: Commit (Run Summary)';
const FIRST_ORDER_AT = '2026-10-01 00:00:00';
const INITIAL_CURSOR = '2026-09-30 00:00:00';

function parseArgs(argv: string[]): Options {
	const arg = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		if (i >= 0) return argv[i + 1];
		const eq = argv.find((a) => a.startsWith(`--${name}=`));
		return eq?.slice(name.length + 3);
	};
	const num = (name: string, dflt: number) => {
		const v = arg(name);
		if (v === undefined) return dflt;
		const n = Number(v);
		if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0`);
		return n;
	};
	const orders = (arg('orders') ?? '100,1000')
		.split(',')
		.map((s) => Number(s.replace(/[_\s]/g, '')));
	if (orders.some((n) => !Number.isInteger(n) || n < 1 || n > 100_000))
		throw new Error('--orders takes a list of counts between 1 and 100000, e.g. 100,1000');
	const only = arg('only');
	if (only && only !== 'template' && only !== 'naive')
		throw new Error('--only takes template or naive');
	const date = new Date().toISOString().slice(0, 10);
	return {
		orders,
		sapLatencyMs: num('sap-latency', 20),
		magentoLatencyMs: num('magento-latency', 10),
		loginLatencyMs: num('login-latency', 300),
		kinds: only ? [only as Kind] : ['template', 'naive'],
		out: path.resolve(
			arg('out') ?? path.join(REPO_ROOT, 'bench', 'results', `orders-${date}.json`),
		),
		timeoutS: arg('timeout-s') ? num('timeout-s', 0) : undefined,
	};
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

async function startEmulators(kind: Kind, n: number, opts: Options) {
	const generated = generateOrders(n, { from: FIRST_ORDER_AT });
	const sl = await startServiceLayer({
		seed: sapSeed(),
		faults: {
			rules: [
				{ kind: 'latency', latencyMs: opts.sapLatencyMs },
				{ kind: 'slowLogin', latencyMs: opts.loginLatencyMs },
			],
		},
	});
	const magento = await startMagento({
		seed: { ...magentoSeed(), orders: generated.orders, invoices: generated.invoices },
		faults: { rules: [{ kind: 'latency', latencyMs: opts.magentoLatencyMs }] },
		// The naive workflow authenticates with the integration token as Bearer (enable_integration_as_bearer).
		bearerIntegrationTokens: kind === 'naive',
	});
	return { sl, magento, webOrders: generated.orders.map((o) => o.increment_id) };
}

/** The emulators' credentials as n8n imports them (the SQL Server one is not needed here). */
function credentials(sl: ServiceLayerEmulator, magento: MagentoEmulator) {
	const noSql = { host: '127.0.0.1', port: 1, config: { database: '-', user: '-', password: '-' } };
	return credentialsFor({ sl, magento, sql: noSql } as unknown as Systems).filter(
		(c) => c.type !== 'sapB1SqlServerApi',
	);
}

function workflowFor(
	kind: Kind,
	sl: ServiceLayerEmulator,
	magento: MagentoEmulator,
): { id: string; workflow: Record<string, unknown> } {
	if (kind === 'template') {
		const workflow = loadTemplate('sync-orders-chain.json');
		setNodeParameters(workflow, 'Checkpoint: Start', { initialCursor: INITIAL_CURSOR });
		return { id: TEMPLATE_ID, workflow };
	}
	const workflow = naiveWorkflow({
		magentoUrl: magento.url,
		magentoToken: magento.credentials.bearerToken,
		serviceLayerUrl: sl.baseUrl('v2'),
		companyDb: sl.companyDb,
		user: sl.user,
		password: sl.password,
		updatedSince: INITIAL_CURSOR,
	});
	return { id: NAIVE_WORKFLOW_ID, workflow };
}

function checkSap(sl: ServiceLayerEmulator, magento: MagentoEmulator, webOrders: string[]) {
	const wanted = new Set(webOrders);
	const docs = new Map<string, any[]>();
	for (const doc of sl.state.Orders as any[]) {
		if (!wanted.has(doc.NumAtCard)) continue;
		docs.set(doc.NumAtCard, [...(docs.get(doc.NumAtCard) ?? []), doc]);
	}
	let duplicates = 0;
	let totalsMatch = 0;
	let totalsOffByOneCent = 0;
	const totalMismatches: Array<{ webOrder: string; magento: number; sap: number }> = [];
	for (const [webOrder, list] of docs) {
		duplicates += list.length - 1;
		const grandTotal = Number(magento.findOrder(webOrder)?.grand_total);
		// To the cent (half a cent of slack for binary floating point).
		const diff = Math.abs(Number(list[0].DocTotal) - grandTotal);
		if (diff < 0.005) totalsMatch++;
		else if (diff < 0.015) totalsOffByOneCent++;
		if (diff >= 0.005 && totalMismatches.length < 5)
			totalMismatches.push({ webOrder, magento: grandTotal, sap: Number(list[0].DocTotal) });
	}
	return {
		ordersInSap: docs.size,
		missing: webOrders.length - docs.size,
		duplicates,
		totalsMatch,
		totalsOffByOneCent,
		totalMismatches,
	};
}

/**
 * First request → last answer seen by the emulators. Every request fires the plan's `latency`
 * rule, whose record carries the arrival time; the last answer leaves about one latency later.
 */
function activeSpan(
	sl: ServiceLayerEmulator,
	magento: MagentoEmulator,
	opts: Options,
): number | undefined {
	const arrivals = [
		...sl.faults.fired
			.filter((f) => f.kind === 'latency')
			.map((f) => ({
				at: f.at,
				latency: opts.sapLatencyMs + (/\/Login$/.test(f.path) ? opts.loginLatencyMs : 0),
			})),
		...magento.faults.fired
			.filter((f) => f.kind === 'latency')
			.map((f) => ({ at: f.at, latency: opts.magentoLatencyMs })),
	];
	if (arrivals.length === 0) return undefined;
	let first = Infinity;
	let end = -Infinity;
	for (const a of arrivals) {
		first = Math.min(first, a.at);
		end = Math.max(end, a.at + a.latency);
	}
	return end - first;
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;
const mb = (kb: number) => Math.round(kb / 102.4) / 10;
const perOrder = (count: number, n: number) => Math.round((count / n) * 1000) / 1000;

async function runScenario(
	install: N8nInstall,
	workDir: string,
	kind: Kind,
	n: number,
	opts: Options,
): Promise<ScenarioResult> {
	const { sl, magento, webOrders } = await startEmulators(kind, n, opts);
	const n8n = await N8nInstance.create(
		install,
		fs.mkdtempSync(path.join(workDir, `${kind}-${n}-`)),
	);
	let timer: NodeJS.Timeout | undefined;
	try {
		await n8n.importCredentials(credentials(sl, magento));
		const { id, workflow } = workflowFor(kind, sl, magento);
		await n8n.importWorkflow(workflow);
		const before = { sl: sl.stats, magento: structuredClone(magento.stats) };
		const timeoutMs = (opts.timeoutS ?? 300 + n * (kind === 'naive' ? 3 : 1)) * 1000;
		let sampler: ReturnType<typeof sampleMemory> | undefined;
		let timedOut = false;
		log(`${kind}, ${n} orders: n8n execute (timeout ${Math.round(timeoutMs / 1000)} s)`);
		const started = Date.now();
		const result = await n8n.execute(id, {}, (pid) => {
			sampler = sampleMemory(pid, 100);
			timer = setTimeout(() => {
				timedOut = true;
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}, timeoutMs);
		});
		const processMs = Date.now() - started;
		if (process.env.BENCH_DUMP_DIR)
			fs.writeFileSync(path.join(process.env.BENCH_DUMP_DIR, `${kind}-${n}.stdout`), result.stdout);
		clearTimeout(timer);
		const memory = sampler?.stop() ?? { peakRssKb: 0, peakTreeRssKb: 0, samples: 0 };
		const after = { sl: sl.stats, magento: magento.stats };
		const run = result.run;
		const startedAt = run?.startedAt ? Date.parse(run.startedAt) : NaN;
		const stoppedAt = run?.stoppedAt ? Date.parse(run.stoppedAt) : NaN;
		const executionMs =
			Number.isFinite(startedAt) && Number.isFinite(stoppedAt) ? stoppedAt - startedAt : undefined;
		const syncMs = activeSpan(sl, magento, opts);
		const error = timedOut
			? `timed out after ${Math.round(timeoutMs / 1000)} s`
			: (runError(run)?.message ?? (result.exitCode !== 0 ? result.stderr.slice(-500) : undefined));
		const sapRequests = after.sl.totalRequests - before.sl.totalRequests;
		const byRequest: Record<string, number> = {};
		for (const [k, v] of Object.entries(after.sl.requests))
			if (v - (before.sl.requests[k] ?? 0) > 0) byRequest[k] = v - (before.sl.requests[k] ?? 0);
		const magentoRequests = after.magento.total - before.magento.total;
		const byRoute: Record<string, number> = {};
		for (const [k, v] of Object.entries(after.magento.byRoute))
			if (v - (before.magento.byRoute[k] ?? 0) > 0)
				byRoute[k] = v - (before.magento.byRoute[k] ?? 0);
		return {
			workflow: kind,
			orders: n,
			exitCode: result.exitCode,
			...(error ? { error } : {}),
			processSeconds: seconds(processMs),
			syncSeconds: syncMs === undefined ? undefined : seconds(syncMs),
			executionSeconds: executionMs === undefined ? undefined : seconds(executionMs),
			ordersPerSecond: syncMs ? Math.round((n / (syncMs / 1000)) * 10) / 10 : undefined,
			sap: {
				requests: sapRequests,
				requestsPerOrder: perOrder(sapRequests, n),
				logins: after.sl.logins - before.sl.logins,
				byRequest,
			},
			magento: {
				requests: magentoRequests,
				requestsPerOrder: perOrder(magentoRequests, n),
				byRoute,
			},
			memory: {
				peakRssMb: mb(memory.peakRssKb),
				peakTreeRssMb: mb(memory.peakTreeRssKb),
				samples: memory.samples,
			},
			correctness: checkSap(sl, magento, webOrders),
			summary: kind === 'template' ? pickSummary(nodeOutput(run, COMMIT)[0]) : undefined,
		};
	} finally {
		clearTimeout(timer);
		n8n.dispose();
		await Promise.allSettled([sl.close(), magento.close()]);
	}
}

function pickSummary(s: any) {
	if (!s) return undefined;
	const { fetched, created, alreadyPresent, failed, status, cursorBefore, cursorAfter } = s;
	return { fetched, created, alreadyPresent, failed, status, cursorBefore, cursorAfter };
}

function printTable(n: number, results: ScenarioResult[]) {
	const rows: Array<[string, (r: ScenarioResult) => string]> = [
		['sync time (s)', (r) => String(r.syncSeconds ?? '—')],
		['n8n process time (s)', (r) => String(r.processSeconds)],
		['orders/s', (r) => String(r.ordersPerSecond ?? '—')],
		['SAP requests/order', (r) => String(r.sap.requestsPerOrder)],
		['SAP logins', (r) => String(r.sap.logins)],
		['Magento requests/order', (r) => String(r.magento.requestsPerOrder)],
		['peak RSS n8n (MB)', (r) => String(r.memory.peakRssMb)],
		['peak RSS n8n+runner (MB)', (r) => String(r.memory.peakTreeRssMb)],
		[`orders in SAP (of ${n})`, (r) => String(r.correctness.ordersInSap)],
		['duplicates', (r) => String(r.correctness.duplicates)],
		['SAP total = Magento total', (r) => String(r.correctness.totalsMatch)],
		['… 1 cent off (rounding)', (r) => String(r.correctness.totalsOffByOneCent)],
		['error', (r) => (r.error ? r.error.replace(/\s+/g, ' ').slice(0, 60) : '—')],
	];
	const table = [
		['', ...results.map((r) => r.workflow)],
		...rows.map(([label, f]) => [label, ...results.map(f)]),
	];
	const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
	console.log(`\n${n} orders`);
	for (const [i, r] of table.entries()) {
		console.log(
			r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
		);
		if (i === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	process.env.N8N_E2E_QUIET = '1';
	log(
		`orders ${opts.orders.join(', ')}; latency SAP ${opts.sapLatencyMs} ms (+${opts.loginLatencyMs} ms on login), Magento ${opts.magentoLatencyMs} ms`,
	);
	log('installing n8n if missing (cached), building and packing the package');
	const { nodeBin, n8nBin } = ensureN8n();
	const workDir = path.join(REPO_ROOT, '.tmp', 'bench');
	fs.rmSync(workDir, { recursive: true, force: true });
	const nodesTemplate = installPackage(path.join(workDir, 'package'));
	const install: N8nInstall = { nodeBin, n8nBin, nodesTemplate };
	const results: ScenarioResult[] = [];
	for (const n of opts.orders) {
		const perN: ScenarioResult[] = [];
		for (const kind of opts.kinds) {
			const r = await runScenario(install, workDir, kind, n, opts);
			perN.push(r);
			results.push(r);
		}
		printTable(n, perN);
	}
	const report = {
		benchmark: 'ordersSync',
		date: new Date().toISOString(),
		machine: {
			cpus: os.cpus().length,
			cpuModel: os.cpus()[0]?.model,
			memoryGb: Math.round(os.totalmem() / 2 ** 30),
			platform: `${os.platform()} ${os.release()}`,
		},
		n8n: process.env.N8N_VERSION ?? '2.41.1',
		latency: {
			sapMs: opts.sapLatencyMs,
			sapLoginExtraMs: opts.loginLatencyMs,
			magentoMs: opts.magentoLatencyMs,
		},
		results,
	};
	fs.mkdirSync(path.dirname(opts.out), { recursive: true });
	fs.writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n');
	console.log(`\nresults written to ${path.relative(process.cwd(), opts.out)}`);
	fs.rmSync(workDir, { recursive: true, force: true });
}

main().catch((e) => {
	console.error(e);
	process.exitCode = 1;
});
