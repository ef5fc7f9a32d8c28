/** Contract tests of the emulated Magento REST API: each fault kind, and the /__emulator/ control API. */
import axios from 'axios';
import { startMagento, type MagentoEmulator } from '../emulators/magento';

let m: MagentoEmulator;
beforeAll(async () => {
	m = await startMagento();
});
afterAll(async () => m.close());
beforeEach(() => m.reset());

const http = axios.create({ validateStatus: () => true, timeout: 2000 });
const auth = () => ({ headers: { Authorization: `Bearer ${m.credentials.adminToken}` } });
const getOrder = () => http.get(`${m.url}/rest/V1/orders/207`, auth());

describe('faults', () => {
	it('latency delays but answers; the fired fault is recorded', async () => {
		m.setFaultPlan({ rules: [{ kind: 'latency', latencyMs: 20, times: 1 }] });
		expect((await getOrder()).data.increment_id).toBe('000000101');
		expect(m.faults.fired.map((f) => [f.kind, f.method, f.path])).toEqual([
			['latency', 'GET', '/rest/V1/orders/207'],
		]);
	});

	it('status 500 answers a masked Magento error without touching state', async () => {
		m.setFaultPlan({ rules: [{ kind: 'status', status: 500, method: 'POST', times: 1 }] });
		const r = await http.post(`${m.url}/rest/V1/order/207/ship`, {}, auth());
		expect(r.status).toBe(500);
		expect(r.data.message).toMatch(
			/^Internal Error\. Details are available in Magento log file\. Report ID: /,
		);
		expect(m.state.shipments).toHaveLength(0);
		expect((await http.post(`${m.url}/rest/V1/order/207/ship`, {}, auth())).status).toBe(200);
	});

	it('status 503 with an empty body, and 429 with Retry-After', async () => {
		m.setFaultPlan({
			rules: [
				{ kind: 'status', status: 503, emptyBody: true, times: 1 },
				{ kind: 'status', status: 429, after: 1, times: 1 },
			],
		});
		const a = await getOrder();
		expect([a.status, a.data]).toEqual([503, '']);
		const b = await getOrder();
		expect([b.status, b.headers['retry-after']]).toEqual([429, '1']);
		expect((await getOrder()).status).toBe(200);
	});

	it('reset drops the connection before anything happens', async () => {
		m.setFaultPlan({ rules: [{ kind: 'reset', path: /\/ship$/, times: 1 }] });
		await expect(http.post(`${m.url}/rest/V1/order/207/ship`, {}, auth())).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/),
		});
		expect(m.state.shipments).toHaveLength(0);
	});

	it('commitThenDrop creates the shipment, then drops the answer', async () => {
		m.setFaultPlan({ rules: [{ kind: 'commitThenDrop', path: '/ship', times: 1 }] });
		await expect(
			http.post(
				`${m.url}/rest/V1/order/207/ship`,
				{ tracks: [{ track_number: 'X1', title: 'UPS', carrier_code: 'ups' }] },
				auth(),
			),
		).rejects.toBeTruthy();
		expect(m.state.shipments.map((s) => s.tracks[0].track_number)).toEqual(['X1']);
		const again = await http.post(`${m.url}/rest/V1/order/207/ship`, {}, auth());
		expect(again.data.message).toContain('The order does not allow a shipment to be created.');
	});
});

describe('control API over HTTP', () => {
	it('exposes state, stats and credentials, sets faults and options, touches orders and resets', async () => {
		await http.post(`${m.url}/rest/V1/order/207/ship`, {}, auth());
		const state = (await http.get(`${m.url}/__emulator/state`)).data;
		expect(state.shipments).toHaveLength(1);
		expect(
			(await http.get(`${m.url}/__emulator/stats`)).data.byRoute['POST /V1/order/:id/ship'],
		).toBe(1);
		expect((await http.get(`${m.url}/__emulator/credentials`)).data.consumerKey).toHaveLength(32);

		await http.put(`${m.url}/__emulator/faults`, {
			rules: [{ kind: 'status', status: 503, path: { regex: '/orders/\\d+$' }, times: 1 }],
		});
		expect((await getOrder()).status).toBe(503);
		expect((await http.get(`${m.url}/__emulator/faults`)).data.fired).toHaveLength(1);

		await http.put(`${m.url}/__emulator/options`, { bearerIntegrationTokens: false });
		expect(
			(
				await http.get(`${m.url}/rest/V1/orders/207`, {
					headers: { Authorization: `Bearer ${m.credentials.bearerToken}` },
				})
			).status,
		).toBe(401);
		await http.put(`${m.url}/__emulator/options`, { bearerIntegrationTokens: true });
		expect(
			(
				await http.get(`${m.url}/rest/V1/orders/207`, {
					headers: { Authorization: `Bearer ${m.credentials.bearerToken}` },
				})
			).status,
		).toBe(200);

		const touched = (await http.post(`${m.url}/__emulator/orders/000000090/touch`)).data;
		expect(touched.updated_at > '2026-11-10 09:12:33').toBe(true);
		expect(
			(await http.patch(`${m.url}/__emulator/orders/201`, { customer_email: 'x@example.com' })).data
				.customer_email,
		).toBe('x@example.com');

		await http.post(`${m.url}/__emulator/reset`);
		expect(m.state.shipments).toHaveLength(0);
		expect(m.findOrder('000000090')!.customer_email).toBe('roni_cost@example.com');
	});
});
