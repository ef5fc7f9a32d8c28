/** Contract: every fault kind of the shared fault plan on the emulated Service Layer. */
import { startServiceLayer, type ServiceLayerEmulator } from '../emulators/serviceLayer';
import { login, rawClient } from '../emulators/serviceLayer/testClient';

const newOrder = {
	CardCode: 'C20000',
	DocDueDate: '2025-07-03',
	NumAtCard: 'F-1',
	DocumentLines: [{ ItemCode: '24-MB01', Quantity: 1, UnitPrice: 34 }],
};

describe('Service Layer emulator: faults', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startServiceLayer();
	});
	afterAll(() => sl.close());
	beforeEach(() => sl.reset());

	it('latency delays the matching request, which then succeeds', async () => {
		const c = await login(sl, 'v2');
		sl.setFaultPlan({ rules: [{ kind: 'latency', latencyMs: 60, path: '/Items', times: 1 }] });
		const started = Date.now();
		const res = await c.get('Items?$top=1');
		expect(Date.now() - started).toBeGreaterThanOrEqual(55);
		expect(res.status).toBe(200);
		expect(sl.faults.fired).toEqual([
			expect.objectContaining({ kind: 'latency', method: 'GET', path: '/b1s/v2/Items' }),
		]);
	});

	it.each([
		['v1', { error: { code: -1, message: { lang: 'en-us', value: 'Service Unavailable' } } }],
		['v2', { error: { code: '-1', message: 'Service Unavailable' } }],
	] as const)(
		'status answers the status in the %s envelope without touching state',
		async (v, envelope) => {
			const c = await login(sl, v);
			sl.setFaultPlan({
				rules: [{ kind: 'status', status: 503, method: 'POST', path: 'Orders', times: 1 }],
			});
			const res = await c.post('Orders', newOrder);
			expect(res.status).toBe(503);
			expect(res.data).toEqual(envelope);
			expect(sl.state.Orders).toHaveLength(7);
			expect((await c.post('Orders', newOrder)).status).toBe(201);
			expect(sl.state.Orders).toHaveLength(8);
		},
	);

	it('status with emptyBody answers like an Apache load balancer: no body', async () => {
		const c = await login(sl, 'v2');
		sl.setFaultPlan({ rules: [{ kind: 'status', status: 502, emptyBody: true }] });
		const res = await c.get('Orders', {});
		expect(res.status).toBe(502);
		expect(res.data).toBe('');
		expect(res.headers['content-length']).toBe('0');
	});

	it('reset destroys the connection before anything happens', async () => {
		const c = await login(sl, 'v2');
		sl.setFaultPlan({ rules: [{ kind: 'reset', method: 'POST', path: 'Orders', times: 1 }] });
		await expect(c.post('Orders', newOrder)).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|EPIPE/),
		});
		expect(sl.state.Orders).toHaveLength(7);
	});

	it('commitThenDrop commits the order, then drops the connection', async () => {
		const c = await login(sl, 'v1');
		sl.setFaultPlan({
			rules: [{ kind: 'commitThenDrop', method: 'POST', path: 'Orders', times: 1 }],
		});
		await expect(c.post('Orders', newOrder)).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|EPIPE/),
		});
		expect(sl.state.Orders).toHaveLength(8);
		expect(sl.state.Orders[7].NumAtCard).toBe('F-1');
		const found = await c.get(
			`Orders?$filter=${encodeURIComponent("NumAtCard eq 'F-1'")}&$select=DocEntry`,
		);
		expect(found.data.value).toEqual([{ DocEntry: 8 }]);
	});

	it('sessionExpiry ends the caller’s session: 401 / 301 until it logs in again', async () => {
		const c = await login(sl, 'v2');
		sl.setFaultPlan({ rules: [{ kind: 'sessionExpiry', path: 'Orders', times: 1 }] });
		const res = await c.get('Orders(1)');
		expect(res.status).toBe(401);
		expect(res.data).toEqual({
			error: { code: '301', message: 'Invalid session or session already timeout.' },
		});
		expect((await c.get('Items?$top=1')).status).toBe(401);
		const again = await login(sl, 'v2');
		expect((await again.get('Orders(1)')).status).toBe(200);
		expect(sl.stats.logins).toBe(2);
	});

	it('slowLogin delays POST /Login only', async () => {
		sl.setFaultPlan({ rules: [{ kind: 'slowLogin', path: 'Login', latencyMs: 80 }] });
		const started = Date.now();
		const res = await rawClient(sl, 'v1').post('Login', {
			CompanyDB: sl.companyDb,
			UserName: sl.user,
			Password: sl.password,
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(75);
		expect(res.status).toBe(200);
		expect(sl.faults.fired.map((f) => f.kind)).toEqual(['slowLogin']);
	});

	it('after / every / times select which requests fail', async () => {
		const c = await login(sl, 'v2');
		sl.setFaultPlan({
			rules: [{ kind: 'status', status: 429, path: 'Warehouses', after: 1, every: 2, times: 2 }],
		});
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) statuses.push((await c.get('Warehouses')).status);
		expect(statuses).toEqual([200, 429, 200, 429, 200, 200, 200]);
	});
});
