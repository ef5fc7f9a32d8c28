/**
 * Benchmark: the two templates (Magento orders → SAP sales orders; SAP deliveries → Magento
 * shipments, from the Service Layer or from SQL Server) against the naive HTTP Request flows, in
 * a real n8n, on the emulators under a flat and a realistic latency profile. Not a test: it
 * prints figures. See bench/README.md for what is measured and the sources of the profiles.
 *
 *   npm run bench                                  the whole matrix (hours: see bench/README.md)
 *   npm run bench -- --quick                       100 records of everything (minutes)
 *   npm run bench -- --flows orders --records 1000 --profiles realistic --impl template
 *        [--sources serviceLayer,sqlServer] [--sessions parallel,serial] [--match <regex on ids>]
 *        [--out bench/results/mine.local.json] [--resume] [--timeout-s 3600] [--list]
 *
 * Every figure is read from the emulators (what landed in SAP / Magento, their request logs) and
 * from the execution n8n stored in its database; never from `n8n execute`'s printout.
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
	type ExecuteResult,
	type N8nInstall,
} from '../test/e2e/n8n';
import { SapClerk } from '../test/e2e/sapDeliveries';
import { credentialsFor, loadTemplate, setNodeParameters, type Systems } from '../test/e2e/systems';
import type { FaultPlan } from '../test/emulators/faults';
import type { LatencyProfile, SchedulingOptions } from '../test/emulators/latency';
import {
	REALISTIC_SL_SCHEDULING,
	flatProfile,
	flatSqlServer,
	realisticMagento,
	realisticServiceLayer,
	realisticSqlServer,
} from '../test/emulators/latencyProfiles';
import { startMagento, type MagentoEmulator } from '../test/emulators/magento';
import { generateOrders, magentoSeed } from '../test/emulators/seed/magento';
import { sapSeed, type SapSeed } from '../test/emulators/seed/sap';
import { startServiceLayer, type ServiceLayerEmulator } from '../test/emulators/serviceLayer';
import { startSqlServer, type SqlServerEmulator } from '../test/emulators/tds';
import { fromLog, latencyFloor, type TimedRequest } from './floor';
import { NAIVE_SHIPMENTS_ID, naiveShipmentsWorkflow } from './naiveShipments';
import { NAIVE_WORKFLOW_ID, naiveWorkflow } from './naiveWorkflow';
import { sampleMemory } from './processMemory';
import { markdownTables, printScenario } from './report';

export type Flow = 'orders' | 'shipments';
export type Impl = 'template' | 'naive';
export type Source = 'serviceLayer' | 'sqlServer';
export type ProfileName = 'flat' | 'realistic';
export type Sessions = 'parallel' | 'serial';

export interface Scenario {
	id: string;
	flow: Flow;
	impl: Impl;
	/** Where the shipments flow reads deliveries (the orders flow always writes to the Service Layer). */
	source: Source;
	records: number;
	profile: ProfileName;
	sessions: Sessions;
	/** Run the workflow a second time right after, and measure that idle run. */
	idleRun: boolean;
}

interface Options {
	scenarios: Scenario[];
	out: string;
	resume: boolean;
	timeoutS?: number;
}

export const ORDERS_ID = 'sapb1OrdersSync';
const SHIPMENTS_ID = 'sapb1ShipNotify';
export const COMMIT = 'Checkpoint: Commit (Run Summary)';
const FIRST_ORDER_AT = '2026-10-01 00:00:00';
export const INITIAL_CURSOR = '2026-09-30 00:00:00';
const DELIVERIES_SINCE = '2020-01-01';
/** n8n prints nothing at this level; the run is read from its database. */
export const N8N_ENV = { N8N_LOG_LEVEL: 'warn' };

const log = (s: string) =>
	process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

// ---------------------------------------------------------------------------------------------
// Scenarios

const scenarioId = (s: Omit<Scenario, 'id' | 'idleRun'>) =>
	[
		s.flow,
		s.impl,
		...(s.flow === 'shipments' ? [s.source === 'sqlServer' ? 'sql' : 'sl'] : []),
		s.records,
		s.profile,
		...(s.sessions === 'serial' ? ['serial'] : []),
	].join('/');

function list<T extends string>(v: string | undefined, allowed: readonly T[], dflt: T[]): T[] {
	if (v === undefined) return dflt;
	const alias: Record<string, string> = { sl: 'serviceLayer', sql: 'sqlServer' };
	const items = v.split(',').map((x) => (alias[x.trim()] ?? x.trim()) as T);
	for (const x of items)
		if (!allowed.includes(x))
			throw new Error(`unknown value "${x}" (allowed: ${allowed.join(', ')})`);
	return items;
}

export function parseArgs(argv: string[]): Options {
	const arg = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		if (i >= 0) return argv[i + 1];
		return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
	};
	const flag = (name: string) => argv.includes(`--${name}`);
	const quick = flag('quick');
	const records = (arg('records') ?? arg('orders') ?? (quick ? '100' : '100,1000,10000'))
		.split(',')
		.map((s) => Number(s.replace(/[_\s]/g, '')));
	if (records.some((n) => !Number.isInteger(n) || n < 1 || n > 100_000))
		throw new Error('--records takes a list of counts between 1 and 100000, e.g. 100,1000');
	const flows = list(arg('flows'), ['orders', 'shipments'] as const, ['orders', 'shipments']);
	const impls = list(arg('impl') ?? arg('only'), ['template', 'naive'] as const, [
		'template',
		'naive',
	]);
	const sources = list(arg('sources'), ['serviceLayer', 'sqlServer'] as const, [
		'serviceLayer',
		'sqlServer',
	]);
	const profiles = list(arg('profiles'), ['flat', 'realistic'] as const, ['flat', 'realistic']);
	const sessionsArg = arg('sessions');
	const sessions = list(sessionsArg, ['parallel', 'serial'] as const, ['parallel']);
	const naiveMax = Number(arg('naive-max') ?? 1000);
	const scenarios: Scenario[] = [];
	const add = (s: Omit<Scenario, 'id' | 'idleRun'>) => {
		const id = scenarioId(s);
		if (scenarios.some((x) => x.id === id)) return;
		scenarios.push({ ...s, id, idleRun: s.impl === 'template' && s.records === 1000 });
	};
	for (const n of records)
		for (const profile of profiles)
			for (const flow of flows)
				for (const impl of impls)
					for (const source of flow === 'shipments' ? sources : (['serviceLayer'] as const))
						for (const s of sessions) {
							if (impl === 'naive' && (n > naiveMax || source === 'sqlServer')) continue;
							// One session at a time changes nothing for flows that use one request at a time.
							if (s === 'serial' && (impl === 'naive' || source === 'sqlServer')) continue;
							add({ flow, impl, source, records: n, profile, sessions: s });
						}
	// By default, also the orders template on a Service Layer serving one session's requests one at a time.
	if (sessionsArg === undefined && !quick)
		for (const n of records.filter((r) => r === 1000))
			if (flows.includes('orders') && impls.includes('template') && profiles.includes('realistic'))
				add({
					flow: 'orders',
					impl: 'template',
					source: 'serviceLayer',
					records: n,
					profile: 'realistic',
					sessions: 'serial',
				});
	const match = arg('match');
	const selected = match ? scenarios.filter((s) => new RegExp(match).test(s.id)) : scenarios;
	const date = new Date().toISOString().slice(0, 10);
	return {
		scenarios: selected,
		out: path.resolve(arg('out') ?? path.join(REPO_ROOT, 'bench', 'results', `sync-${date}.json`)),
		resume: flag('resume'),
		timeoutS: arg('timeout-s') ? Number(arg('timeout-s')) : undefined,
	};
}

// ---------------------------------------------------------------------------------------------
// Profiles

interface Latency {
	sl: LatencyProfile;
	magento: LatencyProfile;
	sql: FaultPlan;
	slScheduling: SchedulingOptions;
}

export function latencyFor(s: Pick<Scenario, 'profile' | 'sessions'>): Latency {
	const serial = s.sessions === 'serial';
	if (s.profile === 'flat')
		return {
			sl: flatProfile(20),
			magento: flatProfile(20),
			sql: flatSqlServer(20),
			slScheduling: { serialSessions: serial },
		};
	return {
		sl: realisticServiceLayer(),
		magento: realisticMagento(),
		sql: realisticSqlServer(),
		slScheduling: { ...REALISTIC_SL_SCHEDULING, serialSessions: serial },
	};
}

export function applyLatency(
	l: Latency | undefined,
	sl: ServiceLayerEmulator,
	magento: MagentoEmulator,
	sql?: SqlServerEmulator,
) {
	sl.setLatencyProfile(l?.sl);
	sl.setScheduling(l?.slScheduling ?? {});
	magento.setLatencyProfile(l?.magento);
	sql?.setFaultPlan(l?.sql);
}

// ---------------------------------------------------------------------------------------------
// Systems and workflows

export interface Prepared {
	sapState: SapSeed;
	magento: Parameters<MagentoEmulator['reset']>[0];
	/** The web orders (orders flow) or the deliveries' tracking numbers (shipments flow). */
	keys: string[];
}

/**
 * The Service Layer credential's session pool: 1 session (the default) on a Service Layer that
 * serves a session's requests in parallel; on one that serves them one at a time, as many
 * sessions as the nodes' Concurrency (4), so that concurrency stays real.
 */
export const slSessionsFor = (s: Pick<Scenario, 'sessions'>) => (s.sessions === 'serial' ? 4 : 1);

export function credentials(
	sl: ServiceLayerEmulator,
	magento: MagentoEmulator,
	sql?: SqlServerEmulator,
	slSessions = 1,
) {
	const noSql = { host: '127.0.0.1', port: 1, config: { database: '-', user: '-', password: '-' } };
	return credentialsFor({ sl, magento, sql: sql ?? noSql } as unknown as Systems)
		.filter((c) => sql || c.type !== 'sapB1SqlServerApi')
		.map((c) =>
			c.type === 'sapB1ServiceLayerApi' && slSessions > 1
				? { ...c, data: { ...c.data, sessions: slSessions } }
				: c,
		);
}

function workflowFor(
	s: Scenario,
	sl: ServiceLayerEmulator,
	magento: MagentoEmulator,
): { id: string; workflow: any } {
	const common = {
		magentoUrl: magento.url,
		magentoToken: magento.credentials.bearerToken,
		serviceLayerUrl: sl.baseUrl('v2'),
		companyDb: sl.companyDb,
		user: sl.user,
		password: sl.password,
	};
	if (s.flow === 'orders' && s.impl === 'naive')
		return {
			id: NAIVE_WORKFLOW_ID,
			workflow: naiveWorkflow({ ...common, updatedSince: INITIAL_CURSOR }),
		};
	if (s.flow === 'shipments' && s.impl === 'naive')
		return {
			id: NAIVE_SHIPMENTS_ID,
			workflow: naiveShipmentsWorkflow({ ...common, updatedSince: DELIVERIES_SINCE }),
		};
	const file = s.flow === 'orders' ? 'sync-orders-chain.json' : 'shipment-notification.json';
	const workflow = loadTemplate(file);
	const start = workflow.nodes.find((n: any) => n.name === 'Checkpoint: Start');
	// One run for all the records (the templates' Max Records Per Run is 1 000).
	const startOptions = { ...(start.parameters.startOptions ?? {}) };
	startOptions.maxRecords = Math.max(Number(startOptions.maxRecords ?? 0), s.records);
	setNodeParameters(workflow, 'Checkpoint: Start', {
		initialCursor:
			s.flow === 'orders'
				? INITIAL_CURSOR
				: JSON.stringify({ date: DELIVERIES_SINCE, time: '00:00:00', docEntry: 0 }),
		startOptions,
	});
	if (s.flow === 'shipments' && s.source === 'sqlServer') {
		const fetch = workflow.nodes.find((n: any) => n.name === 'SAP B1: Get Deliveries');
		fetch.parameters.source = 'sqlServer';
		fetch.credentials = { sapB1SqlServerApi: { id: 'sapb1SqlServer', name: 'SAP B1 SQL Server' } };
	}
	return { id: s.flow === 'orders' ? ORDERS_ID : SHIPMENTS_ID, workflow };
}

export function ordersSeed(n: number): Prepared {
	const generated = generateOrders(n, { from: FIRST_ORDER_AT });
	return {
		sapState: sapSeed(),
		magento: { ...magentoSeed(), orders: generated.orders, invoices: generated.invoices },
		keys: generated.orders.map((o) => o.increment_id),
	};
}

/**
 * The shipments flow needs N SAP deliveries of N web orders: the orders template runs once
 * without latency (as the orders flow would have), then a warehouse clerk makes one delivery with
 * a tracking number per sales order through the Service Layer. Cached per N for the scenarios.
 */
const preparedShipments = new Map<number, Prepared>();
async function shipmentsSeed(install: N8nInstall, workDir: string, n: number): Promise<Prepared> {
	const cached = preparedShipments.get(n);
	if (cached) return cached;
	log(`preparing ${n} SAP deliveries (orders template without latency, then a clerk)`);
	const orders = ordersSeed(n);
	const sl = await startServiceLayer({ seed: orders.sapState });
	const magento = await startMagento({ seed: orders.magento, bearerIntegrationTokens: true });
	const n8n = await N8nInstance.create(install, fs.mkdtempSync(path.join(workDir, `prep-${n}-`)));
	try {
		await n8n.importCredentials(credentials(sl, magento));
		const { id, workflow } = workflowFor(
			{ ...({} as Scenario), flow: 'orders', impl: 'template', records: n },
			sl,
			magento,
		);
		await n8n.importWorkflow(workflow);
		const run = await n8n.execute(id, N8N_ENV, undefined, { items: false });
		if (!run.succeeded) throw new Error(`preparing: the orders run failed: ${failure(run)}`);
		const clerk = new SapClerk(sl);
		const webOrders = orders.keys.filter((w) =>
			(sl.state.Orders as any[]).some((o) => o.NumAtCard === w && o.Cancelled !== 'tYES'),
		);
		const tracking = webOrders.map((_, i) => `1ZBENCH${String(i).padStart(7, '0')}`);
		let next = 0;
		await Promise.all(
			Array.from({ length: 8 }, async () => {
				while (next < webOrders.length) {
					const i = next++;
					await clerk.deliver({
						webOrder: webOrders[i],
						tracking: tracking[i],
						transportationCode: 1 + (i % 3),
					});
				}
			}),
		);
		// Only these deliveries: the SAP seed's own (of web orders this Magento does not hold) would fail.
		const sapState = structuredClone(sl.state);
		const seeded = new Set((orders.sapState.DeliveryNotes as any[]).map((d) => d.DocEntry));
		sapState.DeliveryNotes = (sapState.DeliveryNotes as any[]).filter(
			(d) => !seeded.has(d.DocEntry),
		);
		const prepared: Prepared = {
			sapState,
			magento: {
				...magentoSeed(),
				orders: structuredClone(magento.state.orders),
				invoices: structuredClone(magento.state.invoices),
				shipments: structuredClone(magento.state.shipments),
			},
			keys: tracking,
		};
		preparedShipments.set(n, prepared);
		log(`prepared ${tracking.length} deliveries of ${n} web orders`);
		return prepared;
	} finally {
		n8n.dispose();
		await Promise.allSettled([sl.close(), magento.close()]);
	}
}

// ---------------------------------------------------------------------------------------------
// Measuring

export interface RouteCount {
	count: number;
	perRecord: number;
}
export interface SystemRequests {
	total: number;
	perRecord: number;
	byRoute: Record<string, RouteCount>;
}

export interface IdleResult {
	ok: boolean;
	error?: string;
	executionSeconds?: number;
	syncSeconds?: number;
	processSeconds: number;
	requests: { sap: number; magento: number; sql: number };
	byRoute: Record<string, number>;
	logins: number;
	summary?: Record<string, unknown>;
}

export interface ScenarioResult extends Scenario {
	ok: boolean;
	/** Sessions in the Service Layer credential's pool. */
	slSessions?: number;
	error?: string;
	machineLoad: { before: number[]; after: number[] };
	cli: { exitCode: number; printFailed: boolean };
	/** Wall time of the `n8n execute` process (start-up ≈ 3 s and the printout included). */
	processSeconds: number;
	/** First request an emulator received → last answer sent. */
	syncSeconds?: number;
	/** n8n's own startedAt → stoppedAt of the stored execution. */
	executionSeconds?: number;
	recordsPerSecond?: number;
	requests: { sap: SystemRequests; magento: SystemRequests; sql: SystemRequests };
	logins: number;
	memory: {
		/** n8n + its task runner, up to the moment the execution was stored (the CLI's printout excluded). */
		peakTreeMb: number;
		peakRssMb: number;
		/** The same over the whole `n8n execute` process. */
		processPeakTreeMb: number;
		processPeakRssMb: number;
		samples: number;
	};
	execution?: { id?: number; status?: string; jsonSizeBytes?: number; dataChars?: number };
	floor?: {
		floorSeconds: number;
		ratio?: number;
		serialFloorSeconds: number;
		serialRatio?: number;
		unattributed: number;
		nodes: Array<{
			node: string;
			runs: number;
			activeSeconds: number;
			requests: number;
			byRoute: Record<string, number>;
			latencySeconds: number;
			concurrency: number;
			floorSeconds: number;
			sapSessions: number;
		}>;
	};
	correctness: Record<string, unknown>;
	summary?: Record<string, unknown>;
	idle?: IdleResult;
}

export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
export const mb = (kb: number) => Math.round(kb / 102.4) / 10;

function failure(r: ExecuteResult): string {
	if (!r.execution) return `n8n stored no execution (exit ${r.exitCode}): ${r.stderr.slice(-400)}`;
	return (
		runError(r.run)?.message ??
		r.execution.error?.message ??
		`execution ${r.execution.status ?? 'unknown'}${r.execution.unreadable ? `: ${r.execution.unreadable}` : ''}`
	);
}

function sqlRequests(sql: SqlServerEmulator | undefined, from = 0): TimedRequest[] {
	return (sql?.stats.queries ?? []).slice(from).map((q) => ({
		system: 'sql' as const,
		route: 'query',
		arrivedAt: q.at ?? 0,
		endedAt: (q.at ?? 0) + (q.ms ?? 0),
		latencyMs: q.latencyMs ?? 0,
	}));
}

function countRoutes(reqs: TimedRequest[], n: number): SystemRequests {
	const byRoute: Record<string, RouteCount> = {};
	for (const r of reqs) {
		byRoute[r.route] ??= { count: 0, perRecord: 0 };
		byRoute[r.route].count++;
	}
	for (const v of Object.values(byRoute)) v.perRecord = round(v.count / n, 3);
	return { total: reqs.length, perRecord: round(reqs.length / n, 3), byRoute };
}

function span(reqs: TimedRequest[]): number | undefined {
	if (reqs.length === 0) return undefined;
	let first = Infinity;
	let last = -Infinity;
	for (const r of reqs) {
		first = Math.min(first, r.arrivedAt);
		last = Math.max(last, r.endedAt);
	}
	return (last - first) / 1000;
}

export function checkOrders(
	sl: ServiceLayerEmulator,
	magento: MagentoEmulator,
	webOrders: string[],
) {
	const wanted = new Set(webOrders);
	const docs = new Map<string, any[]>();
	for (const doc of sl.state.Orders as any[]) {
		if (!wanted.has(doc.NumAtCard) || doc.Cancelled === 'tYES') continue;
		docs.set(doc.NumAtCard, [...(docs.get(doc.NumAtCard) ?? []), doc]);
	}
	let duplicates = 0;
	let totalsMatch = 0;
	let totalsOffByOneCent = 0;
	for (const [webOrder, found] of docs) {
		duplicates += found.length - 1;
		const diff = Math.abs(
			Number(found[0].DocTotal) - Number(magento.findOrder(webOrder)?.grand_total),
		);
		if (diff < 0.005) totalsMatch++;
		else if (diff < 0.015) totalsOffByOneCent++;
	}
	const commented = webOrders.filter((w) =>
		(magento.findOrder(w)?.status_histories ?? []).some((h: any) =>
			String(h.comment ?? '').startsWith('Created in SAP B1 as sales order'),
		),
	).length;
	return {
		inSap: docs.size,
		missing: webOrders.length - docs.size,
		duplicates,
		totalsMatch,
		totalsOffByOneCent,
		commented,
	};
}

function checkShipments(magento: MagentoEmulator, tracking: string[]) {
	const shipments = new Map<string, number>();
	for (const s of magento.state.shipments)
		for (const t of s.tracks)
			shipments.set(t.track_number, (shipments.get(t.track_number) ?? 0) + 1);
	const emails = new Map<string, number>();
	for (const e of magento.state.emails.filter((x) => x.type === 'shipment'))
		for (const t of e.trackingNumbers ?? []) emails.set(t, (emails.get(t) ?? 0) + 1);
	return {
		deliveries: tracking.length,
		shipped: tracking.filter((t) => shipments.has(t)).length,
		missing: tracking.filter((t) => !shipments.has(t)).length,
		duplicates: tracking.reduce((n, t) => n + Math.max(0, (shipments.get(t) ?? 0) - 1), 0),
		emails: tracking.filter((t) => emails.has(t)).length,
		extraEmails: tracking.reduce((n, t) => n + Math.max(0, (emails.get(t) ?? 0) - 1), 0),
	};
}

export function pickSummary(s: any): Record<string, unknown> | undefined {
	if (!s || typeof s !== 'object') return undefined;
	const keys = [
		'status',
		'fetched',
		'created',
		'alreadyPresent',
		'failed',
		'remaining',
		'cursorBefore',
		'cursorAfter',
	];
	return Object.fromEntries(keys.filter((k) => k in s).map((k) => [k, s[k]]));
}

/** One `n8n execute` with memory sampling and the moment the execution was stored. */
async function measuredExecute(
	n8n: N8nInstance,
	id: string,
	timeoutMs: number,
	readItems: string[],
) {
	let sampler: ReturnType<typeof sampleMemory> | undefined;
	let timer: NodeJS.Timeout | undefined;
	let timedOut = false;
	const startedAt = Date.now();
	const watcher = n8n.watchExecution(id, startedAt);
	try {
		const result = await n8n.execute(
			id,
			N8N_ENV,
			(pid) => {
				sampler = sampleMemory(pid, 100);
				timer = setTimeout(() => {
					timedOut = true;
					try {
						process.kill(pid, 'SIGKILL');
					} catch {
						// already gone
					}
				}, timeoutMs);
			},
			{ items: readItems },
		);
		const processMs = Date.now() - startedAt;
		clearTimeout(timer);
		const whole = sampler?.stop() ?? { peakRssKb: 0, peakTreeRssKb: 0, samples: 0 };
		const stored = await Promise.race([
			watcher.stored,
			new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000)),
		]);
		const untilStored = stored && sampler ? sampler.until(stored.storedAt) : whole;
		return { result, processMs, timedOut, whole, untilStored };
	} finally {
		clearTimeout(timer);
		watcher.stop();
	}
}

async function runScenario(install: N8nInstall, workDir: string, s: Scenario, opts: Options) {
	const prepared =
		s.flow === 'orders' ? ordersSeed(s.records) : await shipmentsSeed(install, workDir, s.records);
	const sl = await startServiceLayer({ seed: prepared.sapState });
	const magento = await startMagento({ seed: prepared.magento, bearerIntegrationTokens: true });
	const sql =
		s.flow === 'shipments' && s.source === 'sqlServer'
			? await startSqlServer({ seed: sl.state })
			: undefined;
	const n8n = await N8nInstance.create(
		install,
		fs.mkdtempSync(path.join(workDir, `${s.id.replace(/\//g, '-')}-`)),
	);
	const loadBefore = os.loadavg().map((x) => round(x, 1));
	try {
		await n8n.importCredentials(credentials(sl, magento, sql, slSessionsFor(s)));
		const { id, workflow } = workflowFor(s, sl, magento);
		await n8n.importWorkflow(workflow);
		applyLatency(latencyFor(s), sl, magento, sql);
		const perRecordS =
			s.impl === 'naive'
				? s.profile === 'realistic'
					? 8
					: 3
				: s.profile === 'realistic'
					? 1.5
					: 0.5;
		const timeoutMs = (opts.timeoutS ?? 300 + s.records * perRecordS) * 1000;
		log(`${s.id}: n8n execute (timeout ${Math.round(timeoutMs / 1000)} s)`);
		const readItems = s.impl === 'template' ? [COMMIT] : [];
		const m = await measuredExecute(n8n, id, timeoutMs, readItems);
		const { result } = m;
		const reqs = [
			...fromLog('sap', sl.requestLog),
			...fromLog('magento', magento.requestLog),
			...sqlRequests(sql),
		];
		const syncSeconds = span(reqs);
		const exec = result.execution;
		const executionSeconds =
			exec?.startedAt && exec?.stoppedAt
				? (Date.parse(exec.stoppedAt) - Date.parse(exec.startedAt)) / 1000
				: undefined;
		const floor = exec?.nodes ? latencyFloor(exec.nodes, workflow.nodes, reqs) : undefined;
		const correctness =
			s.flow === 'orders'
				? checkOrders(sl, magento, prepared.keys)
				: checkShipments(magento, prepared.keys);
		const error = m.timedOut
			? `timed out after ${Math.round(timeoutMs / 1000)} s`
			: result.succeeded
				? undefined
				: failure(result);
		const summary =
			s.impl === 'template' ? pickSummary(nodeOutput(result.run, COMMIT)[0]) : undefined;
		const res: ScenarioResult = {
			...s,
			ok: !error,
			slSessions: slSessionsFor(s),
			...(error ? { error } : {}),
			machineLoad: { before: loadBefore, after: os.loadavg().map((x) => round(x, 1)) },
			cli: { exitCode: result.exitCode, printFailed: result.exitCode !== 0 && result.succeeded },
			processSeconds: round(m.processMs / 1000),
			syncSeconds: syncSeconds === undefined ? undefined : round(syncSeconds),
			executionSeconds: executionSeconds === undefined ? undefined : round(executionSeconds),
			recordsPerSecond: syncSeconds ? round(s.records / syncSeconds, 1) : undefined,
			requests: {
				sap: countRoutes(
					reqs.filter((r) => r.system === 'sap'),
					s.records,
				),
				magento: countRoutes(
					reqs.filter((r) => r.system === 'magento'),
					s.records,
				),
				sql: countRoutes(
					reqs.filter((r) => r.system === 'sql'),
					s.records,
				),
			},
			logins: sl.stats.logins,
			memory: {
				peakTreeMb: mb(m.untilStored.peakTreeRssKb),
				peakRssMb: mb(m.untilStored.peakRssKb),
				processPeakTreeMb: mb(m.whole.peakTreeRssKb),
				processPeakRssMb: mb(m.whole.peakRssKb),
				samples: m.whole.samples,
			},
			execution: exec
				? {
						id: exec.id,
						status: exec.status,
						jsonSizeBytes: exec.jsonSizeBytes,
						dataChars: exec.dataChars,
					}
				: undefined,
			floor: floor
				? {
						floorSeconds: round(floor.floorMs / 1000),
						ratio:
							syncSeconds && floor.floorMs > 0
								? round(syncSeconds / (floor.floorMs / 1000))
								: undefined,
						serialFloorSeconds: round(floor.serialFloorMs / 1000),
						serialRatio:
							syncSeconds && floor.serialFloorMs > 0
								? round(syncSeconds / (floor.serialFloorMs / 1000))
								: undefined,
						unattributed: floor.unattributed,
						nodes: floor.nodes
							.filter((x) => x.requests > 0 || x.activeMs >= 1000)
							.map((x) => ({
								node: x.node,
								runs: x.runs,
								activeSeconds: round(x.activeMs / 1000),
								requests: x.requests,
								byRoute: x.byRoute,
								latencySeconds: round(x.latencyMs / 1000),
								concurrency: x.concurrency,
								floorSeconds: round(x.floorMs / 1000),
								sapSessions: x.sapSessions,
							})),
					}
				: undefined,
			correctness,
			...(summary ? { summary } : {}),
		};
		if (s.idleRun && res.ok) res.idle = await idleRun(n8n, id, sl, magento, sql, timeoutMs);
		return res;
	} finally {
		n8n.dispose();
		await Promise.allSettled([sl.close(), magento.close(), sql?.close()]);
	}
}

/** The same workflow again right after: what a run with nothing new costs. */
async function idleRun(
	n8n: N8nInstance,
	id: string,
	sl: ServiceLayerEmulator,
	magento: MagentoEmulator,
	sql: SqlServerEmulator | undefined,
	timeoutMs: number,
): Promise<IdleResult> {
	const mark = {
		sap: sl.requestLog.length,
		magento: magento.requestLog.length,
		sql: sql?.stats.queries.length ?? 0,
	};
	const logins = sl.stats.logins;
	log(`  idle run right after`);
	const m = await measuredExecute(n8n, id, timeoutMs, [COMMIT]);
	const reqs = [
		...fromLog('sap', sl.requestLog.slice(mark.sap)),
		...fromLog('magento', magento.requestLog.slice(mark.magento)),
		...sqlRequests(sql, mark.sql),
	];
	const exec = m.result.execution;
	const byRoute: Record<string, number> = {};
	for (const r of reqs) {
		const key = `${r.system === 'sap' ? 'SAP' : r.system === 'sql' ? 'SQL' : 'Magento'} ${r.route}`;
		byRoute[key] = (byRoute[key] ?? 0) + 1;
	}
	const syncSeconds = span(reqs);
	return {
		ok: m.result.succeeded && !m.timedOut,
		...(m.result.succeeded ? {} : { error: failure(m.result) }),
		executionSeconds:
			exec?.startedAt && exec?.stoppedAt
				? round((Date.parse(exec.stoppedAt) - Date.parse(exec.startedAt)) / 1000)
				: undefined,
		syncSeconds: syncSeconds === undefined ? undefined : round(syncSeconds),
		processSeconds: round(m.processMs / 1000),
		requests: {
			sap: reqs.filter((r) => r.system === 'sap').length,
			magento: reqs.filter((r) => r.system === 'magento').length,
			sql: reqs.filter((r) => r.system === 'sql').length,
		},
		byRoute,
		logins: sl.stats.logins - logins,
		summary: pickSummary(nodeOutput(m.result.run, COMMIT)[0]),
	};
}

// ---------------------------------------------------------------------------------------------

export function machine() {
	return {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		platform: `${os.platform()} ${os.release()}`,
		node: process.version,
	};
}

export function gitCommit(): string | undefined {
	try {
		const head = fs.readFileSync(path.join(REPO_ROOT, '.git'), 'utf8');
		const gitDir = head.startsWith('gitdir:') ? head.slice(7).trim() : path.join(REPO_ROOT, '.git');
		const ref = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
		if (!ref.startsWith('ref:')) return ref;
		const name = ref.slice(4).trim();
		const common = fs.existsSync(path.join(gitDir, 'commondir'))
			? path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim())
			: gitDir;
		for (const dir of [gitDir, common]) {
			const file = path.join(dir, name);
			if (fs.existsSync(file))
				return `${name.replace('refs/heads/', '')} ${fs.readFileSync(file, 'utf8').trim()}`;
		}
		const packed = path.join(common, 'packed-refs');
		const line = fs.existsSync(packed)
			? fs
					.readFileSync(packed, 'utf8')
					.split('\n')
					.find((l) => l.endsWith(` ${name}`))
			: undefined;
		return line ? `${name.replace('refs/heads/', '')} ${line.split(' ')[0]}` : name;
	} catch {
		return undefined;
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	process.env.N8N_E2E_QUIET = '1';
	let results: ScenarioResult[] = [];
	if (opts.resume && fs.existsSync(opts.out))
		results = (JSON.parse(fs.readFileSync(opts.out, 'utf8')).results ?? []) as ScenarioResult[];
	const todo = opts.scenarios.filter((s) => !results.some((r) => r.id === s.id && r.ok));
	log(
		`${todo.length} scenarios${results.length ? ` (${results.length} results kept from ${opts.out})` : ''}:`,
	);
	for (const s of todo) log(`  ${s.id}${s.idleRun ? ' (+ idle run)' : ''}`);
	if (process.argv.includes('--list')) return;
	log('installing n8n if missing (cached), building and packing the package');
	const { nodeBin, n8nBin } = ensureN8n();
	const workDir = path.join(os.tmpdir(), `n8n-sapb1-bench-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const nodesTemplate = installPackage(path.join(workDir, 'package'));
	const install: N8nInstall = { nodeBin, n8nBin, nodesTemplate };
	const started = new Date().toISOString();
	const write = () => {
		const report = {
			benchmark: 'sync',
			date: started,
			commit: gitCommit(),
			machine: machine(),
			n8n: process.env.N8N_VERSION ?? '2.41.1',
			command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
			results,
		};
		fs.mkdirSync(path.dirname(opts.out), { recursive: true });
		fs.writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n');
		fs.writeFileSync(opts.out.replace(/\.json$/, '') + '.md', markdownTables(report));
	};
	for (const s of todo) {
		let r: ScenarioResult;
		try {
			r = await runScenario(install, workDir, s, opts);
		} catch (e) {
			r = {
				...s,
				ok: false,
				error: (e as Error).stack ?? String(e),
				machineLoad: { before: [], after: os.loadavg() },
				cli: { exitCode: -1, printFailed: false },
				processSeconds: 0,
				requests: {
					sap: { total: 0, perRecord: 0, byRoute: {} },
					magento: { total: 0, perRecord: 0, byRoute: {} },
					sql: { total: 0, perRecord: 0, byRoute: {} },
				},
				logins: 0,
				memory: {
					peakTreeMb: 0,
					peakRssMb: 0,
					processPeakTreeMb: 0,
					processPeakRssMb: 0,
					samples: 0,
				},
				correctness: {},
			};
		}
		results = [...results.filter((x) => x.id !== r.id), r];
		printScenario(r);
		write();
	}
	write();
	console.log(`\nresults written to ${path.relative(process.cwd(), opts.out)} (and .md)`);
	fs.rmSync(workDir, { recursive: true, force: true });
	if (results.some((r) => !r.ok)) process.exitCode = 1;
}

if (require.main === module)
	main().catch((e) => {
		console.error(e);
		process.exitCode = 1;
	});
