/**
 * Contract tests of the emulated Magento catalogue API with a plain client (axios, admin token):
 * MSI source items, legacy stock items, base and special prices, products with the fields
 * filter, and the Web API input limit. Each behaviour and message comes from Magento's source
 * (cited in test/emulators/magento/catalog.ts):
 * - magento/inventory Inventory/Model/SourceItem/Command/Handler/SourceItemsSaveHandler.php and
 *   Validator/*.php (whole call refused on the first invalid row, "Validation Failed: …");
 * - magento/inventory#889 (2.4.6-p3: an unknown SKU → 400 "Could not save Source Item"),
 *   magento/magento2#38154 and #30274 (2.3: accepted, orphan row);
 * - magento/magento2 Catalog/Model/Product/Price/BasePriceStorage.php, SpecialPriceStorage.php,
 *   Validation/Result.php (200 with the failed items only, valid rows saved);
 * - Framework/Webapi/Validator/EntityArrayValidator.php ("Maximum items of type "%type" is %max").
 */
import axios from 'axios';
import { startMagento, type MagentoEmulator } from '../emulators/magento';
import { catalogSeed } from '../emulators/seed/magento';
import { searchCriteria } from './magentoSigner';

const http = axios.create({ validateStatus: () => true });
let m: MagentoEmulator;

beforeAll(async () => {
	m = await startMagento();
});
afterAll(async () => m.close());
beforeEach(() => {
	m.reset();
	m.setOptions({
		msi: true,
		msiUnknownSku: 'couldNotSave',
		inputLimits: null,
		priceScope: 'global',
		productListStockItem: true,
		integrationAcl: null,
	});
});

const auth = () => ({ headers: { Authorization: `Bearer ${m.credentials.adminToken}` } });
const url = (path: string) => `${m.url}/rest/default/V1${path}`;
const post = (path: string, body: unknown) => http.post(url(path), body, auth());
const get = (path: string) => http.get(url(path), auth());
const sourceItem = (sku: string, source = 'default') =>
	m.catalog.sourceItems.find((s) => s.sku === sku && s.source_code === source);

describe('MSI source items', () => {
	it('saves every row of a valid batch and answers [] (a void service method)', async () => {
		const r = await post('/inventory/source-items', {
			sourceItems: [
				{ sku: '24-MB01', source_code: 'default', quantity: 144, status: 1 },
				{ sku: '24-MB04', source_code: 'wh02', quantity: 0, status: 0 },
			],
		});
		expect(r.status).toBe(200);
		expect(r.data).toEqual([]);
		expect(sourceItem('24-MB01')).toMatchObject({ quantity: 144, status: 1 });
		expect(sourceItem('24-MB04', 'wh02')).toMatchObject({ quantity: 0, status: 0 });
		// The default source's item is the legacy stock item too.
		expect((await get('/stockItems/24-MB01')).data).toMatchObject({ qty: 144, is_in_stock: true });
	});

	it('refuses the whole batch on the first invalid row, saving nothing', async () => {
		const r = await post('/inventory/source-items', {
			sourceItems: [
				{ sku: '24-MB01', source_code: 'default', quantity: 7, status: 1 },
				{ sku: '24-MB04', source_code: 'default', quantity: 'lots', status: 1 },
			],
		});
		expect(r.status).toBe(400);
		expect(r.data.message).toBe('Validation Failed: "quantity" should be numeric.');
		expect(sourceItem('24-MB01')!.quantity).toBe(100);
		expect(m.catalog.writes.sourceItems).toEqual([]);
	});

	it('treats an unknown SKU as the configured version does', async () => {
		const batch = {
			sourceItems: [
				{ sku: '24-MB01', source_code: 'default', quantity: 5, status: 1 },
				{ sku: 'NOT-IN-MAGENTO', source_code: 'default', quantity: 5, status: 1 },
			],
		};
		// 2.4.6-p3: the whole call fails and nothing is saved.
		const couldNot = await post('/inventory/source-items', batch);
		expect(couldNot.status).toBe(400);
		expect(couldNot.data.message).toBe('Could not save Source Item');
		expect(sourceItem('24-MB01')!.quantity).toBe(100);
		// With ExistentSkuValidator: a validation failure naming the SKU.
		m.setOptions({ msiUnknownSku: 'validationFailed' });
		const validation = await post('/inventory/source-items', batch);
		expect(validation.data.message).toBe(
			'Validation Failed: Product with requested "sku": "NOT-IN-MAGENTO" was was not found.',
		);
		// 2.3: accepted, and an orphan source item is saved.
		m.setOptions({ msiUnknownSku: 'orphan' });
		expect((await post('/inventory/source-items', batch)).status).toBe(200);
		expect(sourceItem('NOT-IN-MAGENTO')).toMatchObject({ quantity: 5 });
	});

	it('lists source items by searchCriteria (sku in …, source_code eq …) and the sources', async () => {
		const q = searchCriteria({
			groups: [
				[{ field: 'sku', value: '24-MB01,24-mb04,NOPE', condition_type: 'in' }],
				[{ field: 'source_code', value: 'default', condition_type: 'eq' }],
			],
			pageSize: 50,
		});
		const r = await get(`/inventory/source-items?${q}`);
		expect(r.status).toBe(200);
		expect(r.data.total_count).toBe(2);
		expect(r.data.items).toEqual([
			{ sku: '24-MB01', source_code: 'default', quantity: 100, status: 1 },
			{ sku: '24-MB04', source_code: 'default', quantity: 100, status: 1 },
		]);
		const sources = await get('/inventory/sources?searchCriteria=');
		expect(sources.data.items.map((s: { source_code: string }) => s.source_code)).toEqual([
			'default',
			'wh02',
		]);
	});

	it('does not know the inventory routes when MSI is not installed', async () => {
		m.setOptions({ msi: false });
		const r = await post('/inventory/source-items', { sourceItems: [] });
		expect(r.status).toBe(404);
		expect(r.data.message).toBe('Request does not match any route.');
	});

	it('answers the Web API input limit before the service runs', async () => {
		m.setOptions({ inputLimits: true, complexArrayLimit: 20 });
		const rows = Array.from({ length: 21 }, () => ({
			sku: '24-MB01',
			source_code: 'default',
			quantity: 1,
			status: 1,
		}));
		const r = await post('/inventory/source-items', { sourceItems: rows });
		expect(r.status).toBe(400);
		expect(r.data).toEqual({
			message: 'Maximum items of type "%type" is %max',
			parameters: { type: '\\Magento\\InventoryApi\\Api\\Data\\SourceItemInterface', max: 20 },
		});
		expect((await post('/inventory/source-items', { sourceItems: rows.slice(1) })).status).toBe(
			200,
		);
	});
});

describe('legacy stock items', () => {
	it('reads a stock item by SKU and updates it by PUT, answering the item id', async () => {
		const item = (await get('/stockItems/24-WB04')).data;
		expect(item).toMatchObject({ item_id: 12, product_id: 12, qty: 100, is_in_stock: true });
		const r = await http.put(
			url(`/products/24-WB04/stockItems/${item.item_id}`),
			{ stockItem: { qty: 3, is_in_stock: true } },
			auth(),
		);
		expect(r.status).toBe(200);
		expect(r.data).toBe(12);
		expect((await get('/stockItems/24-WB04')).data.qty).toBe(3);
		expect(sourceItem('24-WB04')!.quantity).toBe(3);
		const missing = await get('/stockItems/NOPE');
		expect(missing.status).toBe(404);
		expect(missing.data.message).toBe(
			"The product that was requested doesn't exist. Verify the product and try again.",
		);
	});
});

describe('base prices', () => {
	it('saves the valid rows and answers only the failed ones, with positional parameters', async () => {
		const r = await post('/products/base-prices', {
			prices: [
				{ sku: '24-MB04', price: 32, store_id: 0 },
				{ sku: 'NOPE', price: 3, store_id: 0 },
				{ sku: 'MH01', price: 52, store_id: 0 },
				{ sku: '24-MB01', price: -1, store_id: 0 },
				{ sku: '24-UG06', price: 7, store_id: 99 },
			],
		});
		expect(r.status).toBe(200);
		expect(r.data).toEqual([
			{ message: 'Invalid attribute %fieldName = %fieldValue.', parameters: ['SKU', 'NOPE'] },
			// A configurable product has no base price of its own.
			{ message: 'Invalid attribute %fieldName = %fieldValue.', parameters: ['SKU', 'MH01'] },
			{ message: 'Invalid attribute %fieldName = %fieldValue.', parameters: ['Price', -1] },
			{
				message: 'Requested store is not found. Row ID: SKU = 24-UG06, Store ID: 99.',
				parameters: ['24-UG06', 99],
			},
		]);
		expect(m.catalog.products.find((p) => p.sku === '24-MB04')!.price).toBe(32);
		expect(m.catalog.writes.basePrices).toEqual([{ sku: '24-MB04', store_id: 0, price: 32 }]);
	});

	it('reads prices back, leaving out unknown and invalid SKUs', async () => {
		const r = await post('/products/base-prices-information', {
			skus: ['24-MB04', 'NOPE', 'MH01', 'CAFÉ-CRÈME-250'],
		});
		expect(r.data).toEqual([
			{
				price: catalogSeed().products.find((p) => p.sku === '24-MB04')!.price,
				store_id: 0,
				sku: '24-MB04',
			},
			{ price: 12, store_id: 0, sku: 'CAFÉ-CRÈME-250' },
		]);
	});

	it('with the price scope global, saves a store view price for store 0', async () => {
		await post('/products/base-prices', { prices: [{ sku: '24-MB01', price: 33, store_id: 1 }] });
		expect(m.catalog.writes.basePrices).toEqual([{ sku: '24-MB01', store_id: 0, price: 33 }]);
		m.setOptions({ priceScope: 'website' });
		await post('/products/base-prices', { prices: [{ sku: '24-MB01', price: 35, store_id: 1 }] });
		const info = await post('/products/base-prices-information', { skus: ['24-MB01'] });
		expect(info.data).toEqual([
			{ price: 33, store_id: 0, sku: '24-MB01' },
			{ price: 35, store_id: 1, sku: '24-MB01' },
		]);
	});
});

describe('special prices', () => {
	it('saves, reads back and deletes special prices; refuses a date that is not Y-m-d H:i:s', async () => {
		const r = await post('/products/special-price', {
			prices: [
				{ sku: '24-UG06', price: 5.5, store_id: 0, price_from: '2026-12-01 00:00:00' },
				{ sku: '24-MB01', price: 30, store_id: 0, price_from: '2026-12-01' },
			],
		});
		expect(r.status).toBe(200);
		expect(r.data).toHaveLength(1);
		expect(r.data[0].message).toMatch(/^Invalid attribute Price From = \. Row ID: SKU = 24-MB01/);
		const info = await post('/products/special-price-information', {
			skus: ['24-UG06', '24-MB01'],
		});
		expect(info.data).toEqual([
			{
				price: 5.5,
				store_id: 0,
				sku: '24-UG06',
				price_from: '2026-12-01 00:00:00',
				price_to: null,
			},
		]);
		await post('/products/special-price-delete', {
			prices: [{ sku: '24-UG06', price: 5.5, store_id: 0, price_from: '2026-12-01 00:00:00' }],
		});
		expect((await post('/products/special-price-information', { skus: ['24-UG06'] })).data).toEqual(
			[],
		);
	});
});

describe('products', () => {
	it('lists products by SKU with the fields filter, stock item included where the version has it', async () => {
		const q = `${searchCriteria({
			groups: [[{ field: 'sku', value: '24-MB01,MH01,NOPE', condition_type: 'in' }]],
			pageSize: 10,
		})}&fields=${encodeURIComponent('items[sku,type_id,extension_attributes[stock_item[item_id,qty]]],total_count')}`;
		const r = await get(`/products?${q}`);
		expect(r.data).toEqual({
			items: [
				{
					sku: '24-MB01',
					type_id: 'simple',
					extension_attributes: { stock_item: { item_id: 1, qty: 100 } },
				},
				{ sku: 'MH01', type_id: 'configurable', extension_attributes: {} },
			],
			total_count: 2,
		});
		m.setOptions({ productListStockItem: false });
		expect((await get(`/products?${q}`)).data.items[0].extension_attributes).toEqual({});
	});

	it('requires the catalogue ACL resources of the routes', async () => {
		m.setOptions({
			integrationAcl: ['Magento_Sales::actions_view'],
			bearerIntegrationTokens: true,
		});
		const r = await http.post(
			url('/inventory/source-items'),
			{ sourceItems: [] },
			{ headers: { Authorization: `Bearer ${m.credentials.bearerToken}` } },
		);
		expect(r.status).toBe(401);
		expect(r.data.parameters).toEqual({
			resources: 'Magento_InventoryApi::stock_source_item_assign',
		});
	});
});
