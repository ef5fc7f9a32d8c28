/**
 * Issue 8, part 5: both templates in n8n queue mode. A main and two workers share one Redis (the
 * queue, and the templates' Run Coordination through n8n's Redis credential), one SQLite database
 * and one encryption key. Both templates are published on a schedule of a few seconds against
 * emulators with latency, so that runs last longer than the interval and overlap. During the run:
 * a manual run from the editor endpoint, SAP deliveries made as the orders arrive (one partial, one
 * without tracking), and one worker SIGKILLed while it runs the orders sync. Afterwards: every
 * eligible web order once in SAP and commented once, every delivery with tracking one Magento
 * shipment and one e-mail, the failing order's retry entry intact, skipped runs reported as
 * skipped, the killed execution ended as error and never re-run, and its lease taken over only
 * after its timeout. A short account goes to stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { generateOrders, magentoSeed } from '../emulators/seed/magento';
import { startRedis, type RedisServer } from '../helpers/redis';
import { QueueCluster, type N8nProcess } from './n8n';
import { SapClerk, type DeliveryRequest } from './sapDeliveries';
import {
	coordinateInRedis,
	credentialsFor,
	installFromEnv,
	loadTemplate,
	redisCredential,
	scheduleEverySeconds,
	setNodeParameters,
	startSystems,
	type Systems,
} from './systems';

jest.setTimeout(20 * 60_000);

/** The set-up under test; the figures in the README's Queue mode section come from these. */
const SETUP = {
	scheduleSeconds: 2,
	leaseSeconds: 20,
	maxOrdersPerRun: 6,
	maxDeliveriesPerRun: 8,
	generatedOrders: 30,
	sapLatencyMs: 350,
	magentoLatencyMs: 300,
	/** More on Magento's POST …/ship, so that a shipment run with deliveries outlasts the interval. */
	shipLatencyMs: 1500,
	// Bull: the job lock (and its renewal) and the stalled-job check, short so a killed run is resolved soon.
	bull: { lockMs: 10_000, renewMs: 2_000, stalledMs: 5_000 },
};
/** Generous bounds for a busy 2-core machine; the waits end as soon as their condition holds. */
const LIMITS = { scenarioMs: 6 * 60_000, drainMs: 120_000, killWaitMs: 4 * 60_000 };

const ORDERS_ID = 'sapb1SyncOrdersChain';
const SHIPMENTS_ID = 'sapb1ShipmentNotify';
const CHECKPOINTS = { [ORDERS_ID]: 'magentoOrders', [SHIPMENTS_ID]: 'sapDeliveries' } as const;
type WorkflowId = keyof typeof CHECKPOINTS;
const START = 'Checkpoint: Start';
const COMMIT = 'Checkpoint: Commit (Run Summary)';
const SKIPPED = 'Skipped: Another Run Is Going';
const KEY_PREFIX = 'n8n-nodes-sapb1-magento2';
const checkpointKey = (workflowId: WorkflowId) =>
	`${KEY_PREFIX}:checkpoint:${workflowId}:${CHECKPOINTS[workflowId]}`;

const SEED_ELIGIBLE = ['101', '102', '103', '104', '105', '106', '107', '108', '109'].map(
	(n) => `000000${n}`,
);
/** Its item (LEGACY-404) is unknown in SAP: every run fails it, it must stay on the retry list. */
const FAILING = '000000110';
/** Delivered in two parts: 24-MB01 ×1 first, the rest once the first part is shipped. */
const PARTIAL = '000000101';
/** Delivered without a tracking number: never shipped to Magento. */
const NO_TRACKING = '000000103';

interface Execution {
	id: string;
	workflowId: WorkflowId;
	mode: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
	retryOf?: string | null;
	data?: any;
}

const runDataOf = (e: Execution) => e.data?.resultData?.runData ?? {};
const ran = (e: Execution, node: string) => Boolean(runDataOf(e)[node]?.length);
const outputOf = (e: Execution, node: string) =>
	runDataOf(e)[node]?.[0]?.data?.main?.[0]?.[0]?.json as any;
const nodeStart = (e: Execution, node: string) => Number(runDataOf(e)[node][0].startTime);
const nodeEnd = (e: Execution, node: string) =>
	Number(runDataOf(e)[node][0].startTime) + Number(runDataOf(e)[node][0].executionTime);

async function waitUntil<T>(
	what: string,
	timeoutMs: number,
	probe: () => Promise<T | undefined | false> | T | undefined | false,
	everyMs = 250,
	explain?: () => string,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${what}${explain ? `: ${explain()}` : ''}`,
			);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

describe('Both templates in n8n queue mode (main + 2 workers, Redis coordination)', () => {
	let redis: RedisServer;
	let store: Redis;
	let systems: Systems;
	let cluster: QueueCluster;
	let eligible: string[];
	const timings: Record<string, number> = {};
	const t0 = Date.now();

	// Filled by the scenario, read by the checks.
	const planned = new Map<string, DeliveryRequest[]>();
	const delivered = new Map<string, DeliveryRequest[]>();
	let executions: Execution[] = [];
	let manualId: string;
	let victim: { worker: N8nProcess; executionId: string; killedAt: number; lease: any };
	let killed: Map<string, string>;
	let takeover: { executionId: string; lease: any; seenAt: number };
	let killedStatusAt: number;
	let changedNodes: Record<string, string[]>;
	let warehouseError: Error | undefined;

	const liveSapOrders = (webOrder: string) =>
		systems.sl.state.Orders.filter((o: any) => o.NumAtCard === webOrder && o.Cancelled !== 'tYES');
	const magentoShipments = (webOrder: string) => {
		const order = systems.magento.findOrder(webOrder)!;
		return systems.magento.state.shipments.filter((s: any) => s.order_id === order.entity_id);
	};
	const shipmentEmails = (webOrder: string) =>
		systems.magento.state.emails.filter((e) => e.type === 'shipment' && e.incrementId === webOrder);
	const sapComments = (webOrder: string) =>
		systems.magento
			.findOrder(webOrder)!
			.status_histories.filter((h: any) =>
				/^Created in SAP B1 as sales order \d+$/.test(String(h.comment)),
			);
	/** What the backlog still lacks: orders not in SAP, deliveries not made or not shipped. */
	const outstanding = (): string[] => {
		const out: string[] = [];
		if (warehouseError) out.push(`the warehouse failed: ${warehouseError.message}`);
		for (const w of eligible) {
			if (liveSapOrders(w).length !== 1) out.push(`${w}: ${liveSapOrders(w).length} SAP orders`);
		}
		for (const [w, plan] of planned) {
			const made = delivered.get(w) ?? [];
			if (made.length < plan.length) out.push(`${w}: ${made.length} of ${plan.length} deliveries`);
			for (const d of made)
				if (
					d.tracking &&
					!magentoShipments(w).some((s: any) =>
						s.tracks.some((t: any) => t.track_number === d.tracking),
					)
				)
					out.push(`${w}: ${d.tracking} not shipped`);
		}
		return out;
	};
	const readJson = async (key: string) => {
		const raw = await store.get(key);
		return raw ? JSON.parse(raw) : undefined;
	};

	beforeAll(async () => {
		redis = await startRedis();
		store = new Redis(redis.port, '127.0.0.1');
		const generated = generateOrders(SETUP.generatedOrders, { from: '2026-11-23 00:00:00' });
		const seed = magentoSeed();
		eligible = [...SEED_ELIGIBLE, ...generated.orders.map((o) => o.increment_id)];
		systems = await startSystems({
			serviceLayer: { faults: { rules: [{ kind: 'latency', latencyMs: SETUP.sapLatencyMs }] } },
			magento: {
				seed: {
					...seed,
					orders: [...seed.orders, ...generated.orders],
					invoices: [...seed.invoices, ...generated.invoices],
				},
				faults: {
					rules: [
						{ kind: 'latency', latencyMs: SETUP.magentoLatencyMs },
						{ kind: 'latency', method: 'POST', path: /\/ship$/, latencyMs: SETUP.shipLatencyMs },
					],
				},
			},
		});

		// The templates, adapted the way a queue-mode user sets them up (plus a schedule of seconds).
		const orders = loadTemplate('sync-orders-chain.json');
		const shipments = loadTemplate('shipment-notification.json');
		changedNodes = {
			[ORDERS_ID]: coordinateInRedis(orders),
			[SHIPMENTS_ID]: coordinateInRedis(shipments),
		};
		for (const workflow of [orders, shipments])
			scheduleEverySeconds(workflow, SETUP.scheduleSeconds);
		setNodeParameters(orders, START, {
			initialCursor: '2026-11-15 00:00:00',
			startOptions: { maxRecords: SETUP.maxOrdersPerRun, leaseSeconds: SETUP.leaseSeconds },
		});
		// Never parked during the test: the failing order's attempts count every committed run.
		setNodeParameters(orders, COMMIT, { options: { maxAttempts: 1000 } });
		setNodeParameters(shipments, START, {
			initialCursor: '{"date":"2026-01-01","time":"00:00:00","docEntry":0}',
			startOptions: { maxRecords: SETUP.maxDeliveriesPerRun, leaseSeconds: SETUP.leaseSeconds },
		});

		const started = Date.now();
		cluster = await QueueCluster.start(installFromEnv(), {
			redisPort: redis.port,
			workers: 2,
			bull: SETUP.bull,
			credentials: [...credentialsFor(systems), redisCredential(redis.port)],
			workflows: [orders, shipments],
		});
		timings.clusterStartMs = Date.now() - started;
	});

	afterAll(async () => {
		await cluster?.stop();
		await store?.quit().catch(() => store.disconnect());
		await systems?.close();
		await redis?.stop();
	});

	it('the templates are set up for queue mode: Redis coordination on every Checkpoint node and on Create Shipment', () => {
		expect(changedNodes[ORDERS_ID].sort()).toEqual(
			[
				'Checkpoint: Commit (Run Summary)',
				'Checkpoint: Record Failed',
				'Checkpoint: Record Fetched',
				'Checkpoint: Record Succeeded',
				'Checkpoint: Start',
			].sort(),
		);
		expect(changedNodes[SHIPMENTS_ID].sort()).toEqual(
			[
				'Checkpoint: Commit (Run Summary)',
				'Checkpoint: Record Failed',
				'Checkpoint: Record Fetched',
				'Checkpoint: Record Succeeded',
				'Checkpoint: Start',
				'Magento 2: Create Shipment',
			].sort(),
		);
	});

	it('works off the backlog through overlapping scheduled runs, a manual run and a killed worker', async () => {
		const api = cluster.api;
		const scenarioStart = Date.now();
		await api.api('POST', `/workflows/${ORDERS_ID}/publish`, {});
		await api.api('POST', `/workflows/${SHIPMENTS_ID}/publish`, {});

		// The warehouse: a delivery for each web order once it is in SAP.
		for (const webOrder of eligible) {
			// A virtual order (000000104: a warranty) has nothing to deliver.
			if (systems.magento.findOrder(webOrder)!.is_virtual) continue;
			if (webOrder === PARTIAL)
				planned.set(webOrder, [
					{
						webOrder,
						lines: [{ itemCode: '24-MB01', quantity: 1 }],
						tracking: '1ZQPART000000101',
						transportationCode: 1,
					},
					{ webOrder, tracking: '1ZQREST000000101', transportationCode: 1 },
				]);
			else if (webOrder === NO_TRACKING)
				planned.set(webOrder, [{ webOrder, tracking: null, transportationCode: 4 }]);
			else planned.set(webOrder, [{ webOrder, tracking: `1ZQ${webOrder}`, transportationCode: 2 }]);
		}
		const clerk = new SapClerk(systems.sl);
		let warehouseOpen = true;
		const warehouse = (async () => {
			while (warehouseOpen && !warehouseError) {
				for (const [webOrder, plan] of planned) {
					const done = delivered.get(webOrder) ?? [];
					if (done.length === plan.length || liveSapOrders(webOrder).length === 0) continue;
					// The rest of a partial order only once its first part is shipped in Magento.
					const previous = done[done.length - 1];
					if (
						previous?.tracking &&
						!magentoShipments(webOrder).some((s: any) =>
							s.tracks.some((t: any) => t.track_number === previous.tracking),
						)
					)
						continue;
					await clerk.deliver(plan[done.length]);
					delivered.set(webOrder, [...done, plan[done.length]]);
				}
				await new Promise((resolve) => setTimeout(resolve, 300));
			}
		})().catch((error: Error) => {
			warehouseError = error;
		});

		try {
			// A manual run (the editor's Run Now) once a third of the orders are in SAP.
			await waitUntil(
				'a third of the orders in SAP',
				LIMITS.scenarioMs,
				() => eligible.filter((w) => liveSapOrders(w).length).length >= eligible.length / 3,
			);
			timings.manualAt = Date.now() - scenarioStart;
			manualId = (
				await api.rest('POST', `/workflows/${ORDERS_ID}/run`, {
					triggerToStartFrom: { name: 'Run Now' },
				})
			).executionId;

			// Half-way through the orders, SIGKILL the worker of an orders run that holds the lease
			// between creating sales orders in SAP and commenting them in Magento (sales orders without
			// their comment, at least the first wave of Create's concurrency of 4: runs hold the lease
			// in turn and comment before they commit), at a moment that worker holds no shipment claim.
			const ordersLease = `${checkpointKey(ORDERS_ID)}:lease`;
			const target = await waitUntil(
				'an orders run on a worker, mid-run',
				LIMITS.killWaitMs,
				async () => {
					if (eligible.filter((w) => liveSapOrders(w).length).length < eligible.length / 2)
						return false;
					const lease = await readJson(ordersLease);
					const uncommented = eligible.filter(
						(w) => liveSapOrders(w).length && !sapComments(w).length,
					);
					if (!lease || uncommented.length < 4) return false;
					const worker = cluster.workers.find((w) => cluster.runningOn(w).has(lease.executionId));
					if (!worker) return false;
					// Not while it holds a Create Shipment claim (it would block that order for the claim's
					// own timeout, 10 minutes).
					const running = cluster.runningOn(worker);
					for (const key of await store.keys(`${KEY_PREFIX}:magento:*:claim:*`)) {
						const claim = await readJson(key);
						if (claim && running.has(String(claim.executionId).split(':')[0])) return false;
					}
					return { worker, executionId: String(lease.executionId) };
				},
				50,
			);
			const killedAt = Date.now();
			target.worker.kill('SIGKILL');
			await target.worker.exited;
			killed = cluster.runningOn(target.worker);
			const lease = await readJson(ordersLease);
			victim = { ...target, killedAt, lease };
			timings.killAt = killedAt - scenarioStart;
			expect(lease?.executionId).toBe(target.executionId); // still held by the dead run

			// The lease is taken over by a later run once it has run out.
			takeover = await waitUntil(
				'a run taking the orders lease over',
				LIMITS.killWaitMs,
				async () => {
					const now = await readJson(ordersLease);
					return now && now.executionId !== victim.executionId
						? { executionId: String(now.executionId), lease: now, seenAt: Date.now() }
						: false;
				},
				50,
			);

			// Main marks the killed executions as failed (Bull's stalled-job check).
			await waitUntil(
				'the killed executions to end',
				LIMITS.killWaitMs,
				async () => {
					for (const id of killed.keys()) {
						const e = await api.api('GET', `/executions/${id}`).catch(() => undefined);
						if (!e || e.status === 'running' || e.status === 'new') return false;
					}
					return true;
				},
				1000,
			);
			killedStatusAt = Date.now();

			// The backlog is worked off: orders in SAP, deliveries made and shipped, and a committed
			// run of each checkpoint after that reports nothing remaining.
			const worldDone = await waitUntil(
				'every order in SAP and every delivery shipped',
				LIMITS.scenarioMs,
				() => outstanding().length === 0 && Date.now(),
				1000,
				() => outstanding().slice(0, 10).join('; '),
			);
			timings.worldDoneAt = worldDone - scenarioStart;
			await waitUntil(
				'both checkpoints to commit a run with nothing remaining',
				LIMITS.scenarioMs,
				async () => {
					for (const id of [ORDERS_ID, SHIPMENTS_ID] as const) {
						const state = await readJson(`${checkpointKey(id)}:state`);
						const last = state?.value?.lastRun;
						// remaining is null when the fetch had nothing to cut (e.g. nothing fetched).
						if (!last || Date.parse(last.finishedAt) <= worldDone || (last.remaining ?? 0) !== 0)
							return false;
					}
					return true;
				},
				1000,
			);
			timings.backlogDoneAt = Date.now() - scenarioStart;
		} finally {
			warehouseOpen = false;
			await warehouse;
			await api.api('POST', `/workflows/${ORDERS_ID}/unpublish`, {}).catch(() => undefined);
			await api.api('POST', `/workflows/${SHIPMENTS_ID}/unpublish`, {}).catch(() => undefined);
			await collect();
		}
	});

	/** Lets what was started finish, then reads every execution through the public API. */
	async function collect() {
		const api = cluster.api;
		await waitUntil(
			'the last executions to finish',
			LIMITS.drainMs,
			async () => {
				for (const status of ['running', 'new'])
					if ((await api.api('GET', `/executions?status=${status}&limit=1`)).data.length)
						return false;
				return true;
			},
			500,
		);
		for (const workflowId of [ORDERS_ID, SHIPMENTS_ID] as const)
			executions.push(
				...(await api.apiList('/executions', { workflowId, includeData: 'true' })).map(
					(e: any) => ({ ...e, workflowId }) as Execution,
				),
			);
		executions = executions.sort((a, b) => Number(a.id) - Number(b.id));
		timings.totalMs = Date.now() - t0;
		// For a look afterwards with N8N_E2E_KEEP=1 (the cluster's folder is kept then).
		fs.writeFileSync(
			path.join(cluster.root, 'executions.json'),
			JSON.stringify({ victim, killed: [...(killed ?? [])], takeover, executions }, null, 1),
		);
		try {
			printAccount();
		} catch (error) {
			process.stderr.write(`queue-mode e2e account incomplete: ${(error as Error).message}\n`);
		}
	}

	function classify(e: Execution): 'committed' | 'skipped' | 'failed' {
		if (e.status === 'success' && ran(e, COMMIT)) return 'committed';
		if (e.status === 'success' && ran(e, SKIPPED)) return 'skipped';
		return 'failed';
	}

	function printAccount() {
		const lines = ['queue-mode e2e account:'];
		lines.push(
			`  set-up: schedule every ${SETUP.scheduleSeconds} s, lease ${SETUP.leaseSeconds} s, max ${SETUP.maxOrdersPerRun} orders / ${SETUP.maxDeliveriesPerRun} deliveries per run, latency SAP ${SETUP.sapLatencyMs} ms / Magento ${SETUP.magentoLatencyMs} ms (+${SETUP.shipLatencyMs} ms on ship), Bull lock ${SETUP.bull.lockMs} ms / stalled check ${SETUP.bull.stalledMs} ms`,
		);
		lines.push(
			`  backlog: ${eligible.length} eligible web orders + 1 failing; ${[...delivered.values()].flat().length} deliveries`,
		);
		for (const workflowId of [ORDERS_ID, SHIPMENTS_ID] as const) {
			const mine = executions.filter((e) => e.workflowId === workflowId);
			const count = (kind: string) => mine.filter((e) => classify(e) === kind).length;
			const durations = mine
				.filter((e) => classify(e) === 'committed')
				.map((e) => nodeEnd(e, COMMIT) - nodeStart(e, START));
			const byWorker = cluster.workers
				.map(
					(w) =>
						`${w.name} ${mine.filter((e) => cluster.workersThatStarted(e.id).includes(w)).length}`,
				)
				.join(', ');
			lines.push(
				`  ${workflowId}: ${mine.length} executions (${mine.filter((e) => e.mode === 'trigger').length} scheduled, ${mine.filter((e) => e.mode === 'manual').length} manual): ${count('committed')} committed, ${count('skipped')} skipped, ${count('failed')} failed; on ${byWorker}; committed run ${seconds(Math.min(...durations))}–${seconds(Math.max(...durations))}`,
			);
		}
		const manual = executions.find((e) => e.id === manualId);
		lines.push(
			`  manual run ${manualId} at +${seconds(timings.manualAt)}: ${manual ? classify(manual) : '?'}, on ${
				cluster
					.workersThatStarted(manualId)
					.map((w) => w.name)
					.join(', ') || 'main'
			}`,
		);
		lines.push(
			`  SIGKILL ${victim.worker.name} at +${seconds(timings.killAt)} running ${[...killed].map(([id, wf]) => `${id} (${wf})`).join(', ')} by its log; stalled jobs failed by the main: ${cluster.stalledExecutions().join(', ')}; lease of ${victim.executionId} ran out ${seconds(victim.lease.expiresAt - victim.killedAt)} after the kill, taken over by ${takeover.executionId} after ${seconds(Date.parse(takeover.lease.since) - victim.killedAt)}; killed executions ended as error after ${seconds(killedStatusAt - victim.killedAt)} (polled)`,
		);
		lines.push(
			`  timings: cluster start ${seconds(timings.clusterStartMs)}, orders and shipments done at +${seconds(timings.worldDoneAt)}, checkpoints caught up at +${seconds(timings.backlogDoneAt)}, whole test ${seconds(timings.totalMs)}`,
		);
		process.stderr.write(`${lines.join('\n')}\n`);
	}

	it('every eligible web order is once in SAP (live, none cancelled); the failing and the ineligible ones are not', () => {
		for (const webOrder of eligible) {
			const all = systems.sl.state.Orders.filter((o: any) => o.NumAtCard === webOrder);
			expect({ webOrder, live: liveSapOrders(webOrder).length, all: all.length }).toEqual({
				webOrder,
				live: 1,
				all: 1,
			});
		}
		for (const webOrder of [FAILING, '000000111', '000000112'])
			expect(systems.sl.state.Orders.filter((o: any) => o.NumAtCard === webOrder)).toHaveLength(0);
	});

	it('no web order is commented twice, and each comment names its SAP order', () => {
		for (const webOrder of eligible) {
			const comments = sapComments(webOrder);
			expect({ webOrder, atMostOne: comments.length <= 1 }).toEqual({ webOrder, atMostOne: true });
			for (const c of comments)
				expect(String(c.comment)).toBe(
					`Created in SAP B1 as sales order ${liveSapOrders(webOrder)[0].DocNum}`,
				);
		}
	});

	/**
	 * KNOWN PRODUCT BUG (see the queue-mode report): the killed run created sales orders in SAP
	 * and died before commenting them; the warehouse delivered them and the shipment sync shipped
	 * them (Magento status `complete`) before the lease ran out. The next orders run reads from the
	 * same cursor, but Get Changed Orders keeps only pending / processing orders (its Also Fetch list
	 * too), so these orders are never read again and never commented, and nothing reports them.
	 * Remove `.failing` once that is fixed.
	 */
	it.failing('every eligible web order is commented in Magento', () => {
		const missing = eligible
			.filter((w) => sapComments(w).length === 0)
			.map((w) => `${w} (${systems.magento.findOrder(w)!.status})`);
		expect({ missing }).toEqual({ missing: [] });
	});

	it('every delivery with a tracking number is one Magento shipment and one e-mail; the partial order ships in two parts', () => {
		for (const [webOrder, made] of delivered) {
			const tracked = made.filter((d) => d.tracking).map((d) => d.tracking);
			const shipments = magentoShipments(webOrder);
			expect({
				webOrder,
				tracks: shipments.map((s: any) => s.tracks.map((t: any) => t.track_number)),
			}).toEqual({ webOrder, tracks: tracked.map((t) => [t]) });
			expect({
				webOrder,
				emails: shipmentEmails(webOrder).map((e) => e.trackingNumbers),
			}).toEqual({ webOrder, emails: tracked.map((t) => [t]) });
		}
		expect(delivered.get(NO_TRACKING)).toHaveLength(1);
		expect(magentoShipments(NO_TRACKING)).toHaveLength(0);
		expect(delivered.get(PARTIAL)).toHaveLength(2);
		expect(
			systems.magento.findOrder(PARTIAL)!.items.map((i: any) => [i.sku, Number(i.qty_shipped)]),
		).toEqual([
			['24-MB01', 2],
			['24-UG06', 1],
		]);
	});

	it('no retry-list entry is lost: the failing order counts one attempt per committed scheduled run', async () => {
		const orders = (await readJson(`${checkpointKey(ORDERS_ID)}:state`)).value;
		const committed = executions.filter(
			(e) => e.workflowId === ORDERS_ID && e.mode === 'trigger' && classify(e) === 'committed',
		);
		const attempts = committed
			.map((e) => outputOf(e, COMMIT).failures.find((f: any) => f.id === FAILING)?.attempts)
			.filter((a) => a !== undefined);
		// Every committed run fetched it (retry list) and failed it, each one attempt more than the last.
		expect(attempts.length).toBeGreaterThan(3);
		expect(attempts).toEqual(attempts.map((_, i) => i + 1));
		expect(Object.keys(orders.retry)).toEqual([FAILING]);
		expect(orders.retry[FAILING]).toMatchObject({ id: FAILING, attempts: attempts.length });
		expect(orders.retry[FAILING].lastError).toMatch(/LEGACY-404/);
		expect(orders.parked).toEqual({});
		const shipments = (await readJson(`${checkpointKey(SHIPMENTS_ID)}:state`)).value;
		expect(shipments.retry).toEqual({});
		expect(shipments.parked).toEqual({});
	});

	it('runs that found the checkpoint held are reported as skipped and touched nothing; held runs never overlapped', () => {
		for (const workflowId of [ORDERS_ID, SHIPMENTS_ID] as const) {
			const mine = executions.filter((e) => e.workflowId === workflowId);
			const skipped = mine.filter((e) => classify(e) === 'skipped');
			expect({ workflowId, skipped: skipped.length > 0 }).toEqual({ workflowId, skipped: true });
			for (const e of skipped) {
				const item = outputOf(e, SKIPPED);
				expect(item).toMatchObject({ status: 'skipped', checkpoint: CHECKPOINTS[workflowId] });
				expect(item.heldBy.executionId).not.toBe(e.id);
				expect(Object.keys(runDataOf(e)).sort()).toEqual(
					[START, SKIPPED, e.mode === 'manual' ? 'Run Now' : 'Every 5 Minutes'].sort(),
				);
			}
			// Runs that held the lease (committed ones) never worked at the same time: Start takes the
			// lease before it ends and Commit gives it up after it begins, so the work between the end
			// of one run's Start and the beginning of its Commit never overlaps another run's.
			const held = mine
				.filter((e) => classify(e) === 'committed')
				.map((e) => ({ id: e.id, from: nodeEnd(e, START), to: nodeStart(e, COMMIT) }))
				.sort((a, b) => a.from - b.from);
			for (let i = 1; i < held.length; i++)
				expect({ run: held[i].id, startsAfterPrevious: held[i].from >= held[i - 1].to }).toEqual({
					run: held[i].id,
					startsAfterPrevious: true,
				});
		}
		// Each scheduled trigger fired several times.
		for (const workflowId of [ORDERS_ID, SHIPMENTS_ID])
			expect(
				executions.filter((e) => e.workflowId === workflowId && e.mode === 'trigger').length,
			).toBeGreaterThanOrEqual(6);
	});

	it('the manual run ran on main and either was skipped or left the checkpoint unchanged', () => {
		const manual = executions.find((e) => e.id === manualId)!;
		expect(manual).toMatchObject({ mode: 'manual', status: 'success' });
		expect(cluster.workersThatStarted(manualId)).toEqual([]);
		if (classify(manual) === 'committed')
			expect(outputOf(manual, COMMIT)).toMatchObject({ saved: false });
		else expect(classify(manual)).toBe('skipped');
	});

	it('the killed executions ended as error and were not re-run; the lease was taken over only after it ran out', () => {
		const stalled = cluster.stalledExecutions();
		// What the killed worker had logged as started (it may also have taken a job and died before
		// logging it): all of them are among the jobs the main saw stall, the orders run among them.
		expect(killed.get(victim.executionId)).toBe(ORDERS_ID);
		expect(stalled).toEqual(expect.arrayContaining([...killed.keys()]));
		for (const id of stalled) {
			const e = executions.find((x) => x.id === id)!;
			expect({ id, status: e.status }).toEqual({ id, status: 'error' });
			// Started at most once, on the killed worker; nobody retried it.
			expect(cluster.workersThatStarted(id).filter((w) => w !== victim.worker)).toEqual([]);
			expect(executions.filter((x) => x.retryOf === id)).toEqual([]);
		}
		// Only the killed worker's executions failed.
		expect(
			executions
				.filter((e) => classify(e) === 'failed')
				.map((e) => e.id)
				.sort(),
		).toEqual([...stalled].sort());
		// The dead run's lease held until it ran out: orders runs in between were skipped, naming it.
		const expiry = victim.lease.expiresAt;
		expect(Date.parse(takeover.lease.since)).toBeGreaterThanOrEqual(expiry - 250);
		const between = executions.filter(
			(e) =>
				e.workflowId === ORDERS_ID &&
				!stalled.includes(e.id) &&
				Date.parse(e.startedAt) > victim.killedAt &&
				Number(e.id) < Number(takeover.executionId),
		);
		expect(between.length).toBeGreaterThan(0);
		for (const e of between) {
			expect({ id: e.id, kind: classify(e) }).toEqual({ id: e.id, kind: 'skipped' });
			expect(outputOf(e, SKIPPED).heldBy.executionId).toBe(victim.executionId);
		}
		const taker = executions.find((e) => e.id === takeover.executionId)!;
		expect(classify(taker)).toBe('committed');
	});
});
