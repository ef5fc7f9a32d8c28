/**
 * SAP B1 Items node over both sources on the same data: the Service Layer emulator (Items with
 * ItemWarehouseInfoCollection and ItemPrices) and the TDS test server (OITM, OITW, ITM1) loaded
 * from its state. Both must return the same normalised items.
 */
import { SAMPLE_STOCK } from '../../emulators/seed/sap';
import { loadOptionsContext } from '../../helpers/n8n';
import * as loadOptions from '../../../nodes/SapB1/Items/methods/loadOptions';
import { credentialTypes, runItems, withBothSources, type Source } from './setup';
import type { BothSources } from '../sapB1Shipments/setup';

jest.setTimeout(60_000);

let systems: BothSources;
withBothSources((s) => (systems = s));

const SOURCES: Source[] = ['serviceLayer', 'sqlServer'];

describe('SAP B1 Items: Get Many', () => {
	it('returns the same items from the Service Layer and from SQL Server', async () => {
		const params = { priceList: 1, warehouses: ['01', '02'] };
		const [sl, sql] = await Promise.all(
			SOURCES.map(async (s) => (await runItems(systems.creds, s, params)).json),
		);
		expect(sl.length).toBeGreaterThan(10);
		expect(sql).toEqual(sl);
	});

	it('sums the chosen warehouses: available = in stock − committed, quantity never below 0', async () => {
		for (const source of SOURCES) {
			const { json } = await runItems(systems.creds, source, { priceList: 1, warehouses: ['01'] });
			const bag = json.find((i) => i.itemCode === '24-MB01')!;
			const [[inStock, committed, ordered]] = SAMPLE_STOCK['24-MB01'];
			expect(bag).toMatchObject({
				sku: '24-MB01',
				inStock,
				committed,
				ordered,
				available: inStock - committed,
				quantity: inStock - committed,
				price: 34,
				currency: 'USD',
				priceList: 1,
				active: true,
			});
			expect(bag.warehouses).toEqual([
				{ warehouseCode: '01', inStock, committed, ordered, available: inStock - committed },
			]);
			// Non-inventory items carry no stock, only their price.
			expect(json.find((i) => i.itemCode === 'VW-WARRANTY-2Y')).toMatchObject({
				quantity: null,
				inStock: null,
				price: 15,
			});
		}
	});

	it('outputs one item per warehouse when asked, and reads the sale price list', async () => {
		for (const source of SOURCES) {
			const { json } = await runItems(systems.creds, source, {
				priceList: 2,
				warehouses: ['01', '02'],
				stockOutput: 'perWarehouse',
				filters: { itemCodes: '24-MB04, 24-WB04' },
			});
			expect(json.map((i) => [i.itemCode, i.warehouseCode, i.quantity, i.price])).toEqual([
				['24-MB04', '01', 78, 27],
				['24-MB04', '02', 12, 27],
				// Not on sale: price 0 in list 2 means no price.
				['24-WB04', '01', 14, null],
				['24-WB04', '02', 0, null],
			]);
		}
	});

	it('filters by item group and pages in ItemCode order with small pages', async () => {
		for (const source of SOURCES) {
			const all = await runItems(systems.creds, source, { options: { pageSize: 3 } });
			const codes = all.json.map((i) => i.itemCode as string);
			expect(codes).toEqual([...codes].sort());
			expect(codes).toContain('GIFT-WRAP-01');
			const web = await runItems(systems.creds, source, { filters: { groups: [100] } });
			expect(web.json.map((i) => i.itemCode)).not.toContain('GIFT-WRAP-01');
			expect(web.json).toHaveLength(all.json.length - 1);
		}
	});

	it('sees a goods receipt as a stock change without a new UpdateDate; a price change moves it', async () => {
		const before = (await runItems(systems.creds, 'serviceLayer', { priceList: 1 })).json;
		const res = await fetch(`${systems.sl.baseUrl('v2')}/Login`, {
			method: 'POST',
			body: JSON.stringify({
				CompanyDB: systems.sl.companyDb,
				UserName: systems.sl.user,
				Password: systems.sl.password,
			}),
		});
		const cookie = res.headers.get('set-cookie')!.split(';')[0];
		const post = await fetch(`${systems.sl.baseUrl('v2')}/InventoryGenEntries`, {
			method: 'POST',
			headers: { Cookie: cookie },
			body: JSON.stringify({
				DocumentLines: [{ ItemCode: '24-WB04', Quantity: 7, WarehouseCode: '02' }],
			}),
		});
		expect(post.status).toBe(201);
		const patch = await fetch(`${systems.sl.baseUrl('v2')}/Items('24-MB04')`, {
			method: 'PATCH',
			headers: { Cookie: cookie },
			body: JSON.stringify({ ItemPrices: [{ PriceList: 1, Price: 30 }] }),
		});
		expect(patch.status).toBe(204);
		await systems.db.loadSeed(systems.sl.state);
		for (const source of SOURCES) {
			const after = (await runItems(systems.creds, source, { priceList: 1 })).json;
			const find = (list: typeof after, code: string) => list.find((i) => i.itemCode === code)!;
			expect(find(after, '24-WB04').quantity).toBe(Number(find(before, '24-WB04').quantity) + 7);
			expect(find(after, '24-WB04').updatedAt).toEqual(find(before, '24-WB04').updatedAt);
			expect(find(after, '24-MB04').price).toBe(30);
			const moved = find(after, '24-MB04').watermark as { date: string; time: string };
			// Changed After sees the price change, not the goods receipt.
			const changed = await runItems(systems.creds, source, {
				priceList: 1,
				filters: { changedAfter: moved },
			});
			expect(changed.json.map((i) => i.itemCode)).toEqual(['24-MB04']);
		}
	});
});

describe('SAP B1 Items: Get and dropdowns', () => {
	it('gets one item by code, and fails clearly for an unknown code', async () => {
		for (const source of SOURCES) {
			const one = await runItems(systems.creds, source, {
				operation: 'get',
				itemCode: 'CAFÉ-CRÈME-250',
				priceList: 1,
			});
			expect(one.json).toEqual([
				expect.objectContaining({ itemCode: 'CAFÉ-CRÈME-250', price: 12.5, quantity: 296 }),
			]);
			const missing = await runItems(
				systems.creds,
				source,
				{ operation: 'get', itemCode: "NO-SUCH-'ITEM" },
				{ continueOnFail: true },
			);
			expect(missing.json[0].error).toMatch(/Item NO-SUCH-'ITEM: no such item/);
		}
	});

	it('loads price lists, warehouses and item groups from either source', async () => {
		for (const source of SOURCES) {
			const { context } = loadOptionsContext(systems.creds, credentialTypes, { source });
			// The optional Price List leads with the empty choice (no red issue on its default '').
			expect(await loadOptions.getPriceLists.call(context)).toEqual([
				{ name: 'No Price', value: '', description: 'Items carry no price' },
				{ name: '1 - Base Price', value: 1 },
				{ name: '2 - Web Sale', value: 2 },
			]);
			expect((await loadOptions.getWarehouses.call(context)).map((w) => w.value)).toEqual([
				'01',
				'02',
			]);
			expect((await loadOptions.getItemGroups.call(context)).map((g) => g.value)).toEqual([
				100, 101,
			]);
		}
	});
});
