/**
 * Contract: the emulators' latency profiles and scheduling (test/emulators/latency.ts). No timed
 * assertions: each route's latency class and injected latency are read from the emulator's
 * request log, and serialisation / overlap from the start and end times it records.
 */
import axios from 'axios';
import { FaultInjector } from '../emulators/faults';
import { startMagento, type MagentoEmulator } from '../emulators/magento';
import type { LatencyProfile, RequestRecord } from '../emulators/latency';
import {
	flatProfile,
	realisticMagento,
	realisticServiceLayer,
	scaledProfile,
} from '../emulators/latencyProfiles';
import { startServiceLayer, type ServiceLayerEmulator } from '../emulators/serviceLayer';
import { login } from '../emulators/serviceLayer/testClient';

/** The realistic classes at a hundredth of their figures: same routing, fast tests. */
const FACTOR = 0.01;

const overlap = (a: RequestRecord, b: RequestRecord) =>
	a.startedAt < b.endedAt && b.startedAt < a.endedAt;

/** Most requests in service at the same instant, from the log's intervals. */
function peakInService(log: readonly RequestRecord[]): number {
	const events = log.flatMap((r) => [
		{ t: r.startedAt, d: 1 },
		{ t: r.endedAt, d: -1 },
	]);
	events.sort((a, b) => a.t - b.t || a.d - b.d);
	let now = 0;
	let peak = 0;
	for (const e of events) peak = Math.max(peak, (now += e.d));
	return peak;
}

const order = (lines: number) => ({
	CardCode: 'C20000',
	DocDueDate: '2026-12-01',
	DocumentLines: Array.from({ length: lines }, () => ({ ItemCode: '24-MB01', Quantity: 1 })),
});

describe('Service Layer latency profile', () => {
	let sl: ServiceLayerEmulator;
	afterEach(async () => sl?.close());

	it('gives each route its latency class, within the class range plus its per-line and per-result costs', async () => {
		const profile = scaledProfile(realisticServiceLayer(), FACTOR);
		sl = await startServiceLayer({ latency: profile });
		const c = await login(sl, 'v2');
		const created = await c.post('Orders', order(3));
		expect(created.status).toBe(201);
		const entry = created.data.DocEntry;
		await c.get('Orders?$top=5');
		await c.get(`Orders(${entry})`);
		await c.get('Orders/$count');
		await c.patch(`Orders(${entry})`, { Comments: 'x' });
		await c.post(`Orders(${entry})/Close`);
		await c.post('BusinessPartners', { CardCode: 'CNEW1', CardName: 'New', CardType: 'cCustomer' });

		const byRoute = new Map(sl.requestLog.map((r) => [`${r.route}#${r.seq}`, r]));
		const classes = sl.requestLog.map((r) => [r.route, r.latencyClass]);
		expect(classes).toEqual([
			['POST Login', 'login'],
			['POST Orders', 'order create'],
			['GET Orders', 'read'],
			['GET Orders', 'read'],
			['GET Orders/$count', 'count'],
			['PATCH Orders', 'update'],
			['POST Orders/Close', 'action'],
			['POST BusinessPartners', 'master data create'],
		]);
		for (const r of byRoute.values()) {
			const cls = profile.classes.find((k) => k.name === r.latencyClass)!;
			const extra =
				(r.lines ?? 0) * (cls.perLineMs ?? 0) + (r.results ?? 0) * (cls.perResultMs ?? 0);
			expect(r.latencyMs).toBeGreaterThanOrEqual(cls.minMs + extra);
			expect(r.latencyMs).toBeLessThanOrEqual(cls.maxMs + extra);
		}
		const post = sl.requestLog.find((r) => r.route === 'POST Orders')!;
		expect(post.lines).toBe(3);
		const list = sl.requestLog.find((r) => r.route === 'GET Orders')!;
		expect(list.results).toBe(5);
		expect(sl.requestLog[0].session).toBe(1);
		expect(sl.requestLog.slice(1).every((r) => r.session === 1)).toBe(true);
	});

	it('costs grow with the document lines and the entities answered, exactly as the class says', async () => {
		const exact: LatencyProfile = {
			name: 'exact',
			classes: [
				{ name: 'order create', route: 'POST Orders', minMs: 10, maxMs: 10, perLineMs: 4 },
				{ name: 'read', route: /^GET /, minMs: 5, maxMs: 5, perResultMs: 1 },
			],
		};
		sl = await startServiceLayer({ latency: exact });
		const c = await login(sl, 'v1');
		await c.post('Orders', order(1));
		await c.post('Orders', order(10));
		await c.get('Orders?$top=2');
		await c.get('Orders?$top=7');
		const logged = sl.requestLog.filter((r) => r.latencyClass);
		expect(logged.map((r) => r.latencyMs)).toEqual([14, 50, 7, 12]);
		// Login has no class in this profile: no latency.
		expect(sl.requestLog[0]).toMatchObject({ route: 'POST Login', latencyMs: 0 });
		expect(sl.requestLog[0].latencyClass).toBeUndefined();
	});

	it('the jitter is seeded: the same requests draw the same latencies, another seed others', async () => {
		const draw = async (seed: number) => {
			const emu = await startServiceLayer({
				latency: scaledProfile(realisticServiceLayer(seed), FACTOR),
			});
			try {
				const c = await login(emu, 'v2');
				for (let i = 0; i < 5; i++) await c.get('Items?$top=1');
				return emu.requestLog.map((r) => r.latencyMs);
			} finally {
				await emu.close();
			}
		};
		const a = await draw(7);
		expect(await draw(7)).toEqual(a);
		expect(await draw(8)).not.toEqual(a);
	});

	/** GETs take `ms`; logins and the rest none (quick set-up). */
	const reads = (ms: number): LatencyProfile => ({
		name: `reads ${ms} ms`,
		classes: [{ name: 'read', route: /^GET /, minMs: ms, maxMs: ms }],
	});

	describe('one session at a time (serialSessions)', () => {
		/** Two sessions, three simultaneous GETs on each. */
		const fire = async (serialSessions: boolean) => {
			const emu = await startServiceLayer({ latency: reads(250), serialSessions });
			try {
				const [a, b] = await Promise.all([login(emu, 'v2'), login(emu, 'v2')]);
				await Promise.all([
					...[1, 2, 3].map(() => a.get('Items?$top=1')),
					...[1, 2, 3].map(() => b.get('Items?$top=1')),
				]);
				const requests = emu.requestLog.filter((r) => r.route === 'GET Items');
				return {
					sessionA: requests.filter((r) => r.session === 1),
					sessionB: requests.filter((r) => r.session === 2),
				};
			} finally {
				await emu.close();
			}
		};
		let serial: Awaited<ReturnType<typeof fire>>;
		let parallel: Awaited<ReturnType<typeof fire>>;
		beforeAll(async () => {
			serial = await fire(true);
			parallel = await fire(false);
		});

		it('serialises the requests of one session: each starts only after the previous one of its session has been answered', () => {
			for (const session of [serial.sessionA, serial.sessionB]) {
				expect(session).toHaveLength(3);
				const byStart = [...session].sort((x, y) => x.startedAt - y.startedAt);
				for (let i = 1; i < byStart.length; i++) {
					expect(byStart[i].startedAt).toBeGreaterThanOrEqual(byStart[i - 1].endedAt);
					// It had arrived while the previous one was in service, and waited for it.
					expect(byStart[i].arrivedAt).toBeLessThan(byStart[i - 1].endedAt);
				}
			}
		});

		it('does not hold up other sessions: requests of different sessions overlap', () => {
			const first = (session: RequestRecord[]) =>
				[...session].sort((x, y) => x.startedAt - y.startedAt)[0];
			expect(overlap(first(serial.sessionA), first(serial.sessionB))).toBe(true);
			expect(peakInService([...serial.sessionA, ...serial.sessionB])).toBe(2);
		});

		it('off (the default): one session’s requests are served in parallel', () => {
			for (const session of [parallel.sessionA, parallel.sessionB]) {
				expect(session).toHaveLength(3);
				for (const x of session)
					for (const y of session) if (x !== y) expect(overlap(x, y)).toBe(true);
			}
			expect(peakInService([...parallel.sessionA, ...parallel.sessionB])).toBe(6);
		});
	});

	it('caps the requests in service across sessions (maxConcurrentRequests); the others wait in arrival order', async () => {
		sl = await startServiceLayer({ latency: reads(200), maxConcurrentRequests: 2 });
		const clients = await Promise.all([1, 2, 3, 4, 5].map(() => login(sl, 'v2')));
		await Promise.all(clients.map((c) => c.get('Items?$top=1')));
		const requests = sl.requestLog.filter((r) => r.route === 'GET Items');
		expect(requests).toHaveLength(5);
		expect(peakInService(requests)).toBe(2);
		const byArrival = [...requests].sort((x, y) => x.arrivedAt - y.arrivedAt);
		const byStart = [...requests].sort((x, y) => x.startedAt - y.startedAt);
		expect(byStart.map((r) => r.seq)).toEqual(byArrival.map((r) => r.seq));
		expect(byArrival[2].startedAt).toBeGreaterThanOrEqual(
			Math.min(byArrival[0].endedAt, byArrival[1].endedAt),
		);
	});

	it('reset() empties the request log and keeps the profile', async () => {
		sl = await startServiceLayer({ latency: scaledProfile(realisticServiceLayer(), FACTOR) });
		await login(sl, 'v2');
		expect(sl.requestLog).toHaveLength(1);
		sl.reset();
		expect(sl.requestLog).toHaveLength(0);
		await login(sl, 'v2');
		expect(sl.requestLog[0]).toMatchObject({
			route: 'POST Login',
			latencyClass: 'login',
			session: 1,
		});
		sl.setLatencyProfile(undefined);
		await login(sl, 'v2');
		expect(sl.requestLog[1].latencyMs).toBe(0);
	});
});

describe('Magento latency profile', () => {
	let m: MagentoEmulator;
	afterEach(async () => m?.close());

	it('gives each route its latency class (searches by the orders answered, ship by its items)', async () => {
		const profile = scaledProfile(realisticMagento(), FACTOR);
		m = await startMagento({ latency: profile, bearerIntegrationTokens: true });
		const http = axios.create({
			baseURL: `${m.url}/rest/default/V1/`,
			headers: { Authorization: `Bearer ${m.credentials.adminToken}` },
			validateStatus: () => true,
		});
		await http.get('orders?searchCriteria[pageSize]=4');
		await http.get('orders/207');
		await http.post('orders/207/comments', {
			statusHistory: { comment: 'hi', is_customer_notified: 0 },
		});
		await http.post('order/207/ship', {
			items: [
				{ order_item_id: 1, qty: 1 },
				{ order_item_id: 2, qty: 1 },
			],
		});
		await http.get('shipments?searchCriteria[pageSize]=1');
		await http.get('store/storeViews');
		expect(m.requestLog.map((r) => [r.route, r.latencyClass])).toEqual([
			['GET /V1/orders', 'order search'],
			['GET /V1/orders/:id', 'order read'],
			['POST /V1/orders/:id/comments', 'comment'],
			['POST /V1/order/:id/ship', 'ship'],
			['GET /V1/shipments', 'document search'],
			['GET /V1/store/storeViews', 'store views'],
		]);
		expect(m.requestLog[0].results).toBe(4);
		expect(m.requestLog[3].lines).toBe(2);
		for (const r of m.requestLog) {
			const cls = profile.classes.find((k) => k.name === r.latencyClass)!;
			const extra =
				(r.lines ?? 0) * (cls.perLineMs ?? 0) + (r.results ?? 0) * (cls.perResultMs ?? 0);
			expect(r.latencyMs).toBeGreaterThanOrEqual(cls.minMs + extra);
			expect(r.latencyMs).toBeLessThanOrEqual(cls.maxMs + extra);
		}
	});

	it('caps the requests in service (maxConcurrentRequests)', async () => {
		m = await startMagento({ latency: flatProfile(150), maxConcurrentRequests: 1 });
		const headers = { Authorization: `Bearer ${m.credentials.adminToken}` };
		await Promise.all(
			[1, 2, 3].map(() => axios.get(`${m.url}/rest/default/V1/orders/207`, { headers })),
		);
		expect(m.requestLog).toHaveLength(3);
		expect(peakInService(m.requestLog)).toBe(1);
	});
});

describe('fault plan latency jitter (maxLatencyMs, used for the SQL Server emulator)', () => {
	it('draws each latency between latencyMs and maxLatencyMs from the plan’s seed', () => {
		const draw = (seed: number) => {
			const f = new FaultInjector({
				seed,
				rules: [{ kind: 'latency', latencyMs: 10, maxLatencyMs: 40 }],
			});
			return [1, 2, 3, 4, 5, 6].map(() => f.decide('RPC', 'SELECT 1')[0].latencyMs!);
		};
		const a = draw(3);
		for (const ms of a) {
			expect(ms).toBeGreaterThanOrEqual(10);
			expect(ms).toBeLessThanOrEqual(40);
		}
		expect(new Set(a.map(Math.round)).size).toBeGreaterThan(1);
		expect(draw(3)).toEqual(a);
		expect(draw(4)).not.toEqual(a);
	});
});
