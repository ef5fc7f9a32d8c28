/**
 * Get Many → Also Fetch Deliveries: DocEntries returned whatever the watermark (e.g. a sync
 * checkpoint's retry list), over both sources against the same data.
 * Seed deliveries, in watermark order: 1, 2, 3 (web orders, tracking), 4 (cancelled), 5 (its
 * cancellation), 6 (no tracking), 7, 8 (same second), 9 (no web order number).
 */
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';
import type { SqlServerEmulator } from '../../emulators/tds';
import type { CredentialStore, RunResult } from '../../helpers/n8n';
import {
	ALL,
	credentialsFor,
	deliveryQueries,
	entries,
	run,
	withBothSources,
	type Source,
} from './setup';

const SOURCES: Source[] = ['sqlServer', 'serviceLayer'];

/** After delivery 6: the watermark window holds 7, 8, 9. */
const AFTER_6 = { date: '2025-06-05', time: '08:00:00', docEntry: 6 };
/** After delivery 9: the watermark window is empty. */
const AFTER_9 = { date: '2025-06-06', time: '16:45:00', docEntry: 9 };

/** Answered DeliveryNotes reads (a stale session cookie from an earlier test may cost a 401 and a re-login first). */
const deliveryRequests = (r: RunResult) =>
	r.http.filter((h) => /\/DeliveryNotes\b/.test(h.url) && h.status === 200);

describe('SAP B1 Shipments: Get Many → Also Fetch Deliveries', () => {
	let sl: ServiceLayerEmulator;
	let db: SqlServerEmulator;
	let creds: CredentialStore;

	withBothSources((s) => ({ sl, db, creds } = s));

	const alsoFetch = (ids: unknown, parameters: object = {}) => ({
		...ALL,
		watermark: AFTER_6,
		...parameters,
		options: { alsoFetchDocEntries: ids },
	});

	it.each([
		['comma-separated, some in the window', alsoFetch('8, 2,7')],
		['an array of strings (a retry list)', alsoFetch(['3', '1'])],
		[
			'with the default filters',
			alsoFetch([4, 5, 6, 1, 2], { onlyWithTracking: true, excludeCancelled: true }),
		],
		[
			'web orders only, after everything',
			alsoFetch([9, 1, 3], { watermark: AFTER_9, onlyWebOrders: true }),
		],
	])('both sources return identical items: %s', async (_name, parameters) => {
		const fromSql = await run(creds, 'sqlServer', parameters);
		const fromSl = await run(creds, 'serviceLayer', parameters);
		const fromSlV1 = await run(credentialsFor(db, sl, 'v1'), 'serviceLayer', parameters);
		expect(fromSql.json.length).toBeGreaterThan(0);
		expect(fromSl.json).toEqual(fromSql.json);
		expect(fromSlV1.json).toEqual(fromSql.json);
	});

	it('puts the fetched deliveries first, in watermark order, each with its own watermark, the window unchanged after them', async () => {
		for (const source of SOURCES) {
			const plain = await run(creds, source, { ...ALL });
			const byEntry = new Map(plain.json.map((j) => [j.DocEntry, j]));
			const result = await run(creds, source, alsoFetch([3, 1]));
			expect(entries(result)).toEqual([1, 3, 7, 8, 9]);
			// Same items (watermark included) as a plain read: the watermark is not moved or shared.
			expect(result.json).toEqual([1, 3, 7, 8, 9].map((e) => byEntry.get(e)));
			expect(result.json[0].watermark).toEqual({
				date: '2025-06-03',
				time: '10:15:00',
				docEntry: 1,
			});
			expect(result.outputs[0].map((o) => o.pairedItem)).toEqual(Array(5).fill({ item: 0 }));
		}
	});

	it('does not repeat deliveries already in the watermark window, nor ones listed twice', async () => {
		for (const source of SOURCES) {
			expect(entries(await run(creds, source, alsoFetch('8, 2, 7, 2, 9')))).toEqual([2, 7, 8, 9]);
			expect(entries(await run(creds, source, alsoFetch([7, 8, 9])))).toEqual([7, 8, 9]);
		}
		// Nothing left to fetch: no extra query or request at all.
		db.resetStats();
		await run(creds, 'sqlServer', alsoFetch([7, 8, 9]));
		expect(deliveryQueries(db)).toHaveLength(1);
		const sl1 = await run(creds, 'serviceLayer', alsoFetch([7, 8, 9]));
		expect(deliveryRequests(sl1)).toHaveLength(1);
	});

	it('fetches listed deliveries beyond the limit too, without counting them towards it', async () => {
		for (const source of SOURCES) {
			const result = await run(creds, source, alsoFetch([8, 2], { returnAll: false, limit: 1 }));
			expect(entries(result)).toEqual([2, 8, 7]);
			expect(result.json.find((j) => j.DocEntry === 8)!.watermark).toEqual({
				date: '2025-06-06',
				time: '14:30:15',
				docEntry: 8,
			});
		}
	});

	it('leaves out unknown DocEntries', async () => {
		for (const source of SOURCES) {
			expect(entries(await run(creds, source, alsoFetch([99999, 3, 424242])))).toEqual([
				3, 7, 8, 9,
			]);
			expect(entries(await run(creds, source, alsoFetch('99999', { watermark: AFTER_9 })))).toEqual(
				[],
			);
		}
	});

	it('still applies the tracking, cancelled and web order filters to the listed deliveries', async () => {
		for (const source of SOURCES) {
			const defaults = await run(
				creds,
				source,
				alsoFetch([4, 5, 6, 1], {
					watermark: AFTER_9,
					onlyWithTracking: true,
					excludeCancelled: true,
				}),
			);
			expect(entries(defaults)).toEqual([1]);
			const cancelledToo = await run(
				creds,
				source,
				alsoFetch([4, 5, 6, 1], {
					watermark: AFTER_9,
					onlyWithTracking: true,
					excludeCancelled: false,
				}),
			);
			expect(entries(cancelledToo)).toEqual([1, 4, 5]);
			const webOnly = await run(
				creds,
				source,
				alsoFetch([9, 2], { watermark: AFTER_9, onlyWebOrders: true }),
			);
			expect(entries(webOnly)).toEqual([2]);
			const udf = await run(
				creds,
				source,
				alsoFetch([9, 2], {
					watermark: AFTER_9,
					onlyWebOrders: true,
					options: { alsoFetchDocEntries: [9, 2], webOrderField: 'U_WebOrderNo' },
				}),
			);
			expect(udf.json).toEqual([
				expect.objectContaining({ DocEntry: 2, webOrderNumber: '000000091' }),
			]);
		}
	});

	it('SQL Server: one parameterised query per 100 DocEntries after the window pages', async () => {
		const ids = Array.from({ length: 250 }, (_, n) => n + 1);
		const result = await run(creds, 'sqlServer', alsoFetch(ids, { watermark: AFTER_9 }));
		expect(entries(result)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const queries = deliveryQueries(db);
		expect(queries).toHaveLength(1 + 3); // the (empty) window page, then 100 + 100 + 50 DocEntries
		const byEntries = queries.slice(1);
		expect(byEntries.every((q) => q.kind === 'rpc')).toBe(true);
		expect(byEntries.map((q) => Object.keys(q.params ?? {}).length)).toEqual([100, 100, 50]);
		expect(byEntries[2].params).toMatchObject({ e0: 201, e49: 250 });
		expect(byEntries[0].sql).toContain('D.DocEntry IN (@e0, @e1, @e2');
		for (const q of byEntries)
			expect(
				q.sql
					.match(/IN \(([^)]*)\)/)![1]
					.split(', ')
					.every((p) => /^@e\d+$/.test(p)),
			).toBe(true);
	});

	it('Service Layer: one batched request per 20 DocEntries', async () => {
		const ids = Array.from({ length: 45 }, (_, n) => n + 1);
		const result = await run(creds, 'serviceLayer', alsoFetch(ids, { watermark: AFTER_9 }));
		expect(entries(result)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(deliveryRequests(result)).toHaveLength(1 + 3); // the (empty) window read, then 20 + 20 + 5
		const filters = new Set(
			result.http
				.map((h) => new URL(h.url))
				.filter(
					(url) =>
						/DeliveryNotes/.test(url.pathname) &&
						/DocEntry eq/.test(url.searchParams.get('$filter') ?? ''),
				)
				.map((url) => url.searchParams.get('$filter')!),
		);
		expect([...filters].map((f) => f.split(' or ').length)).toEqual([20, 20, 5]);
		expect([...filters][0]).toMatch(/^DocEntry eq 1 or DocEntry eq 2 or /);
		expect(sl.stats.requests['GET ShippingTypes']).toBe(1);
	});

	it('refuses a value that is not a DocEntry, naming it, before any query', async () => {
		for (const source of SOURCES) {
			db.resetStats();
			const before = sl.stats.requests['GET DeliveryNotes'] ?? 0;
			for (const [bad, named] of [
				['12, abc', '"abc"'],
				[[12, '7; DROP TABLE ODLN'], '"7; DROP TABLE ODLN"'],
				[[1.5], '"1.5"'],
				['-3', '"-3"'],
				[[0], '"0"'],
				[[{ id: 3 }], '"{"id":3}"'],
			] as Array<[unknown, string]>) {
				const result = await run(creds, source, alsoFetch(bad), [{}], true);
				expect(result.json).toEqual([
					{
						error: `Deliveries: Also Fetch Deliveries: ${named} is not a DocEntry (a positive whole number)`,
					},
				]);
				expect(result.outputs[0][0].error?.name).toBe('NodeOperationError');
				await expect(run(creds, source, alsoFetch(bad))).rejects.toThrow(
					`Also Fetch Deliveries: ${named} is not a DocEntry`,
				);
			}
			expect(deliveryQueries(db)).toHaveLength(0);
			expect(sl.stats.requests['GET DeliveryNotes'] ?? 0).toBe(before);
		}
	});

	it('reads the list per input item', async () => {
		const items = [{ retry: [1] }, { retry: [] }, { retry: '2,3' }];
		for (const source of SOURCES) {
			const results = await Promise.all(
				items.map((item) => run(creds, source, alsoFetch(item.retry, { watermark: AFTER_9 }))),
			);
			expect(results.map(entries)).toEqual([[1], [], [2, 3]]);
		}
	});
});
