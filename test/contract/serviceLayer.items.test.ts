/**
 * Contract: items, warehouse stock and prices on the emulated Service Layer and in the SQL
 * Server test server, with plain clients (axios, the mssql driver).
 *
 * - Items carry `ItemWarehouseInfoCollection` {WarehouseCode, InStock, Committed, Ordered} and
 *   `ItemPrices` {PriceList, Price, Currency}, `$select`-able like other properties; flags
 *   tYES/tNO (field report with JSON samples, /work/notes/research.md A6).
 * - A goods receipt / issue (InventoryGenEntries / InventoryGenExits) moves the warehouse's
 *   InStock and does NOT move the item's UpdateDate (research.md A6: "SAP updates the stock but
 *   does not change UpdateDate on the item master record"); a price change (PATCH Items) does.
 * - The database tables: OITM (item, UpdateDate / UpdateTS), OITW (OnHand, IsCommited, OnOrder
 *   per WhsCode), ITM1 (Price, Currency per PriceList), OPLN (ListNum, ListName) — SAP B1 10.0
 *   REFDB (research.md A6).
 */
import sql from 'mssql';
import { SAMPLE_STOCK } from '../emulators/seed/sap';
import { startServiceLayer, type ServiceLayerEmulator } from '../emulators/serviceLayer';
import {
	errorCode,
	errorMessage,
	login,
	type SlTestClient,
} from '../emulators/serviceLayer/testClient';
import { startSqlServer, type SqlServerEmulator } from '../emulators/tds';

const at = (h: number, m: number, s: number) => () => new Date(2026, 11, 1, h, m, s);

let sl: ServiceLayerEmulator;
let db: SqlServerEmulator;
let v1: SlTestClient;
let v2: SlTestClient;

beforeAll(async () => {
	sl = await startServiceLayer({ clock: at(9, 30, 0) });
	db = await startSqlServer({ seed: sl.state });
}, 30_000);
afterAll(async () => {
	await sl.close();
	await db.close();
});
beforeEach(async () => {
	sl.reset();
	sl.setClock(at(9, 30, 0));
	v1 = await login(sl, 'v1');
	v2 = await login(sl, 'v2');
});

describe('Service Layer: Items with stock and prices', () => {
	it('serves warehouse stock and prices with $select, on v1 and v2', async () => {
		const select =
			"Items?$select=ItemCode,UpdateDate,UpdateTime,ItemWarehouseInfoCollection,ItemPrices&$filter=ItemCode eq '24-MB01'";
		const one = (await v1.get(select)).data.value[0];
		const [[in1, c1, o1], [in2, c2, o2]] = SAMPLE_STOCK['24-MB01'];
		expect(one).toEqual({
			ItemCode: '24-MB01',
			UpdateDate: '2026-11-01',
			UpdateTime: '09:00:00',
			ItemWarehouseInfoCollection: [
				{ WarehouseCode: '01', InStock: in1, Committed: c1, Ordered: o1 },
				{ WarehouseCode: '02', InStock: in2, Committed: c2, Ordered: o2 },
			],
			ItemPrices: [
				{ PriceList: 1, Price: 34, Currency: 'USD' },
				{ PriceList: 2, Price: 0, Currency: 'USD' },
			],
		});
		expect((await v2.get(select)).data.value[0].UpdateDate).toBe('2026-11-01T00:00:00Z');
		const lists = (await v2.get('PriceLists?$select=PriceListNo,PriceListName')).data.value;
		expect(lists).toEqual([
			{ PriceListNo: 1, PriceListName: 'Base Price' },
			{ PriceListNo: 2, PriceListName: 'Web Sale' },
		]);
	});

	it('a goods receipt and a goods issue move InStock, not the UpdateDate; a negative result is refused', async () => {
		const receipt = await v2.post('InventoryGenEntries', {
			DocumentLines: [{ ItemCode: '24-WB04', Quantity: 5, WarehouseCode: '02' }],
		});
		expect(receipt.status).toBe(201);
		expect(receipt.data).toMatchObject({ DocEntry: 1, DocNum: 1 });
		const issue = await v2.post('InventoryGenExits', {
			DocumentLines: [{ ItemCode: '24-WB04', Quantity: 2, WarehouseCode: '02' }],
		});
		expect(issue.status).toBe(201);
		const item = (await v1.get("Items('24-WB04')")).data;
		expect(item.ItemWarehouseInfoCollection[1]).toMatchObject({ WarehouseCode: '02', InStock: 3 });
		expect([item.UpdateDate, item.UpdateTime]).toEqual(['2026-11-01', '09:00:00']);
		const tooMuch = await v2.post('InventoryGenExits', {
			DocumentLines: [{ ItemCode: '24-WB04', Quantity: 4, WarehouseCode: '02' }],
		});
		expect(tooMuch.status).toBe(400);
		expect(errorCode(tooMuch.data)).toBe(-10);
		expect(errorMessage(tooMuch.data)).toBe(
			'Quantity falls into negative inventory [IGE1.ItemCode][line: 0]',
		);
		const service = await v2.post('InventoryGenEntries', {
			DocumentLines: [{ ItemCode: 'VW-WARRANTY-2Y', Quantity: 1, WarehouseCode: '01' }],
		});
		expect(service.status).toBe(400);
	});

	it('a price change (PATCH ItemPrices) merges by price list and moves the UpdateDate', async () => {
		sl.setClock(at(14, 25, 36));
		const r = await v2.patch("Items('24-MB04')", { ItemPrices: [{ PriceList: 2, Price: 25 }] });
		expect(r.status).toBe(204);
		const item = (await v1.get("Items('24-MB04')?$select=ItemPrices,UpdateDate,UpdateTime")).data;
		expect(item.ItemPrices).toEqual([
			{ PriceList: 1, Price: 32, Currency: 'USD' },
			{ PriceList: 2, Price: 25, Currency: 'USD' },
		]);
		expect([item.UpdateDate, item.UpdateTime]).toEqual(['2026-12-01', '14:25:36']);
		const bad = await v2.patch("Items('24-MB04')", { ItemPrices: [{ PriceList: 9, Price: 1 }] });
		expect(bad.status).toBe(400);
		// The changed item is found by UpdateDate / UpdateTime.
		const changed = await v1.get(
			"Items?$select=ItemCode&$filter=UpdateDate gt '2026-12-01' or (UpdateDate eq '2026-12-01' and UpdateTime ge '14:25:36')",
		);
		expect(changed.data.value).toEqual([{ ItemCode: '24-MB04' }]);
	});
});

describe('SQL Server: OITM, OITW, ITM1, OPLN', () => {
	it('holds the same stock and prices as the Service Layer, in SAP column names and types', async () => {
		await db.loadSeed(sl.state);
		const pool = await new sql.ConnectionPool(db.config).connect();
		try {
			const r = await pool
				.request()
				.input('code', sql.NVarChar(50), '24-MB01')
				.query(
					`SELECT W.WhsCode, W.OnHand, W.IsCommited, W.OnOrder, P.Price, P.Currency, I.UpdateDate, I.UpdateTS
					 FROM OITM I JOIN OITW W ON W.ItemCode = I.ItemCode
					 JOIN ITM1 P ON P.ItemCode = I.ItemCode AND P.PriceList = 1
					 WHERE I.ItemCode = @code ORDER BY W.WhsCode`,
				);
			const [[in1, c1, o1]] = SAMPLE_STOCK['24-MB01'];
			expect(r.recordset[0]).toMatchObject({
				WhsCode: '01',
				OnHand: in1,
				IsCommited: c1,
				OnOrder: o1,
				Price: 34,
				Currency: 'USD',
				UpdateTS: 90000,
			});
			expect(r.recordset[0].UpdateDate).toEqual(new Date('2026-11-01T00:00:00.000Z'));
			const lists = await pool
				.request()
				.query('SELECT ListNum, ListName FROM OPLN ORDER BY ListNum');
			expect(lists.recordset).toEqual([
				{ ListNum: 1, ListName: 'Base Price' },
				{ ListNum: 2, ListName: 'Web Sale' },
			]);
		} finally {
			await pool.close();
		}
	});
});
