/**
 * Benchmark: SAP B1 stock and prices → Magento 2, the template workflow against the naive
 * per-SKU loop of HTTP Request nodes, in a real n8n, on the emulators with injected latency.
 *
 *   npm run bench -- stock [--skus 10000] [--changed 0.01] [--sap-latency 20] [--magento-latency 10]
 *                          [--login-latency 300] [--only template,naive,naive-parallel] [--out bench/results/mine.local.json]
 *                          [--timeout-s 14400]
 *
 * Set-up for each workflow, on fresh emulators: SAP B1 holds N generated items (two warehouses,
 * price list 1) and Magento the same N simple products whose stock and price equal SAP's, as
 * after an earlier sync. Then `--changed` of the SKUs change in SAP (half by a goods receipt, half
 * by a new price) and the workflow runs once with `n8n execute`. Printed: time, requests, memory,
 * and whether Magento equals SAP afterwards.
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
import { SapStockClerk, differences, sapTargets } from '../test/e2e/sapStock';
import { credentialsFor, loadTemplate, type Systems } from '../test/e2e/systems';
import { startMagento, type MagentoEmulator } from '../test/emulators/magento';
import type { CatalogSeed } from '../test/emulators/magento/catalog';
import { magentoSeed } from '../test/emulators/seed/magento';
import { sapMasterSeed, type SapItem } from '../test/emulators/seed/sap';
import { startServiceLayer, type ServiceLayerEmulator } from '../test/emulators/serviceLayer';
import { NAIVE_STOCK_WORKFLOW_ID, naiveStockWorkflow } from './naiveStockWorkflow';
import { sampleMemory } from './processMemory';

/** naive: per-SKU requests in a loop, one SKU at a time; naive-parallel: without the loop (all at once). */
type Kind = 'template' | 'naive' | 'naive-parallel';
const KINDS: Kind[] = ['template', 'naive', 'naive-parallel'];

interface Options {
	skus: number;
	changed: number;
	sapLatencyMs: number;
	magentoLatencyMs: number;
	loginLatencyMs: number;
	kinds: Kind[];
	out: string;
	/** Per n8n execution; the process is killed after it. */
	timeoutS: number;
}

const TEMPLATE_ID = 'sapb1StockPrices';
const COMMIT = 'Checkpoint: Commit (Run Summary)';

function parseArgs(argv: string[]): Options {
	const arg = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		if (i >= 0) return argv[i + 1];
		return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
	};
	const num = (name: string, dflt: number) => {
		const v = arg(name);
		if (v === undefined) return dflt;
		const n = Number(v.replace(/[_\s]/g, ''));
		if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0`);
		return n;
	};
	const only = arg('only')?.split(',') as Kind[] | undefined;
	if (only?.some((k) => !KINDS.includes(k)))
		throw new Error('--only takes template, naive or naive-parallel (comma-separated)');
	const date = new Date().toISOString().slice(0, 10);
	return {
		skus: Math.max(10, Math.floor(num('skus', 10_000))),
		changed: Math.min(1, num('changed', 0.01)),
		sapLatencyMs: num('sap-latency', 20),
		magentoLatencyMs: num('magento-latency', 10),
		loginLatencyMs: num('login-latency', 300),
		kinds: only ?? KINDS,
		timeoutS: num('timeout-s', 14_400),
		out: path.resolve(arg('out') ?? path.join(REPO_ROOT, 'bench', 'results', `stock-${date}.json`)),
	};
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const code = (n: number) => `BENCH-${String(n).padStart(6, '0')}`;

/** N SAP items and the Magento catalogue already equal to them. */
function generate(n: number): { items: SapItem[]; catalog: CatalogSeed } {
	const items: SapItem[] = [];
	const catalog: CatalogSeed = {
		products: [],
		sources: [
			{ source_code: 'default', name: 'Default', enabled: true, country_id: 'US', postcode: '1' },
		],
		sourceItems: [],
	};
	for (let i = 1; i <= n; i++) {
		const sku = code(i);
		const w1 = (i * 37) % 500;
		const w2 = (i * 11) % 60;
		const committed = i % 7;
		const price = Math.round((5 + ((i * 13) % 9500) / 10) * 100) / 100;
		items.push({
			ItemCode: sku,
			ItemName: `Benchmark item ${i}`,
			ItemType: 'itItems',
			InventoryItem: 'tYES',
			SalesItem: 'tYES',
			PurchaseItem: 'tYES',
			Valid: 'tYES',
			Frozen: 'tNO',
			ItemsGroupCode: 100,
			ItemPrices: [{ PriceList: 1, Price: price, Currency: 'USD' }],
			ItemWarehouseInfoCollection: [
				{ WarehouseCode: '01', InStock: w1, Committed: committed, Ordered: 0 },
				{ WarehouseCode: '02', InStock: w2, Committed: 0, Ordered: 0 },
			],
			UpdateDate: '2026-11-01',
			UpdateTime: '09:00:00',
		});
		const quantity = Math.max(0, w1 + w2 - committed);
		catalog.products.push({
			id: i,
			sku,
			name: `Benchmark item ${i}`,
			type_id: 'simple',
			price,
			status: 1,
			visibility: 4,
			attribute_set_id: 4,
			created_at: '2026-01-01 00:00:00',
			updated_at: '2026-01-01 00:00:00',
		});
		catalog.sourceItems.push({
			sku,
			source_code: 'default',
			quantity,
			status: quantity > 0 ? 1 : 0,
		});
	}
	return { items, catalog };
}

async function startEmulators(kind: Kind, opts: Options) {
	const { items, catalog } = generate(opts.skus);
	const seed = { ...sapMasterSeed(), Items: items };
	const sl = await startServiceLayer({ seed });
	const magento = await startMagento({
		seed: { ...magentoSeed(), orders: [], invoices: [], catalog },
		bearerIntegrationTokens: kind !== 'template',
	});
	// The changes: every 1/changed-th SKU, alternately a goods receipt and a new price.
	const clerk = new SapStockClerk(sl);
	const changed: string[] = [];
	const step = Math.max(1, Math.round(1 / Math.max(opts.changed, 1e-9)));
	for (let i = step; i <= opts.skus && opts.changed > 0; i += step) {
		const sku = code(i);
		if (changed.length % 2 === 0) await clerk.moveStock(sku, '02', 5);
		else
			await clerk.setPrice(
				sku,
				1,
				Math.round((items[i - 1].ItemPrices[0].Price + 1.5) * 100) / 100,
			);
		changed.push(sku);
	}
	sl.setFaultPlan({
		rules: [
			{ kind: 'latency', latencyMs: opts.sapLatencyMs },
			{ kind: 'slowLogin', latencyMs: opts.loginLatencyMs },
		],
	});
	magento.setFaultPlan({ rules: [{ kind: 'latency', latencyMs: opts.magentoLatencyMs }] });
	return { sl, magento, changed };
}

function credentials(sl: ServiceLayerEmulator, magento: MagentoEmulator) {
	const noSql = { host: '127.0.0.1', port: 1, config: { database: '-', user: '-', password: '-' } };
	return credentialsFor({ sl, magento, sql: noSql } as unknown as Systems).filter(
		(c) => c.type !== 'sapB1SqlServerApi',
	);
}

function activeSpan(sl: ServiceLayerEmulator, magento: MagentoEmulator, opts: Options) {
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
	if (!arrivals.length) return undefined;
	const first = Math.min(...arrivals.map((a) => a.at));
	const end = Math.max(...arrivals.map((a) => a.at + a.latency));
	return end - first;
}

/**
 * When each system was busy, from the emulators' request log (seconds after the first request):
 * the SAP read, the stock writes and reads, the price writes and reads. The gaps between them are
 * n8n working on the items (expressions, checkpoint records).
 */
function phases(sl: ServiceLayerEmulator, magento: MagentoEmulator) {
	const all = [...sl.faults.fired, ...magento.faults.fired].filter((f) => f.kind === 'latency');
	if (!all.length) return undefined;
	const t0 = Math.min(...all.map((f) => f.at));
	const span = (list: typeof all) =>
		list.length
			? {
					from: seconds(Math.min(...list.map((f) => f.at)) - t0),
					to: seconds(Math.max(...list.map((f) => f.at)) - t0),
					requests: list.length,
				}
			: undefined;
	const m = magento.faults.fired.filter((f) => f.kind === 'latency');
	return {
		sap: span(sl.faults.fired.filter((f) => f.kind === 'latency')),
		magentoStock: span(m.filter((f) => /source-items|stockItems/.test(f.path))),
		magentoPrices: span(m.filter((f) => /base-prices/.test(f.path))),
		magentoProducts: span(m.filter((f) => /\/V1\/products$/.test(f.path))),
	};
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;
const mb = (kb: number) => Math.round(kb / 102.4) / 10;

async function runScenario(install: N8nInstall, workDir: string, kind: Kind, opts: Options) {
	log(`${kind}: ${opts.skus} SKUs, ${opts.changed * 100} % changed — setting up`);
	const { sl, magento, changed } = await startEmulators(kind, opts);
	const n8n = await N8nInstance.create(install, fs.mkdtempSync(path.join(workDir, `${kind}-`)));
	try {
		await n8n.importCredentials(credentials(sl, magento));
		const workflow =
			kind === 'template'
				? loadTemplate('stock-and-prices.json')
				: naiveStockWorkflow({
						magentoUrl: magento.url,
						magentoToken: magento.credentials.bearerToken,
						serviceLayerUrl: sl.baseUrl('v2'),
						companyDb: sl.companyDb,
						user: sl.user,
						password: sl.password,
						loop: kind === 'naive',
					});
		await n8n.importWorkflow(workflow);
		const id = kind === 'template' ? TEMPLATE_ID : NAIVE_STOCK_WORKFLOW_ID;
		const before = { sl: sl.stats, magento: structuredClone(magento.stats) };
		const written = {
			stock: magento.catalog.writes.sourceItems.length + magento.catalog.writes.stockItems.length,
			prices: magento.catalog.writes.basePrices.length,
		};
		let sampler: ReturnType<typeof sampleMemory> | undefined;
		let timer: NodeJS.Timeout | undefined;
		let timedOut = false;
		log(`${kind}: n8n execute`);
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
			}, opts.timeoutS * 1000);
		});
		clearTimeout(timer);
		const processMs = Date.now() - started;
		const memory = sampler?.stop() ?? { peakRssKb: 0, peakTreeRssKb: 0, samples: 0 };
		const after = { sl: sl.stats, magento: magento.stats };
		const byRoute: Record<string, number> = {};
		for (const [k, v] of Object.entries(after.magento.byRoute))
			if (v - (before.magento.byRoute[k] ?? 0) > 0)
				byRoute[k] = v - (before.magento.byRoute[k] ?? 0);
		const byRequest: Record<string, number> = {};
		for (const [k, v] of Object.entries(after.sl.requests))
			if (v - (before.sl.requests[k] ?? 0) > 0) byRequest[k] = v - (before.sl.requests[k] ?? 0);
		const syncMs = activeSpan(sl, magento, opts);
		const diff = differences(magento, sapTargets(sl.state.Items));
		return {
			workflow: kind,
			skus: opts.skus,
			changedInSap: changed.length,
			exitCode: result.exitCode,
			error: timedOut
				? `stopped after ${opts.timeoutS} s`
				: (runError(result.run)?.message ??
					(result.exitCode !== 0 ? result.stderr.slice(-400) : undefined)),
			processSeconds: seconds(processMs),
			syncSeconds: syncMs === undefined ? undefined : seconds(syncMs),
			phases: phases(sl, magento),
			sap: {
				requests: after.sl.totalRequests - before.sl.totalRequests,
				logins: after.sl.logins - before.sl.logins,
				byRequest,
			},
			magento: { requests: after.magento.total - before.magento.total, byRoute },
			rowsWritten: {
				stock:
					magento.catalog.writes.sourceItems.length +
					magento.catalog.writes.stockItems.length -
					written.stock,
				prices: magento.catalog.writes.basePrices.length - written.prices,
			},
			memory: { peakRssMb: mb(memory.peakRssKb), peakTreeRssMb: mb(memory.peakTreeRssKb) },
			correctness: { magentoEqualsSap: diff.length === 0, differences: diff.slice(0, 5) },
			summary:
				kind === 'template'
					? (({ fetched, created, alreadyPresent, failed, status }) => ({
							fetched,
							created,
							alreadyPresent,
							failed,
							status,
						}))(nodeOutput(result.run, COMMIT)[0] ?? {})
					: undefined,
		};
	} finally {
		n8n.dispose();
		await Promise.allSettled([sl.close(), magento.close()]);
	}
}

type Result = Awaited<ReturnType<typeof runScenario>>;

function printTable(results: Result[]) {
	const rows: Array<[string, (r: Result) => string]> = [
		['sync time (s)', (r) => String(r.syncSeconds ?? '—')],
		['n8n process time (s)', (r) => String(r.processSeconds)],
		['SAP requests', (r) => String(r.sap.requests)],
		['SAP logins', (r) => String(r.sap.logins)],
		['Magento requests', (r) => String(r.magento.requests)],
		[
			'Magento rows written (stock / price)',
			(r) => `${r.rowsWritten.stock} / ${r.rowsWritten.prices}`,
		],
		['peak RSS n8n (MB)', (r) => String(r.memory.peakRssMb)],
		['peak RSS n8n+runner (MB)', (r) => String(r.memory.peakTreeRssMb)],
		['Magento equals SAP afterwards', (r) => (r.correctness.magentoEqualsSap ? 'yes' : 'NO')],
		['error', (r) => (r.error ? String(r.error).replace(/\s+/g, ' ').slice(0, 60) : '—')],
	];
	const table = [
		['', ...results.map((r) => r.workflow)],
		...rows.map(([label, f]) => [label, ...results.map(f)]),
	];
	const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
	console.log(`\n${results[0]?.skus} SKUs, ${results[0]?.changedInSap} changed in SAP`);
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
		`${opts.skus} SKUs, ${opts.changed * 100} % changed; latency SAP ${opts.sapLatencyMs} ms (+${opts.loginLatencyMs} ms on login), Magento ${opts.magentoLatencyMs} ms`,
	);
	const { nodeBin, n8nBin } = ensureN8n();
	const workDir = path.join(REPO_ROOT, '.tmp', 'bench-stock');
	fs.rmSync(workDir, { recursive: true, force: true });
	const nodesTemplate = installPackage(path.join(workDir, 'package'));
	const install: N8nInstall = { nodeBin, n8nBin, nodesTemplate };
	const results: Result[] = [];
	for (const kind of opts.kinds) results.push(await runScenario(install, workDir, kind, opts));
	printTable(results);
	const report = {
		benchmark: 'stockSync',
		date: new Date().toISOString(),
		machine: {
			cpus: os.cpus().length,
			cpuModel: os.cpus()[0]?.model,
			memoryGb: Math.round(os.totalmem() / 2 ** 30),
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
