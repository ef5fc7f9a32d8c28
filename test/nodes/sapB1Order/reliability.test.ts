import {
	startSl,
	credentialsFor,
	magentoOrders,
	createFromMagento,
	run,
	ordersByWeb,
	FAST,
} from './setup';
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';

describe('SAP B1 Order: reliability', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	it.each(['v1', 'v2'] as const)(
		'creates exactly one order when SAP commits and the answer is lost (%s)',
		async (version) => {
			const creds = credentialsFor(sl, version);
			sl.setFaultPlan({
				rules: [{ kind: 'commitThenDrop', method: 'POST', path: '/Orders', times: 1 }],
			});
			const result = await run(sl, creds, createFromMagento(), magentoOrders('000000101'));
			expect(sl.faults.fired.map((f) => f.kind)).toEqual(['commitThenDrop']);
			expect(ordersByWeb(sl, '000000101')).toHaveLength(1);
			expect(result.json[0]).toMatchObject({
				created: true,
				DocEntry: ordersByWeb(sl, '000000101')[0].DocEntry,
			});
			expect(sl.stats.requests['POST Orders']).toBe(1);
		},
	);

	it('creates exactly one order when POST times out and SAP commits within the timeout again', async () => {
		const creds = credentialsFor(sl);
		sl.setFaultPlan({
			rules: [{ kind: 'latency', method: 'POST', path: '/Orders', latencyMs: 150, times: 1 }],
		});
		const result = await run(
			sl,
			creds,
			createFromMagento({ options: { ...FAST, timeout: 100 } }),
			magentoOrders('000000102'),
		);
		expect(result.json[0].created).toBe(true);
		expect(result.json[0].DocEntry).toBe(ordersByWeb(sl, '000000102')[0].DocEntry);
		expect(ordersByWeb(sl, '000000102')).toHaveLength(1);
	});

	it('retries 503 and 502 (empty bodies), 429 and resets; never duplicates', async () => {
		const creds = credentialsFor(sl);
		sl.setFaultPlan({
			rules: [
				{ kind: 'status', status: 503, emptyBody: true, method: 'GET', path: '/Orders', times: 1 },
				{ kind: 'status', status: 429, method: 'POST', path: '/Orders', times: 1 },
				{ kind: 'status', status: 502, emptyBody: true, method: 'POST', path: '/Orders', times: 1 },
				{ kind: 'reset', method: 'POST', path: '/Orders', times: 1 },
			],
		});
		const result = await run(
			sl,
			creds,
			createFromMagento({ options: { ...FAST, concurrency: 1 } }),
			magentoOrders('000000101', '000000103', '000000105'),
		);
		expect(result.json.map((j) => j.created)).toEqual([true, true, true]);
		for (const web of ['000000101', '000000103', '000000105'])
			expect(ordersByWeb(sl, web)).toHaveLength(1);
		expect(sl.faults.fired).toHaveLength(4);
	});

	it('does not retry a 4xx business error', async () => {
		const creds = credentialsFor(sl);
		const result = await run(sl, creds, createFromMagento(), magentoOrders('000000110'), true);
		expect(result.json[0].error).toBeDefined();
		expect(sl.stats.requests['POST Orders']).toBe(1);
	});

	it('gives up after the configured retries with a clear error', async () => {
		const creds = credentialsFor(sl);
		sl.setFaultPlan({ rules: [{ kind: 'status', status: 503, emptyBody: true, path: '/Orders' }] });
		const result = await run(
			sl,
			creds,
			createFromMagento({ options: { ...FAST, retries: 2 } }),
			magentoOrders('000000101'),
			true,
		);
		expect(String(result.json[0].error)).toMatch(/503/);
		expect(String(result.json[0].error)).toMatch(/empty body/);
		expect(sl.stats.requests['GET Orders']).toBe(3);
	});

	it('logs in once for many items, and re-logs in once when every session expires mid-run', async () => {
		const creds = credentialsFor(sl);
		const base = magentoOrders('000000101')[0];
		const items = Array.from({ length: 24 }, (_, n) => ({ ...base, increment_id: `S-${n}` }));
		// Expire all sessions when the 8th order is posted (the run keeps 4 requests in flight).
		let posts = 0;
		const original = sl.state.Orders.push.bind(sl.state.Orders);
		sl.state.Orders.push = (...docs) => {
			if (++posts === 8) sl.expireAllSessions();
			return original(...docs);
		};
		const result = await run(
			sl,
			creds,
			createFromMagento({ options: { ...FAST, concurrency: 4 } }),
			items,
		);
		expect(result.json.every((j) => j.created === true)).toBe(true);
		expect(sl.stats.sessionsExpired).toBeGreaterThanOrEqual(1);
		expect(sl.stats.logins).toBe(2);
		for (let n = 0; n < 24; n++) expect(ordersByWeb(sl, `S-${n}`)).toHaveLength(1);
	});

	it('logs in once when parallel items start with an empty session', async () => {
		const creds = credentialsFor(sl);
		sl.setFaultPlan({ rules: [{ kind: 'slowLogin', latencyMs: 50 }] });
		const result = await run(
			sl,
			creds,
			{
				resource: 'order',
				operation: 'get',
				by: 'docEntry',
				docEntry: 1,
				options: { ...FAST, concurrency: 8 },
			},
			Array.from({ length: 8 }, () => ({})),
		);
		expect(result.json).toHaveLength(8);
		expect(sl.stats.logins).toBe(1);
	});

	it('re-logs in once on the next execution after the idle timeout', async () => {
		const creds = credentialsFor(sl);
		await run(sl, creds, {
			resource: 'order',
			operation: 'get',
			by: 'docEntry',
			docEntry: 1,
			options: FAST,
		});
		sl.expireAllSessions();
		const result = await run(
			sl,
			creds,
			{
				resource: 'order',
				operation: 'get',
				by: 'docEntry',
				docEntry: 2,
				options: { ...FAST, concurrency: 4 },
			},
			[{}, {}, {}, {}],
		);
		expect(result.json.every((j) => j.DocEntry === 2)).toBe(true);
		expect(sl.stats.logins).toBe(2);
	});

	it('never shows the password or the session cookie in outputs or errors', async () => {
		const creds = credentialsFor(sl);
		const password = sl.password;
		const ok = await run(
			sl,
			creds,
			createFromMagento(),
			magentoOrders('000000101', '000000110'),
			true,
		);
		const session = String(creds.sapB1ServiceLayerApi.sessionToken);
		expect(session).toMatch(/B1SESSION=/);
		const sessionId = /B1SESSION=([^;]+)/.exec(session)![1];
		const text =
			JSON.stringify(ok.outputs) +
			JSON.stringify(
				ok.outputs[0].map(
					(i) =>
						i.error && { ...i.error, message: i.error.message, description: i.error.description },
				),
			);
		expect(text).not.toContain(sessionId);
		expect(text).not.toContain(`"${password}"`);
		// wrong password: the error says so, without the password
		const bad = credentialsFor(sl);
		bad.sapB1ServiceLayerApi.password = 'S3cr3t-Pa55!';
		await expect(run(sl, bad, createFromMagento(), magentoOrders('000000101'))).rejects.toThrow();
		try {
			await run(sl, bad, createFromMagento(), magentoOrders('000000101'));
		} catch (error) {
			const e = error as Error & { description?: string };
			expect(`${e.message} ${e.description} ${JSON.stringify(e)}`).not.toContain('S3cr3t-Pa55!');
			expect(e.message).toMatch(/100000027|Login|password|user/i);
		}
	});
});
