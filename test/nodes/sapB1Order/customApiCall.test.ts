import { SapB1Shipments } from '../../../nodes/SapB1/Shipments/SapB1Shipments.node';
import { checkedPath } from '../../../nodes/SapB1/shared/customApiCall/call.operation';
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';
import { runNode } from '../../helpers/n8n';
import { FAST, credentialTypes, credentialsFor, run, startSl } from './setup';

const call = (extra: Record<string, unknown>) => ({
	resource: 'customApiCall',
	operation: 'call',
	options: FAST,
	...extra,
});

describe('SAP B1 nodes: Custom API Call', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	it('GETs an entity and a collection with query parameters, through the session', async () => {
		const creds = credentialsFor(sl);
		const item = await run(sl, creds, call({ method: 'GET', path: "/Items('24-MB01')" }));
		expect(item.json).toEqual([expect.objectContaining({ ItemCode: '24-MB01' })]);
		const list = await run(
			sl,
			creds,
			call({
				method: 'GET',
				path: 'BusinessPartners',
				query: {
					parameter: [
						{ name: '$select', value: 'CardCode,CardName' },
						{ name: '$filter', value: "CardType eq 'cCustomer'" },
					],
				},
			}),
		);
		expect(list.json).toHaveLength(1);
		expect((list.json[0].value as unknown[]).length).toBeGreaterThan(2);
		// One login for both runs: the session is the credential's.
		expect(sl.stats.logins).toBe(1);
	});

	it('follows next links with Return All Pages (one item per record)', async () => {
		const all = await run(
			sl,
			credentialsFor(sl),
			call({
				method: 'GET',
				path: '/Orders',
				query: { parameter: [{ name: '$select', value: 'DocEntry' }] },
				options: { ...FAST, returnAllPages: true, pageSize: 2 },
			}),
		);
		expect(all.json.map((o) => o.DocEntry)).toEqual(sl.state.Orders.map((o) => o.DocEntry));
		expect(sl.stats.requests['GET Orders']).toBe(Math.ceil(sl.state.Orders.length / 2));
	});

	it('writes with the body given (PATCH answers no content) and re-logs in after an expired session', async () => {
		const creds = credentialsFor(sl);
		const docEntry = sl.state.Orders[0].DocEntry;
		await run(sl, creds, call({ method: 'GET', path: "/Items('24-MB01')" }));
		sl.setFaultPlan({ rules: [{ kind: 'sessionExpiry', times: 1 }] });
		const patched = await run(
			sl,
			creds,
			call({
				method: 'PATCH',
				path: `/Orders(${docEntry})`,
				body: JSON.stringify({ Comments: 'set by a custom call' }),
			}),
		);
		expect(patched.json).toEqual([{ success: true }]);
		expect(sl.state.Orders[0].Comments).toBe('set by a custom call');
		expect(sl.stats.logins).toBe(2);
	});

	it('retries a GET after 503, and reports SAP errors naming the request', async () => {
		sl.setFaultPlan({ rules: [{ kind: 'status', status: 503, path: '/Items', times: 2 }] });
		const item = await run(
			sl,
			credentialsFor(sl),
			call({ method: 'GET', path: "/Items('24-MB01')" }),
		);
		expect(item.json[0].ItemCode).toBe('24-MB01');
		const missing = await run(
			sl,
			credentialsFor(sl),
			call({ method: 'GET', path: "/Items('NOPE')" }),
			[{}],
			true,
		);
		expect(String(missing.json[0].error)).toMatch(/GET \/Items\('NOPE'\)/);
		expect(missing.json[0].request).toBe("GET /Items('NOPE')");
	});

	it('keeps the path below the Service Layer root and leaves the session to the node', () => {
		const root = 'https://b1:50000/b1s/v2';
		expect(checkedPath(root, "Items('A')")).toBe("/Items('A')");
		expect(checkedPath(root, '/Orders?$top=1')).toBe('/Orders?$top=1');
		expect(() => checkedPath(root, 'https://evil.example/steal')).toThrow(/not a URL/);
		expect(() => checkedPath(root, '//evil.example/x')).toThrow(/not a URL/);
		expect(() => checkedPath(root, '/../v1/Orders')).toThrow(/leaves the Service Layer root/);
		expect(() => checkedPath(root, '/b1s/v1/Orders')).toThrow(/leaves the Service Layer root/);
		expect(() => checkedPath(root, '/Logout')).toThrow(/handles the session/);
		expect(() => checkedPath(root, 'Login')).toThrow(/handles the session/);
	});

	it('SAP B1 Shipments: through the Service Layer source; the SQL Server source says to switch', async () => {
		const shipments = new SapB1Shipments();
		const ok = await runNode(shipments, {
			parameters: { source: 'serviceLayer', ...call({ method: 'GET', path: '/Warehouses' }) },
			credentials: credentialsFor(sl),
			credentialTypes,
		});
		expect((ok.json[0].value as unknown[]).length).toBeGreaterThan(0);
		await expect(
			runNode(shipments, {
				parameters: { source: 'sqlServer', ...call({ method: 'GET', path: '/Warehouses' }) },
				credentials: credentialsFor(sl),
				credentialTypes,
			}),
		).rejects.toThrow(/set Source to Service Layer/);
	});
});
