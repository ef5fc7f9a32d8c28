/**
 * SAP B1 Shipments over the wire: the real mssql driver against the TDS test server, and the
 * Service Layer transport against the emulated Service Layer, both loaded with the same data.
 *
 * Seed deliveries (test/emulators/seed/sap.ts), in watermark order:
 * 1 (06-03 10:15:00, order 000000090, UPS), 2 (06-03 11:20:05, 000000091, FedEx),
 * 3 (06-04 09:05:30, 000000091, DHL: partial), 4 (06-04 16:10:00, cancelled 'Y'),
 * 5 (06-04 16:10:00, its cancellation document 'C'), 6 (06-05 08:00:00, no tracking, unicode),
 * 7 and 8 (both 06-06 14:30:15), 9 (06-06 16:45:00, SAP-only order without web order number).
 */
import sql from 'mssql';
import { sapSeed, type SapSeed } from '../../emulators/seed/sap';
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';
import type { SqlServerEmulator } from '../../emulators/tds';
import type { CredentialStore } from '../../helpers/n8n';
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

describe('SAP B1 Shipments: deliveries from SQL Server and the Service Layer', () => {
	let sl: ServiceLayerEmulator;
	let db: SqlServerEmulator;
	let creds: CredentialStore;

	withBothSources((s) => ({ sl, db, creds } = s));

	it.each([
		['all deliveries', { ...ALL }],
		['defaults (tracking, not cancelled)', { operation: 'getMany', returnAll: true }],
		['web orders only', { operation: 'getMany', returnAll: true, onlyWebOrders: true }],
		[
			'after a watermark, limit 3',
			{
				operation: 'getMany',
				watermark: { date: '2025-06-04', time: '16:10:00', docEntry: 4 },
				limit: 3,
				...{ onlyWithTracking: false, excludeCancelled: false },
			},
		],
	])('both sources return identical items: %s', async (_name, parameters) => {
		const fromSql = await run(creds, 'sqlServer', parameters);
		const fromSlV2 = await run(creds, 'serviceLayer', parameters);
		const fromSlV1 = await run(credentialsFor(db, sl, 'v1'), 'serviceLayer', parameters);
		expect(fromSql.json.length).toBeGreaterThan(0);
		expect(fromSlV2.json).toEqual(fromSql.json);
		expect(fromSlV1.json).toEqual(fromSql.json);
		expect(
			fromSql.outputs[0].every((item) => (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
	});

	it('applies the filters: defaults, web orders only, everything', async () => {
		for (const source of SOURCES) {
			expect(entries(await run(creds, source, { ...ALL }))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
			expect(entries(await run(creds, source, { operation: 'getMany', returnAll: true }))).toEqual([
				1, 2, 3, 7, 8, 9,
			]);
			expect(
				entries(
					await run(creds, source, { operation: 'getMany', returnAll: true, onlyWebOrders: true }),
				),
			).toEqual([1, 2, 3, 7, 8]);
		}
	});

	it('includes cancelled deliveries and cancellation documents only when asked', async () => {
		for (const source of SOURCES) {
			const included = await run(creds, source, { ...ALL, excludeCancelled: false });
			const byEntry = new Map(included.json.map((j) => [j.DocEntry, j]));
			expect(byEntry.get(4)).toMatchObject({
				cancelled: true,
				cancelStatus: 'Y',
				webOrderNumber: '000000092',
			});
			expect(byEntry.get(5)).toMatchObject({ cancelled: true, cancelStatus: 'C', baseOrders: [] });
			const excluded = await run(creds, source, { ...ALL, excludeCancelled: true });
			expect(entries(excluded)).toEqual([1, 2, 3, 6, 7, 8, 9]);
		}
	});

	it('returns deliveries without tracking only when asked, with trackingNumber null', async () => {
		for (const source of SOURCES) {
			const without = await run(creds, source, {
				...ALL,
				onlyWithTracking: false,
				excludeCancelled: true,
			});
			expect(without.json.find((j) => j.DocEntry === 6)).toMatchObject({
				trackingNumber: null,
				carrierCode: 4,
				carrierName: 'Flat Rate',
			});
			const withTracking = await run(creds, source, { ...ALL, onlyWithTracking: true });
			expect(entries(withTracking)).not.toContain(6);
		}
	});

	it('reports partial deliveries of one order, each with its base order lines', async () => {
		for (const source of SOURCES) {
			const result = await run(creds, source, { ...ALL });
			const [d2, d3] = [2, 3].map((e) => result.json.find((j) => j.DocEntry === e)!);
			expect(d2).toMatchObject({
				webOrderNumber: '000000091',
				baseOrders: [{ DocEntry: 2, webOrderNumber: '000000091' }],
				carrierName: 'FedEx Priority',
			});
			expect(d3).toMatchObject({
				webOrderNumber: '000000091',
				baseOrders: [{ DocEntry: 2, webOrderNumber: '000000091' }],
				carrierName: 'DHL Express',
			});
			expect(d2.lines).toEqual([
				{
					LineNum: 0,
					itemCode: '24-UG06',
					description: 'Affirm Water Bottle',
					quantity: 2,
					baseEntry: 2,
					baseLine: 1,
					warehouseCode: '02',
				},
			]);
			expect(d3.lines).toEqual([
				{
					LineNum: 0,
					itemCode: 'MH01-L-Orange',
					description: 'Chaz Kangeroo Hoodie-L-Orange',
					quantity: 1,
					baseEntry: 2,
					baseLine: 0,
					warehouseCode: '02',
				},
			]);
		}
	});

	it('names carriers, keeps unicode, and marks deliveries not based on a web order', async () => {
		for (const source of SOURCES) {
			const result = await run(creds, source, { ...ALL });
			const carriers = Object.fromEntries(result.json.map((j) => [j.DocEntry, j.carrierName]));
			expect(carriers).toMatchObject({
				1: 'UPS Ground',
				2: 'FedEx Priority',
				3: 'DHL Express',
				6: 'Flat Rate',
			});
			const d6 = result.json.find((j) => j.DocEntry === 6)!;
			expect(d6).toMatchObject({ cardCode: 'C-WEB', webOrderNumber: '000000093' });
			expect(d6.lines).toEqual([
				{
					LineNum: 0,
					itemCode: 'WS12-M-Orange',
					description: 'Radiant Tee-M-Orange',
					quantity: 2,
					baseEntry: 4,
					baseLine: 0,
					warehouseCode: '02',
				},
			]);
			const d9 = result.json.find((j) => j.DocEntry === 9)!;
			expect(d9).toMatchObject({
				webOrderNumber: null,
				baseOrders: [{ DocEntry: 7, webOrderNumber: null }],
				cardCode: 'C40000',
			});
			expect(d9.lines).toEqual([
				{
					LineNum: 0,
					itemCode: 'CAFÉ-CRÈME-250',
					description: 'Café crème — 250 g Kaffeebohnen ☕',
					quantity: 10,
					baseEntry: 7,
					baseLine: 0,
					warehouseCode: '01',
				},
			]);
		}
	});

	it.each([1, 2])(
		'pages by the watermark tuple with page size %i: none missed, none repeated',
		async (pageSize) => {
			for (const source of SOURCES) {
				const result = await run(creds, source, { ...ALL, options: { pageSize } });
				expect(entries(result)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
			}
			// 9 deliveries: pages of `pageSize` until a short page (a last empty page when 9 divides evenly)
			expect(deliveryQueries(db)).toHaveLength(Math.floor(9 / pageSize) + 1);
		},
	);

	it('splits two deliveries changed in the same second across pages and commits exact watermarks', async () => {
		for (const source of SOURCES) {
			// Watermark of delivery 6 → the next page of one holds only delivery 7 ...
			const first = await run(creds, source, {
				...ALL,
				limit: 1,
				returnAll: false,
				watermark: { date: '2025-06-05', time: 80000, docEntry: 6 },
			});
			expect(entries(first)).toEqual([7]);
			expect(first.json[0].watermark).toEqual({
				date: '2025-06-06',
				time: '14:30:15',
				docEntry: 7,
			});
			// ... and the run after it, from 7's watermark, starts with 8 (same second), not 7 again.
			const second = await run(creds, source, {
				...ALL,
				limit: 1,
				returnAll: false,
				watermark: first.json[0].watermark,
			});
			expect(entries(second)).toEqual([8]);
			const rest = await run(creds, source, {
				...ALL,
				watermark: JSON.stringify(second.json[0].watermark),
			});
			expect(entries(rest)).toEqual([9]);
			const done = await run(creds, source, { ...ALL, watermark: rest.json[0].watermark });
			expect(done.json).toEqual([]);
		}
	});

	it('takes the watermark as separate date / time / DocEntry fields', async () => {
		for (const source of SOURCES) {
			const byFields = await run(creds, source, {
				...ALL,
				watermarkInput: 'fields',
				afterDate: '2025-06-04',
				afterTime: '161000',
				afterDocEntry: 4,
			});
			expect(entries(byFields)).toEqual([5, 6, 7, 8, 9]);
			const dateOnly = await run(creds, source, {
				...ALL,
				watermarkInput: 'fields',
				afterDate: '2025-06-06',
				afterTime: '',
				afterDocEntry: 0,
			});
			expect(entries(dateOnly)).toEqual([7, 8, 9]);
			const empty = await run(creds, source, {
				...ALL,
				watermarkInput: 'fields',
				afterDate: '',
				afterTime: '',
				afterDocEntry: 0,
			});
			expect(entries(empty)).toHaveLength(9);
		}
	});

	it('one SQL query per page, whatever the number of lines and base orders', async () => {
		await run(creds, 'sqlServer', { ...ALL, options: { pageSize: 4 } });
		const queries = deliveryQueries(db);
		expect(queries).toHaveLength(3); // 4 + 4 + 1
		expect(queries.every((q) => q.kind === 'rpc')).toBe(true);
		expect(queries[1].params).toMatchObject({
			afterDate: '2025-06-04',
			afterTime: 161000,
			afterDocEntry: 4,
			pageSize: 4,
		});
	});

	it('gets one delivery by DocEntry or DocNum, and reports one that does not exist', async () => {
		for (const source of SOURCES) {
			const byEntry = await run(creds, source, { operation: 'get', getBy: 'DocEntry', key: 3 });
			expect(byEntry.json).toHaveLength(1);
			expect(byEntry.json[0]).toMatchObject({
				DocEntry: 3,
				DocNum: 2003,
				webOrderNumber: '000000091',
			});
			const byNum = await run(creds, source, { operation: 'get', getBy: 'DocNum', key: 2004 });
			expect(byNum.json[0]).toMatchObject({ DocEntry: 4, cancelled: true });
			const all = await run(creds, source, { ...ALL });
			expect(byEntry.json[0]).toEqual(all.json.find((j) => j.DocEntry === 3));
			const items = [{ n: 1 }, { n: 2 }];
			const missing = await run(
				creds,
				source,
				{ operation: 'get', getBy: 'DocEntry', key: 99999 },
				items,
				true,
			);
			expect(missing.json).toEqual([
				{
					error: 'Delivery DocEntry 99999: Delivery with DocEntry 99999 not found',
					DocEntry: 99999,
				},
				{
					error: 'Delivery DocEntry 99999: Delivery with DocEntry 99999 not found',
					DocEntry: 99999,
				},
			]);
			expect(missing.outputs[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			await expect(
				run(creds, source, { operation: 'get', getBy: 'DocEntry', key: 99999 }),
			).rejects.toThrow(/not found/);
		}
	});

	it('reads the web order number from a U_ field, and refuses a field name that is not an identifier', async () => {
		for (const source of SOURCES) {
			const viaUdf = await run(creds, source, {
				operation: 'getMany',
				returnAll: true,
				onlyWebOrders: true,
				options: { webOrderField: 'U_WebOrderNo' },
			});
			expect(viaUdf.json.map((j) => j.webOrderNumber)).toEqual([
				'000000090',
				'000000091',
				'000000091',
				'000000094',
				'000000095',
			]);
			db.resetStats();
			for (const bad of ['U_WebOrderNo; DROP TABLE ORDR --', "NumAtCard' OR '1'='1", 'CardName']) {
				const result = await run(
					creds,
					source,
					{ ...ALL, options: { webOrderField: bad } },
					[{}],
					true,
				);
				expect(String(result.json[0].error)).toMatch(/is not allowed/);
				await expect(
					run(creds, source, { ...ALL, options: { webOrderField: bad } }),
				).rejects.toThrow(/is not allowed/);
			}
			expect(deliveryQueries(db)).toHaveLength(0);
		}
		expect((await db.query('SELECT count(*) AS n FROM dbo.ordr'))[0]).toMatchObject({ n: '7' });
	});

	it('rejects a watermark that is not a date, naming the field', async () => {
		for (const source of SOURCES) {
			const result = await run(
				creds,
				source,
				{ ...ALL, watermark: { date: "2025-06-04' OR 1=1 --" } },
				[{}],
				true,
			);
			expect(String(result.json[0].error)).toMatch(/Invalid watermark: Watermark date/);
		}
	});
});

describe('SAP B1 Shipments: quotes, batching and connection pools', () => {
	/** The seed with quote-laden web order numbers and 45 extra deliveries, each on its own order. */
	function bigSeed(): SapSeed {
		const seed = sapSeed();
		seed.Orders[0].NumAtCard = "O'Brien-090'; DROP TABLE ODLN; --";
		seed.Orders[0].U_WebOrderNo = "O'Brien-090'; DROP TABLE ODLN; --";
		const order = seed.Orders[1];
		const delivery = seed.DeliveryNotes[1];
		for (let n = 0; n < 45; n++) {
			const oEntry = 100 + n;
			const dEntry = 100 + n;
			seed.Orders.push({
				...structuredClone(order),
				DocEntry: oEntry,
				DocNum: 5000 + n,
				NumAtCard: `W-${n}`,
				U_WebOrderNo: `W-${n}`,
			});
			const lines = structuredClone(delivery.DocumentLines).map((l) => ({
				...l,
				DocEntry: dEntry,
				BaseEntry: oEntry,
			}));
			seed.DeliveryNotes.push({
				...structuredClone(delivery),
				DocEntry: dEntry,
				DocNum: 7000 + n,
				UpdateDate: '2025-07-01',
				UpdateTime: '12:00:00',
				DocumentLines: lines,
			});
		}
		return seed;
	}

	let sl: ServiceLayerEmulator;
	let db: SqlServerEmulator;
	let creds: CredentialStore;
	withBothSources((s) => ({ sl, db, creds } = s), bigSeed);
	afterEach(() => jest.restoreAllMocks());

	it('returns quote-containing values intact from both sources', async () => {
		for (const source of SOURCES) {
			const result = await run(creds, source, { operation: 'get', getBy: 'DocEntry', key: 1 });
			expect(result.json[0].webOrderNumber).toBe("O'Brien-090'; DROP TABLE ODLN; --");
		}
		const sqlItems = await run(creds, 'sqlServer', { ...ALL, options: { pageSize: 7 } });
		const slItems = await run(creds, 'serviceLayer', { ...ALL, options: { pageSize: 7 } });
		expect(sqlItems.json).toHaveLength(54);
		expect(slItems.json).toEqual(sqlItems.json);
	});

	it('looks base orders up in batches and carriers once per run on the Service Layer', async () => {
		const result = await run(creds, 'serviceLayer', { ...ALL, options: { pageSize: 100 } });
		expect(result.json).toHaveLength(54);
		expect(new Set(result.json.map((j) => j.DocEntry)).size).toBe(54);
		// The emulator serves at most 20 per page: 3 pages of deliveries. Their 52 distinct base orders
		// (7 + 45; 18, 20 and 14 new ones per page) take one batched request per page, not one per delivery.
		expect(sl.stats.requests['GET DeliveryNotes']).toBe(3);
		expect(sl.stats.requests['GET Orders']).toBe(3);
		expect(sl.stats.requests['GET ShippingTypes']).toBe(1);
		expect(sl.stats.logins).toBe(1);
	});

	it('re-reads the watermark day on the Service Layer and drops what is at or before the watermark', async () => {
		const after = { date: '2025-07-01', time: '12:00:00', docEntry: 120 };
		const fromSl = await run(creds, 'serviceLayer', {
			...ALL,
			watermark: after,
			options: { pageSize: 10 },
		});
		const fromSql = await run(creds, 'sqlServer', {
			...ALL,
			watermark: after,
			options: { pageSize: 10 },
		});
		expect(entries(fromSl)).toEqual(Array.from({ length: 24 }, (_, i) => 121 + i));
		expect(fromSl.json).toEqual(fromSql.json);
		expect(deliveryQueries(db)).toHaveLength(3);
	});

	it('opens one connection pool per execution, reused for all items and pages, and closes it', async () => {
		const connect = jest.spyOn(sql.ConnectionPool.prototype, 'connect');
		const close = jest.spyOn(sql.ConnectionPool.prototype, 'close');
		const items = [{ n: 1 }, { n: 2 }, { n: 3 }];
		const result = await run(creds, 'sqlServer', { ...ALL, options: { pageSize: 10 } }, items);
		expect(result.json).toHaveLength(54 * 3);
		expect(deliveryQueries(db)).toHaveLength(6 * 3);
		expect(connect).toHaveBeenCalledTimes(1);
		expect(close).toHaveBeenCalledTimes(1);
		expect(db.stats.logins).toBe(2); // mssql's test connection + the pool's one: not one per item or page
	});

	it('closes the pool when the execution fails too', async () => {
		const close = jest.spyOn(sql.ConnectionPool.prototype, 'close');
		await expect(
			run(creds, 'sqlServer', { operation: 'get', getBy: 'DocEntry', key: 424242 }),
		).rejects.toThrow(/not found/);
		expect(close).toHaveBeenCalledTimes(1);
	});
});
