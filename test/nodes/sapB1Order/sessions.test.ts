/**
 * The Service Layer credential's session pool: Sessions = N logs in N times (once, reused across
 * executions) and spreads parallel requests over the N sessions; a 401 renews them.
 */
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';
import {
	createFromMagento,
	credentialsFor,
	magentoOrders,
	ordersByWeb,
	run,
	startSl,
} from './setup';

describe('SAP B1 Service Layer credential: session pool', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	it('logs in once per session, reuses them in the next execution, and spreads the requests', async () => {
		const creds = credentialsFor(sl);
		creds.sapB1ServiceLayerApi.sessions = 3;
		const webOrders = [
			'000000101',
			'000000102',
			'000000103',
			'000000105',
			'000000106',
			'000000107',
		];
		const first = await run(
			sl,
			creds,
			createFromMagento({ options: { concurrency: 3, retries: 1, retryDelayMs: 1 } }),
			magentoOrders(...webOrders),
		);
		expect(first.json.every((j) => j.created === true)).toBe(true);
		expect(sl.stats.logins).toBe(3);
		const cookies = String(creds.sapB1ServiceLayerApi.sessionToken).split('\n');
		expect(new Set(cookies).size).toBe(3);
		for (const c of cookies) expect(c).toMatch(/^B1SESSION=[^;]+; ROUTEID=/);
		const second = await run(sl, creds, createFromMagento(), magentoOrders(...webOrders));
		expect(second.json.every((j) => j.created === false)).toBe(true);
		expect(sl.stats.logins).toBe(3);
		for (const web of webOrders) expect(ordersByWeb(sl, web)).toHaveLength(1);
	});

	it('renews all sessions after they expire', async () => {
		const creds = credentialsFor(sl);
		creds.sapB1ServiceLayerApi.sessions = 2;
		await run(sl, creds, { resource: 'order', operation: 'getMany', returnAll: true });
		expect(sl.stats.logins).toBe(2);
		sl.expireAllSessions();
		const again = await run(sl, creds, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
		});
		expect(again.json.length).toBeGreaterThan(0);
		expect(sl.stats.logins).toBe(4);
	});
});
