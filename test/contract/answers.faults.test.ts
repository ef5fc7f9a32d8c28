/**
 * Contract tests of the body-replacing fault kinds of both emulated HTTP systems: what a proxy,
 * WAF or maintenance page in front of SAP or Magento answers (an HTML page with 200/502/503, an
 * empty 200, a non-JSON 200), and a truncated answer; with `afterCommit` the request is performed
 * first. Plain clients (axios, with its default lenient JSON parsing, as n8n's helpers use it).
 */
import axios from 'axios';
import { startMagento, type MagentoEmulator } from '../emulators/magento';
import { startServiceLayer, type ServiceLayerEmulator } from '../emulators/serviceLayer';
import { login, type SlTestClient } from '../emulators/serviceLayer/testClient';

const http = axios.create({ validateStatus: () => true, timeout: 3000 });

describe("answers that are not the endpoint's: Service Layer emulator", () => {
	let sl: ServiceLayerEmulator;
	let c: SlTestClient;
	beforeAll(async () => {
		sl = await startServiceLayer();
	});
	afterAll(async () => sl.close());
	beforeEach(async () => {
		sl.reset();
		c = await login(sl, 'v2');
	});
	const get = () => c.get('Orders?$select=DocEntry');
	const post = () =>
		c.post('BusinessPartners', {
			CardCode: 'CPROXY',
			CardName: 'Proxy test',
			CardType: 'cCustomer',
		});

	it.each([200, 502, 503])('html %i: an nginx-style HTML page, state untouched', async (status) => {
		sl.setFaultPlan({ rules: [{ kind: 'html', status, times: 2 }] });
		const r = await get();
		expect(r.status).toBe(status);
		expect(String(r.headers['content-type'])).toMatch(/^text\/html/);
		expect(String(r.data)).toMatch(/^<!DOCTYPE html>[\s\S]*<title>/);
		expect((await post()).status).toBe(status);
		expect(sl.state.BusinessPartners.some((bp) => bp.CardCode === 'CPROXY')).toBe(false);
		expect((await get()).data.value).toEqual(expect.any(Array));
	});

	it('empty: 200 with no body; nonJson: 200 text/plain', async () => {
		sl.setFaultPlan({
			rules: [
				{ kind: 'empty', times: 1 },
				{ kind: 'nonJson', after: 1, times: 1 },
			],
		});
		const a = await get();
		expect([a.status, a.data, a.headers['content-length']]).toEqual([200, '', '0']);
		const b = await get();
		expect([b.status, b.data, String(b.headers['content-type'])]).toEqual([
			200,
			'OK',
			'text/plain; charset=utf-8',
		]);
		expect(sl.faults.fired.map((f) => f.kind)).toEqual(['empty', 'nonJson']);
	});

	it('truncated: the request is performed, half of the JSON answer comes back', async () => {
		sl.setFaultPlan({ rules: [{ kind: 'truncated', method: 'POST', times: 1 }] });
		const r = await post();
		expect(r.status).toBe(201);
		expect(typeof r.data).toBe('string');
		expect(() => JSON.parse(r.data)).toThrow();
		expect(String(r.data)).toMatch(/^\{/);
		expect(sl.state.BusinessPartners.some((bp) => bp.CardCode === 'CPROXY')).toBe(true);
	});

	it('afterCommit: the write is done, then the page is the answer', async () => {
		sl.setFaultPlan({
			rules: [{ kind: 'html', status: 200, afterCommit: true, method: 'POST', times: 1 }],
		});
		const r = await post();
		expect([r.status, String(r.headers['content-type'])]).toEqual([200, 'text/html']);
		expect(sl.state.BusinessPartners.some((bp) => bp.CardCode === 'CPROXY')).toBe(true);
	});
});

describe("answers that are not the endpoint's: Magento emulator", () => {
	let m: MagentoEmulator;
	beforeAll(async () => {
		m = await startMagento();
	});
	afterAll(async () => m.close());
	beforeEach(() => m.reset());
	const auth = () => ({ headers: { Authorization: `Bearer ${m.credentials.adminToken}` } });
	const search = () => http.get(`${m.url}/rest/V1/shipments?searchCriteria[pageSize]=10`, auth());
	const ship = () => http.post(`${m.url}/rest/V1/order/207/ship`, {}, auth());

	it.each([200, 502, 503])('html %i: an nginx-style HTML page, state untouched', async (status) => {
		m.setFaultPlan({ rules: [{ kind: 'html', status, times: 2 }] });
		const r = await search();
		expect([r.status, String(r.headers['content-type'])]).toEqual([status, 'text/html']);
		expect(String(r.data)).toMatch(/<title>/);
		expect((await ship()).status).toBe(status);
		expect(m.state.shipments).toHaveLength(0);
		expect((await search()).data).toMatchObject({ items: [], total_count: 0 });
	});

	it('empty and nonJson 200 answers', async () => {
		m.setFaultPlan({
			rules: [
				{ kind: 'empty', times: 1 },
				{ kind: 'nonJson', after: 1, times: 1 },
			],
		});
		expect((await search()).data).toBe('');
		expect((await search()).data).toBe('OK');
	});

	it('truncated and afterCommit: the shipment is made, the answer is unusable', async () => {
		m.setFaultPlan({ rules: [{ kind: 'truncated', method: 'POST', times: 1 }] });
		const r = await http.get(`${m.url}/rest/V1/orders/207`, auth());
		expect(r.status).toBe(200); // GET is not matched by method POST
		m.setFaultPlan({ rules: [{ kind: 'html', afterCommit: true, method: 'POST', times: 1 }] });
		const shipped = await ship();
		expect([shipped.status, String(shipped.headers['content-type'])]).toEqual([200, 'text/html']);
		expect(m.state.shipments).toHaveLength(1);
		m.setFaultPlan({ rules: [{ kind: 'truncated', times: 1 }] });
		const cut = await search();
		expect(typeof cut.data).toBe('string');
		expect(() => JSON.parse(cut.data)).toThrow();
	});
});
