/** Which Magento rows become SAP lines: configurable, bundle, virtual, canceled quantities, SKU map, warehouse. */
import { mapMagentoOrder, type MagentoOrder } from '../../../nodes/SapB1Order/mapping';
import { magentoFixture } from '../../fixtures/magentoOrders';
import { options, order } from './helpers';

const codes = (o: MagentoOrder, opts = options()) =>
	mapMagentoOrder(o, opts).document.DocumentLines.map((l) => [l.ItemCode, l.Quantity]);

test('simple order: one line per item, price, description and tax code', () => {
	const { document } = mapMagentoOrder(order('000000101'), options());
	expect(document.DocumentLines).toEqual([
		{
			ItemCode: '24-MB01',
			ItemDescription: 'Joust Duffle Bag',
			Quantity: 2,
			UnitPrice: 34,
			TaxCode: 'CA',
		},
		{
			ItemCode: '24-UG06',
			ItemDescription: 'Affirm Water Bottle',
			Quantity: 1,
			UnitPrice: 7,
			TaxCode: 'CA',
		},
	]);
});

test('configurable: one line with the child SKU and the parent price; the child row is skipped (qty not doubled)', () => {
	const o = order('000000102');
	expect(o.items!.map((i) => [i.product_type, i.sku, i.price])).toEqual([
		['configurable', 'MH01-M-Gray', 52],
		['simple', 'MH01-M-Gray', 0],
	]);
	const { document } = mapMagentoOrder(o, options());
	expect(document.DocumentLines).toHaveLength(1);
	expect(document.DocumentLines[0]).toMatchObject({
		ItemCode: 'MH01-M-Gray',
		Quantity: 1,
		UnitPrice: 52,
	});
});

test('configurable child found through the embedded parent_item when the parent row is not in the list', () => {
	const o = order('000000102');
	const [parent, child] = o.items!;
	child.parent_item = { ...parent };
	child.parent_item_id = 999999;
	o.items = [parent, child];
	expect(codes(o)).toEqual([['MH01-M-Gray', 1]]);
});

test('bundle, children mode (default): the children with their prices, not the parent', () => {
	const { document } = mapMagentoOrder(order('000000103'), options());
	expect(document.DocumentLines.map((l) => [l.ItemCode, l.Quantity, l.UnitPrice])).toEqual([
		['24-WG084', 1, 5],
		['24-WG088', 1, 19],
		['24-WG082-blue', 1, 23],
	]);
});

test('bundle, parent mode: only the parent line, priced as the bundle', () => {
	const { document } = mapMagentoOrder(order('000000103'), options({ bundleMode: 'parent' }));
	expect(
		document.DocumentLines.map((l) => [l.ItemCode, l.Quantity, l.UnitPrice, l.TaxCode]),
	).toEqual([['24-WG080', 1, 47, 'CA']]);
});

test('dynamic bundle in parent mode takes the discount and tax rate from the children', () => {
	const o = magentoFixture('dynamic-bundle') as MagentoOrder;
	expect(o.items![0].tax_percent).toBeNull();
	const { document } = mapMagentoOrder(o, options({ bundleMode: 'parent' }));
	expect(document.DocumentLines).toEqual([
		{
			ItemCode: '24-WG080',
			ItemDescription: 'Sprite Yoga Companion Kit',
			Quantity: 2,
			UnitPrice: 47,
			DiscountPercent: 10,
			TaxCode: 'CA',
		},
	]);
	expect(
		mapMagentoOrder(o, options()).document.DocumentLines.map((l) => [
			l.ItemCode,
			l.Quantity,
			l.DiscountPercent,
		]),
	).toEqual([
		['24-WG084', 2, 10],
		['24-WG088', 2, 10],
		['24-WG082-blue', 2, 10],
	]);
});

test('fixed-price bundle (children priced 0): ordered as the parent even in children mode, with a warning', () => {
	const { document, warnings } = mapMagentoOrder(
		magentoFixture('fixed-price-bundle') as MagentoOrder,
		options(),
	);
	expect(
		document.DocumentLines.map((l) => [l.ItemCode, l.Quantity, l.UnitPrice, l.TaxCode]),
	).toEqual([['24-WG080', 1, 40, 'NY']]);
	expect(warnings).toEqual([
		expect.stringMatching(/items\[0\] \(24-WG080\): bundle children carry no prices/),
	]);
});

test('virtual-only order: the virtual line once, no shipping', () => {
	const { document } = mapMagentoOrder(order('000000104'), options());
	expect(document.DocumentLines.map((l) => [l.ItemCode, l.Quantity, l.UnitPrice])).toEqual([
		['VW-WARRANTY-2Y', 1, 15],
	]);
	expect(document.DocumentAdditionalExpenses).toBeUndefined();
});

test('mixed order: physical and virtual lines, each once', () => {
	expect(codes(order('000000105'))).toEqual([
		['24-WB04', 1],
		['VW-WARRANTY-2Y', 1],
	]);
});

test('Quantity = qty_ordered − qty_canceled; a fully canceled row is left out with a warning', () => {
	const o = order('000000101');
	o.items![0].qty_canceled = 1;
	o.items![1].qty_canceled = 1;
	const { document, warnings } = mapMagentoOrder(o, options());
	expect(document.DocumentLines.map((l) => [l.ItemCode, l.Quantity])).toEqual([['24-MB01', 1]]);
	expect(warnings).toContainEqual(expect.stringMatching(/items\[1\] \(24-UG06\): all 1 canceled/));
});

test('skuMap maps SKUs to ItemCodes; unmapped SKUs pass through unchanged', () => {
	expect(codes(order('000000101'), options({ skuMap: { '24-MB01': 'A-0001' } }))).toEqual([
		['A-0001', 2],
		['24-UG06', 1],
	]);
});

test('skuMap applies to the configurable child SKU and to unicode SKUs', () => {
	expect(codes(order('000000102'), options({ skuMap: { 'MH01-M-Gray': 'HOODIE-M-GRY' } }))).toEqual(
		[['HOODIE-M-GRY', 1]],
	);
	expect(
		codes(order('000000109'), options({ skuMap: { 'CAFÉ-CRÈME-250': 'COFFEE-250' } }))[0],
	).toEqual(['COFFEE-250', 4]);
});

test('unicode SKU and name are kept as they are', () => {
	const { document } = mapMagentoOrder(order('000000109'), options());
	expect(document.DocumentLines[0]).toMatchObject({
		ItemCode: 'CAFÉ-CRÈME-250',
		ItemDescription: 'Café crème — 250 g Kaffeebohnen ☕',
	});
});

test('warehouse code goes on every item line', () => {
	const { document } = mapMagentoOrder(order('000000105'), options({ warehouseCode: '02' }));
	expect(document.DocumentLines.map((l) => l.WarehouseCode)).toEqual(['02', '02']);
	expect(
		mapMagentoOrder(order('000000105'), options()).document.DocumentLines[0],
	).not.toHaveProperty('WarehouseCode');
});

test('numeric strings (as some proxies send) are accepted', () => {
	const o = order('000000101');
	Object.assign(o.items![0], { qty_ordered: '2.0000', price: '34.0000', row_total: '68.0000' });
	expect(mapMagentoOrder(o, options()).document.DocumentLines[0]).toMatchObject({
		Quantity: 2,
		UnitPrice: 34,
	});
});

test('an item whose SAP code is unknown in SAP (LEGACY-404) is still mapped: SAP rejects it, not the mapping', () => {
	expect(codes(order('000000110'))[0]).toEqual(['LEGACY-404', 1]);
});
