/**
 * Magento 2 Store stock and price operations over HTTP against the emulated store: only changed
 * values are written, in batches the store accepts, with one outcome per item — an unknown SKU
 * is that item's failure, never a failed batch — under input limits, every unknown-SKU
 * behaviour of MSI, faults, and lost answers.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { Magento2StoreApi } from '../../../credentials/Magento2StoreApi.credentials';
import { Magento2Store } from '../../../nodes/Magento2Store/Magento2Store.node';
import type { MagentoEmulator } from '../../emulators/magento';
import { magentoCredential } from '../../helpers/credentials';
import { loadOptionsContext, runNode } from '../../helpers/n8n';
import { getSources } from '../../../nodes/Magento2Store/methods/loadOptions';
import { expectNoSecrets, start } from './setup';

jest.setTimeout(60_000);

let m: MagentoEmulator;
beforeAll(async () => {
	m = await start();
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
	});
});

const sourceItems = { resource: 'sourceItem', operation: 'update', sku: '={{ $json.sku }}' };
/** The items as an SAP B1 Items node gives them. */
const stock = (rows: Array<[string, number | null]>): IDataObject[] =>
	rows.map(([sku, quantity]) => ({ sku, quantity, itemName: `Item ${sku}` }));

/** Parameters n8n evaluates per item (`={{ $json.sku }}` …): here read from the item's field. */
const PER_ITEM: Record<string, string> = {
	sku: 'sku',
	quantity: 'quantity',
	price: 'price',
	sourceCode: 'source',
};

async function runFor(parameters: IDataObject, items: IDataObject[], continueOnFail = true) {
	const node = new Magento2Store();
	const execute = node.execute;
	node.execute = async function (this: IExecuteFunctions) {
		const get = this.getNodeParameter.bind(this) as (...args: unknown[]) => unknown;
		const ctx = Object.create(this) as IExecuteFunctions;
		ctx.getNodeParameter = ((name: string, i: number, ...rest: unknown[]) => {
			const field = PER_ITEM[name];
			if (field && items[i] && field in items[i]) return items[i][field] ?? '';
			return get(name, i, ...rest);
		}) as IExecuteFunctions['getNodeParameter'];
		return await execute.call(ctx);
	};
	return await runNode(node, {
		parameters: { options: { retries: 3, retryDelayMs: 5, timeout: 2000 }, ...parameters },
		items,
		credentials: { magento2StoreApi: magentoCredential(m) },
		credentialTypes: [new Magento2StoreApi()],
		continueOnFail,
	});
}

const saved = () => m.catalog.writes.sourceItems.map((w) => [w.sku, w.quantity]);
const qtyOf = (sku: string, source = 'default') =>
	m.catalog.sourceItems.find((s) => s.sku === sku && s.source_code === source)?.quantity;

describe('Source Item > Update (MSI, bulk)', () => {
	it('writes only the values that differ, in one bulk request, and passes the items on with their result', async () => {
		const before = m.stats.byRoute['POST /V1/inventory/source-items'] ?? 0;
		const r = await runFor(
			sourceItems,
			stock([
				['24-MB01', 144],
				['24-MB04', 100], // already 100 in Magento
				['24-UG06', 0],
			]),
		);
		expect(saved()).toEqual([
			['24-MB01', 144],
			['24-UG06', 0],
		]);
		expect((m.stats.byRoute['POST /V1/inventory/source-items'] ?? 0) - before).toBe(1);
		expect(r.json.map((j) => [j.sku, (j.sourceItem as IDataObject).changed])).toEqual([
			['24-MB01', true],
			['24-MB04', false],
			['24-UG06', true],
		]);
		expect(r.json[0]).toMatchObject({
			itemName: 'Item 24-MB01',
			sourceItem: {
				sku: '24-MB01',
				sourceCode: 'default',
				quantity: 144,
				status: 1,
				changed: true,
				previous: { quantity: 100, status: 1 },
			},
		});
		expect(m.catalog.sourceItems.find((s) => s.sku === '24-UG06')!.status).toBe(0);
		// A second run with the same values writes nothing.
		const again = await runFor(sourceItems, stock([['24-MB01', 144]]));
		expect((again.json[0].sourceItem as IDataObject).changed).toBe(false);
		expect(saved()).toHaveLength(2);
	});

	it.each(['couldNotSave', 'orphan', 'validationFailed'] as const)(
		'an unknown SKU is its item’s failure and the others are saved (MSI on unknown SKUs: %s)',
		async (mode) => {
			m.setOptions({ msiUnknownSku: mode });
			const r = await runFor(
				sourceItems,
				stock([
					['24-MB01', 5],
					['GIFT-WRAP-01', 1000],
					['24-WB04', 6],
				]),
			);
			expect(r.outputs[0]).toHaveLength(3);
			const [ok1, failed, ok2] = r.outputs[0];
			expect((ok1.json.sourceItem as IDataObject).changed).toBe(true);
			expect((ok2.json.sourceItem as IDataObject).changed).toBe(true);
			expect(failed.error).toBeDefined();
			expect(failed.json).toMatchObject({ sku: 'GIFT-WRAP-01' });
			expect(String(failed.json.error)).toMatch(/^SKU GIFT-WRAP-01: no such product in Magento/);
			expect(qtyOf('24-MB01')).toBe(5);
			expect(qtyOf('24-WB04')).toBe(6);
			// Never sent, so never an orphan row either.
			expect(m.catalog.sourceItems.some((s) => s.sku === 'GIFT-WRAP-01')).toBe(false);
		},
	);

	it('skips products that hold no stock of their own, and unknown SKUs when told to', async () => {
		const r = await runFor(
			{ ...sourceItems, bulkOptions: { unknownSkus: 'skip' } },
			stock([
				['MH01', 0],
				['24-WG080', 0],
				['GIFT-WRAP-01', 3],
				['VW-WARRANTY-2Y', null],
			]),
		);
		expect(r.json.map((j) => (j.sourceItem as IDataObject).skipped)).toEqual([
			'a configurable product has no stock of its own in Magento (its simple products have)',
			'a bundle product has no stock of its own in Magento (its simple products have)',
			'not in Magento',
			'no quantity',
		]);
		expect(saved()).toEqual([]);
	});

	it('splits a batch Magento refuses for one row until that row is alone', async () => {
		// Without the SKU check, 2.4.6-p3 refuses the whole batch for the unknown SKU.
		const r = await runFor(
			{ ...sourceItems, bulkOptions: { checkSkus: false, onlyChanged: false, batchSize: 8 } },
			stock(
				['24-MB01', '24-MB04', '24-WB04', 'GIFT-WRAP-01', '24-UG06', 'MH01-XS-Black'].map(
					(sku) => [sku, 7] as [string, number],
				),
			),
		);
		const failed = r.outputs[0].filter((o) => o.error);
		expect(failed.map((f) => f.json.sku)).toEqual(['GIFT-WRAP-01']);
		expect(String(failed[0].json.error)).toMatch(/Could not save Source Item/);
		expect(
			saved()
				.map(([sku]) => sku)
				.sort(),
		).toEqual(['24-MB01', '24-MB04', '24-UG06', '24-WB04', 'MH01-XS-Black'].sort());
	});

	it('keeps to the input limit: batches of 20 by default; a larger batch the store refuses is sent again in batches of its limit', async () => {
		m.setOptions({ inputLimits: true, complexArrayLimit: 20 });
		const skus = m.catalog.products.filter((p) => p.type_id === 'simple').map((p) => p.sku);
		// Every simple product in both sources: 28 rows, more than the limit of 20.
		const items = ['default', 'wh02'].flatMap((source, n) =>
			skus.map((sku) => ({ sku, quantity: n + 1, source })),
		);
		expect(items).toHaveLength(28);
		const posts = () => m.stats.byRoute['POST /V1/inventory/source-items'] ?? 0;
		const first = posts();
		const r = await runFor({ ...sourceItems, bulkOptions: { onlyChanged: false } }, items);
		expect(r.outputs[0].filter((o) => o.error)).toEqual([]);
		expect(posts() - first).toBe(2);
		m.reset();
		m.setOptions({ inputLimits: true, complexArrayLimit: 20 });
		const big = await runFor(
			{ ...sourceItems, bulkOptions: { onlyChanged: false, batchSize: 100 } },
			items,
		);
		expect(big.outputs[0].filter((o) => o.error)).toEqual([]);
		// One refused (28 > 20), then 20 + 8.
		expect(m.stats.byRoute['POST /V1/inventory/source-items']).toBe(3);
	});

	it('after a lost answer, reads the rows back instead of failing; a 503 is retried', async () => {
		m.setFaultPlan({
			rules: [
				{ kind: 'commitThenDrop', method: 'POST', path: '/inventory/source-items', times: 1 },
				{ kind: 'status', status: 503, method: 'GET', path: '/inventory/source-items', times: 1 },
			],
		});
		const r = await runFor(sourceItems, stock([['24-MB01', 11]]));
		expect(r.outputs[0].filter((o) => o.error)).toEqual([]);
		expect((r.json[0].sourceItem as IDataObject).changed).toBe(true);
		expect(qtyOf('24-MB01')).toBe(11);
		expect(m.faults.fired.map((f) => f.kind)).toEqual(
			expect.arrayContaining(['commitThenDrop', 'status']),
		);
		expectNoSecrets(m, r);
	});

	it('reads sku and quantity straight from the input items with Values From: Input Item Fields', async () => {
		const r = await runNode(new Magento2Store(), {
			parameters: { ...sourceItems, valuesFrom: 'inputFields', options: { retries: 1 } },
			items: stock([
				['24-MB01', 3],
				['24-MB04', 100],
			]),
			credentials: { magento2StoreApi: magentoCredential(m) },
			credentialTypes: [new Magento2StoreApi()],
		});
		expect(r.json.map((j) => (j.sourceItem as IDataObject).changed)).toEqual([true, false]);
		expect(saved()).toEqual([['24-MB01', 3]]);
	});

	it('lists the MSI sources for the Source dropdown', async () => {
		const { context } = loadOptionsContext({ magento2StoreApi: magentoCredential(m) }, [
			new Magento2StoreApi(),
		]);
		expect(await getSources.call(context)).toEqual([
			{ name: 'Default Source (default)', value: 'default' },
			{ name: 'Web Shop Warehouse (wh02)', value: 'wh02' },
		]);
	});

	it('a store that stays unreachable fails the items, not the run', async () => {
		m.setFaultPlan({ rules: [{ kind: 'status', status: 503, path: '/inventory/source-items' }] });
		const r = await runFor(sourceItems, stock([['24-MB01', 11]]));
		expect(r.outputs[0][0].error).toBeDefined();
		expect(String(r.outputs[0][0].json.error)).toMatch(/^SKU 24-MB01: /);
	});
});

describe('Stock Item > Update (legacy, without MSI)', () => {
	const legacy = { resource: 'stockItem', operation: 'update', sku: '={{ $json.sku }}' };

	it.each([true, false])(
		'reads the stock items (listed with the products: %s) and PUTs only the changed ones',
		async (listed) => {
			m.setOptions({ msi: false, productListStockItem: listed });
			const r = await runFor(
				legacy,
				stock([
					['24-MB01', 100],
					['24-MB04', 3],
					['GIFT-WRAP-01', 1],
				]),
			);
			expect(m.catalog.writes.stockItems).toEqual([{ sku: '24-MB04', qty: 3, is_in_stock: true }]);
			expect(
				r.outputs[0].map((o) => [
					o.json.sku,
					o.error ? 'error' : (o.json.stockItem as IDataObject).changed,
				]),
			).toEqual([
				['24-MB01', false],
				['24-MB04', true],
				['GIFT-WRAP-01', 'error'],
			]);
			expect(m.stats.byRoute['GET /V1/stockItems/:sku'] ?? 0).toBe(listed ? 0 : 2);
			expect(m.stats.byRoute['PUT /V1/products/:sku/stockItems/:itemId']).toBe(1);
		},
	);
});

describe('Price > Update Base Prices (bulk)', () => {
	const base = { resource: 'price', operation: 'updateBase', sku: '={{ $json.sku }}' };
	const prices = (rows: Array<[string, number | null]>) =>
		rows.map(([sku, price]) => ({ sku, price }));

	it('writes only changed prices; unknown SKUs, configurable products and dynamic bundles are not sent', async () => {
		const r = await runFor(
			base,
			prices([
				['24-MB04', 32], // 31 in Magento
				['24-MB01', 34], // unchanged
				['GIFT-WRAP-01', 2.5],
				['MH01', 52],
				['24-WG080', 47],
				['VW-WARRANTY-2Y', 15],
				['24-UG06', null],
			]),
		);
		expect(m.catalog.writes.basePrices).toEqual([{ sku: '24-MB04', store_id: 0, price: 32 }]);
		expect(
			r.outputs[0].map((o) => [
				o.json.sku,
				o.error
					? 'error'
					: ((o.json.basePrice as IDataObject).skipped ??
						(o.json.basePrice as IDataObject).changed),
			]),
		).toEqual([
			['24-MB04', true],
			['24-MB01', false],
			['GIFT-WRAP-01', 'error'],
			[
				'MH01',
				'a configurable product has no price of its own in Magento (its simple products have)',
			],
			['24-WG080', 'Magento computes a dynamic bundle price from its items'],
			['VW-WARRANTY-2Y', false],
			['24-UG06', 'no price'],
		]);
	});

	it('maps the failed rows of a 200 answer to their items (without the SKU check)', async () => {
		const r = await runFor(
			{ ...base, bulkOptions: { checkSkus: false, onlyChanged: false } },
			prices([
				['24-MB04', 40],
				['NOT-THERE', 3],
				['24-MB01', 35],
			]),
		);
		const failed = r.outputs[0].filter((o) => o.error);
		expect(failed.map((f) => f.json.sku)).toEqual(['NOT-THERE']);
		expect(String(failed[0].json.error)).toBe(
			'SKU NOT-THERE: Magento refused the price: Invalid attribute SKU = NOT-THERE.',
		);
		expect(m.catalog.writes.basePrices.map((w) => w.sku)).toEqual(['24-MB04', '24-MB01']);
	});

	it('compares with the price the store view shows (its own or the default value)', async () => {
		const r = await runFor({ ...base, storeId: 1 }, prices([['24-MB01', 34]]));
		expect((r.json[0].basePrice as IDataObject).changed).toBe(false);
	});
});

describe('Price > Update Special Prices', () => {
	const special = { resource: 'price', operation: 'updateSpecial', sku: '={{ $json.sku }}' };

	it('sets changed special prices and removes those SAP no longer has', async () => {
		const first = await runFor(special, [
			{ sku: '24-UG06', price: 5.5 },
			{ sku: '24-MB04', price: 27 },
		]);
		expect(first.json.map((j) => (j.specialPrice as IDataObject).changed)).toEqual([true, true]);
		expect(m.catalog.specialPrices.map((p) => p.price)).toEqual([5.5, 27]);
		const second = await runFor(special, [
			{ sku: '24-UG06', price: 5.5 },
			{ sku: '24-MB04', price: null },
		]);
		expect(second.json.map((j) => j.specialPrice)).toEqual([
			expect.objectContaining({ changed: false }),
			expect.objectContaining({ changed: true, removed: true }),
		]);
		expect(m.catalog.specialPrices.map((p) => p.price)).toEqual([5.5]);
	});
});

// Strict answers (nodes/shared/http/answer.ts): a read-back or SKU check answered with a page, an
// empty body or rows of the wrong shape is never taken as "Magento holds nothing" or "not in
// Magento": the items fail saying what came back, and nothing is written.
describe('strict answers on the stock and price reads', () => {
	const base = { resource: 'price', operation: 'updateBase', sku: '={{ $json.sku }}' };
	const reads: Array<[string, IDataObject, IDataObject[], string, RegExp]> = [
		['source items', sourceItems, stock([['24-MB01', 11]]), 'GET', /\/inventory\/source-items$/],
		['SKU check', sourceItems, stock([['24-MB01', 11]]), 'GET', /\/V1\/products$/],
		[
			'base prices',
			base,
			[{ sku: '24-MB04', price: 32 }],
			'POST',
			/\/products\/base-prices-information$/,
		],
	];
	const says = {
		html: /Unexpected answer.*HTTP 200 \(text\/html\) with an HTML page/,
		empty: /Unexpected answer.*HTTP 200 with an empty body/,
	};

	describe.each(['html', 'empty'] as const)('%s', (kind) => {
		it.each(reads)(
			'%s: once is retried; always fails the items',
			async (_n, params, items, method, path) => {
				m.setFaultPlan({ rules: [{ kind, method, path, times: 1 }] });
				const once = await runFor(params, items);
				expect(once.outputs[0][0].json.error).toBeUndefined();
				const written = m.catalog.writes.sourceItems.length + m.catalog.writes.basePrices.length;
				expect(written).toBe(1);
				m.reset();
				m.setFaultPlan({ rules: [{ kind, method, path }] });
				const always = await runFor(params, items);
				expect(String(always.outputs[0][0].json.error)).toMatch(says[kind]);
				expect(m.catalog.writes.sourceItems.length + m.catalog.writes.basePrices.length).toBe(0);
			},
		);
	});

	it('a source item row without its quantity is an unexpected answer, not a missing value', async () => {
		const row = m.catalog.sourceItems.find((s) => s.sku === '24-MB01')!;
		delete (row as Partial<typeof row>).quantity;
		const r = await runFor(sourceItems, stock([['24-MB01', 11]]));
		expect(String(r.outputs[0][0].json.error)).toMatch(
			/Unexpected answer.*expected a JSON object with a "items" array of rows with sku, source_code, quantity, status/,
		);
		expect(m.catalog.writes.sourceItems).toEqual([]);
	});

	it('a product row without its type is an unexpected answer, not "no such product"', async () => {
		const product = m.catalog.products.find((p) => p.sku === '24-MB01')!;
		delete (product as Partial<typeof product>).type_id;
		const r = await runFor(sourceItems, stock([['24-MB01', 11]]));
		const error = String(r.outputs[0][0].json.error);
		expect(error).toMatch(/Unexpected answer.*rows with id, sku, type_id/);
		expect(error).not.toMatch(/no such product/);
		expect(m.catalog.writes.sourceItems).toEqual([]);
	});
});
