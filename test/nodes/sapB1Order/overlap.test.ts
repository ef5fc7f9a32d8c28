/**
 * Overlapping runs of SAP B1 Order → Create (a scheduled run longer than its interval, Run Now
 * during a scheduled run, two queue-mode workers) with no checkpoint lease to keep them apart:
 * every web order ends up exactly once as a live sales order in SAP.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';
import {
	createFromMagento,
	credentialsFor,
	magentoOrders,
	ordersByWeb,
	run,
	startSl,
} from './setup';

const WEB_ORDERS = [
	'000000101',
	'000000102',
	'000000103',
	'000000104',
	'000000105',
	'000000106',
	'000000107',
	'000000108',
	'000000109',
];

describe('SAP B1 Order: overlapping Create runs', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	const live = (web: string) => ordersByWeb(sl, web).filter((o) => o.Cancelled !== 'tYES');

	it.each([2, 3])(
		'%i concurrent runs over the same 9 web orders leave each once in SAP, reported created once',
		async (runs) => {
			const creds = credentialsFor(sl);
			// Slow POSTs make the runs overlap between their lookup and their POST, as on a real SAP.
			sl.setFaultPlan({
				rules: [{ kind: 'latency', method: 'POST', path: '/Orders', latencyMs: 40 }],
			});
			const results = await Promise.all(
				Array.from({ length: runs }, () =>
					run(sl, creds, createFromMagento(), magentoOrders(...WEB_ORDERS)),
				),
			);
			for (const web of WEB_ORDERS) {
				expect(live(web)).toHaveLength(1);
				const outputs = results.map(
					(r) => r.json.find((j) => j.webOrderNumber === web) as IDataObject,
				);
				// Exactly one run says it created the order; all name the same live order.
				expect(outputs.filter((o) => o.created === true)).toHaveLength(1);
				for (const o of outputs) expect(o.DocEntry).toBe(live(web)[0].DocEntry);
				// A run that lost the race cancelled its own order and says so.
				for (const o of outputs.filter((x) => x.duplicateCancelled)) {
					const cancelled = o.duplicateCancelled as IDataObject;
					expect(sl.state.Orders.find((d) => d.DocEntry === cancelled.DocEntry)?.Cancelled).toBe(
						'tYES',
					);
					expect(o).toMatchObject({
						created: false,
						reason: expect.stringMatching(/another run created web order/),
					});
				}
			}
			// The races really happened (without the check every order would be in SAP `runs` times).
			expect(
				sl.state.Orders.filter(
					(o) => o.Cancelled === 'tYES' && WEB_ORDERS.includes(String(o.NumAtCard)),
				).length,
			).toBeGreaterThan(0);
		},
	);

	it('keeps the older order: a run whose lookup missed it creates a duplicate, finds it in its check, and cancels its own', async () => {
		const creds = credentialsFor(sl);
		const first = await run(sl, creds, createFromMagento(), magentoOrders('000000101'));
		// A second run that did its lookup before the first run's order existed: the order is hidden
		// from the lookup, and shown again while the second run's (slow) POST is in flight.
		const older = sl.state.Orders.find((o) => o.NumAtCard === '000000101')!;
		older.NumAtCard = 'hidden';
		sl.setFaultPlan({
			rules: [{ kind: 'latency', method: 'POST', path: '/Orders', latencyMs: 150, times: 1 }],
		});
		const lookups = sl.stats.requests['GET Orders'] ?? 0;
		const secondRun = run(sl, creds, createFromMagento(), magentoOrders('000000101'));
		for (let i = 0; i < 400 && (sl.stats.requests['POST Orders'] ?? 0) < 2; i++)
			await new Promise((r) => setTimeout(r, 5));
		older.NumAtCard = '000000101';
		const second = await secondRun;
		expect((sl.stats.requests['GET Orders'] ?? 0) - lookups).toBe(2); // the lookup and the check after creating
		expect(first.json[0]).toMatchObject({ created: true, DocEntry: older.DocEntry });
		expect(second.json[0]).toMatchObject({
			created: false,
			DocEntry: older.DocEntry,
			duplicateCancelled: expect.any(Object),
		});
		expect(live('000000101').map((o) => o.DocEntry)).toEqual([older.DocEntry]);
		expect(ordersByWeb(sl, '000000101')).toHaveLength(2); // the younger one is there, cancelled
	});
});
