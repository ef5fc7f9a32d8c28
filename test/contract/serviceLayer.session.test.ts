/** Contract: Service Layer login, cookies, sessions and error envelopes (API-FACTS.md "Login", "Errors"). */
import axios from 'axios';
import { sleepMs } from '../emulators/faults';
import { startServiceLayer, type ServiceLayerEmulator } from '../emulators/serviceLayer';
import { login, rawClient } from '../emulators/serviceLayer/testClient';

describe('Service Layer emulator: login and sessions', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startServiceLayer({ sessionTimeoutMs: 300 });
	});
	afterAll(() => sl.close());
	beforeEach(() => sl.reset());

	it.each(['v1', 'v2'] as const)(
		'POST /Login (%s) answers the session and SAP’s exact cookies',
		async (v) => {
			const res = await rawClient(sl, v).post('Login', {
				CompanyDB: 'SBODEMOUS',
				UserName: 'manager',
				Password: 'manager',
			});
			expect(res.status).toBe(200);
			const id = res.data.SessionId as string;
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
			expect(res.headers['set-cookie']).toEqual([
				`B1SESSION=${id};HttpOnly;`,
				'ROUTEID=.node1; path=/b1s',
			]);
			expect(res.data.SessionTimeout).toBe(1);
			expect(res.data.Version).toEqual(expect.any(String));
			if (v === 'v1') {
				expect(res.data['odata.metadata']).toBe(
					`${sl.baseUrl('v1')}/$metadata#B1Sessions/@Element`,
				);
				expect(res.data['@odata.context']).toBeUndefined();
			} else {
				expect(res.data['@odata.context']).toBe(`${sl.baseUrl('v2')}/$metadata#B1Sessions/$entity`);
				expect(res.data['odata.metadata']).toBeUndefined();
			}
			expect(sl.stats.logins).toBe(1);
		},
	);

	it('SessionTimeout defaults to 30 minutes', async () => {
		const other = await startServiceLayer();
		try {
			const res = await rawClient(other, 'v2').post('Login', {
				CompanyDB: 'SBODEMOUS',
				UserName: 'manager',
				Password: 'manager',
			});
			expect(res.data.SessionTimeout).toBe(30);
		} finally {
			await other.close();
		}
	});

	it('bad credentials → 401 code 100000027 (v1 int, v2 string)', async () => {
		const v1 = await rawClient(sl, 'v1').post('Login', {
			CompanyDB: 'SBODEMOUS',
			UserName: 'manager',
			Password: 'wrong',
		});
		expect(v1.status).toBe(401);
		expect(v1.data).toEqual({
			error: { code: 100000027, message: { lang: 'en-us', value: 'Login failed' } },
		});
		const v2 = await rawClient(sl, 'v2').post('Login', {
			CompanyDB: 'SBODEMOUS',
			UserName: 'nobody',
			Password: 'manager',
		});
		expect(v2.status).toBe(401);
		expect(v2.data).toEqual({ error: { code: '100000027', message: 'Login failed' } });
		expect(v1.headers['set-cookie']).toBeUndefined();
		expect(sl.stats).toMatchObject({ logins: 0, failedLogins: 2 });
	});

	it('unknown CompanyDB → 401 naming the company database', async () => {
		const res = await rawClient(sl, 'v1').post('Login', {
			CompanyDB: 'NOPE',
			UserName: 'manager',
			Password: 'manager',
		});
		expect(res.status).toBe(401);
		expect(res.data.error.code).toBe(-304);
		expect(res.data.error.message.value).toContain("'NOPE'");
	});

	it.each([
		[
			'v1',
			{
				error: {
					code: 301,
					message: { lang: 'en-us', value: 'Invalid session or session already timeout.' },
				},
			},
		],
		['v2', { error: { code: '301', message: 'Invalid session or session already timeout.' } }],
	] as const)(
		'no or unknown session (%s) → 401 / 301 in the version’s envelope',
		async (v, envelope) => {
			const http = rawClient(sl, v);
			const none = await http.get('Orders');
			expect(none.status).toBe(401);
			expect(none.data).toEqual(envelope);
			const unknown = await http.get('Orders', {
				headers: { Cookie: 'B1SESSION=00000000-0000-0000-0000-000000000000; ROUTEID=.node1' },
			});
			expect(unknown.status).toBe(401);
			expect(unknown.data).toEqual(envelope);
		},
	);

	it('the idle timeout slides with use and expires an idle session', async () => {
		const c = await login(sl, 'v2');
		for (let i = 0; i < 4; i++) {
			expect((await c.get('Warehouses')).status).toBe(200);
			await sleepMs(100); // 4 × 100 ms > 300 ms timeout, but never 300 ms idle
		}
		await sleepMs(400);
		const res = await c.get('Warehouses');
		expect(res.status).toBe(401);
		expect(res.data.error.code).toBe('301');
		expect(sl.stats.sessionsExpired).toBe(1);
	});

	it('a session is usable on both versions and ends with POST /Logout → 204', async () => {
		const c = await login(sl, 'v1');
		const v2 = await rawClient(sl, 'v2').get('Warehouses', { headers: { Cookie: c.cookie } });
		expect(v2.status).toBe(200);
		expect((await c.post('Logout')).status).toBe(204);
		expect((await c.get('Warehouses')).status).toBe(401);
		expect(sl.stats.logouts).toBe(1);
	});

	it('expireAllSessions() invalidates every session', async () => {
		const a = await login(sl, 'v1');
		const b = await login(sl, 'v2');
		sl.expireAllSessions();
		expect((await a.get('Items')).status).toBe(401);
		expect((await b.get('Items')).status).toBe(401);
		expect(sl.stats).toMatchObject({ logins: 2, sessionsCreated: 2, activeSessions: 0 });
	});

	it('counts requests per method and entity set', async () => {
		const c = await login(sl, 'v2');
		await c.get('Orders');
		await c.get('Orders(1)');
		await c.post('Orders(3)/Close');
		await c.get('Orders/$count');
		expect(sl.stats.requests).toEqual({
			'POST Login': 1,
			'GET Orders': 2,
			'POST Orders/Close': 1,
			'GET Orders/$count': 1,
		});
		expect(sl.stats.totalRequests).toBe(5);
	});

	it('unknown entity set → 404, unknown paths outside /b1s → 404', async () => {
		const c = await login(sl, 'v1');
		const res = await c.get('Nope');
		expect(res.status).toBe(404);
		expect(res.data.error.message.value).toBe("Resource not found for the segment 'Nope'.");
		expect((await axios.get(`${sl.url}/other`, { validateStatus: () => true })).status).toBe(404);
	});

	it('control API over HTTP: state, stats, faults, clock, expire-sessions, reset', async () => {
		const ctl = axios.create({ baseURL: `${sl.url}/__emulator/`, validateStatus: () => true });
		const c = await login(sl, 'v2');
		expect((await ctl.get('stats')).data.logins).toBe(1);
		expect((await ctl.get('state')).data.Orders).toHaveLength(7);
		await ctl.put('faults', { rules: [{ kind: 'status', status: 503, path: 'Items', times: 1 }] });
		expect((await c.get('Items')).status).toBe(503);
		expect((await ctl.get('faults')).data.fired).toEqual([
			expect.objectContaining({ kind: 'status', method: 'GET', path: '/b1s/v2/Items' }),
		]);
		await ctl.put('clock', { now: '2025-07-01T08:09:10' });
		await c.post('Orders(3)/Close');
		expect(sl.state.Orders[2]).toMatchObject({ UpdateDate: '2025-07-01', UpdateTime: '08:09:10' });
		await ctl.post('expire-sessions');
		expect((await c.get('Items')).status).toBe(401);
		await ctl.post('reset');
		expect(sl.state.Orders[2].DocumentStatus).toBe('bost_Open');
		expect(sl.stats.logins).toBe(0);
		await ctl.put('clock', { now: null });
	});
});
