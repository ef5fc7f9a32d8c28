/** Shipping as a freight line, an item line or nothing; free shipping; method → TransportationCode. */
import { mapMagentoOrder, type MagentoOrder } from '../../../nodes/SapB1Order/mapping';
import { magentoFixture } from '../../fixtures/magentoOrders';
import { options, order } from './helpers';

test('shipping_amount > 0 → one additional expense with the net amount and its tax code', () => {
	expect(
		mapMagentoOrder(order('000000101'), options()).document.DocumentAdditionalExpenses,
	).toEqual([{ ExpenseCode: 1, LineTotal: 15, TaxCode: 'EX' }]);
	// EUR order: shipping taxed 20% → the rate table's V20.
	expect(
		mapMagentoOrder(order('000000109'), options({ shipping: { mode: 'expense', expenseCode: 2 } }))
			.document.DocumentAdditionalExpenses,
	).toEqual([{ ExpenseCode: 2, LineTotal: 4.6, TaxCode: 'V20' }]);
	// NY shipping taxed 8.875%.
	expect(
		mapMagentoOrder(magentoFixture('awkward-rounding') as MagentoOrder, options()).document
			.DocumentAdditionalExpenses,
	).toEqual([{ ExpenseCode: 1, LineTotal: 7.49, TaxCode: 'NY' }]);
});

test('shipping.taxCode overrides the tax mode for the shipping', () => {
	const { document } = mapMagentoOrder(
		order('000000101'),
		options({ shipping: { mode: 'expense', expenseCode: 1, taxCode: 'CA' } }),
	);
	expect(document.DocumentAdditionalExpenses).toEqual([
		{ ExpenseCode: 1, LineTotal: 15, TaxCode: 'CA' },
	]);
});

test('a shipping tax no table rate reproduces → warning, expense without tax code', () => {
	const o = order('000000101');
	o.shipping_tax_amount = 1.23;
	const { document, warnings } = mapMagentoOrder(o, options());
	expect(document.DocumentAdditionalExpenses).toEqual([{ ExpenseCode: 1, LineTotal: 15 }]);
	expect(warnings[0]).toMatch(/shipping tax 1\.23 \(≈ 8\.2%\) matches no rate/);
});

test('free shipping (0) → no expense line', () => {
	const o = order('000000108');
	expect(o.shipping_amount).toBe(0);
	const { document, warnings } = mapMagentoOrder(o, options());
	expect(document.DocumentAdditionalExpenses).toBeUndefined();
	expect(warnings).toEqual([]);
});

test('a shipping discount is taken off the expense (Magento counts it in discount_amount)', () => {
	const { document } = mapMagentoOrder(magentoFixture('cart-discount') as MagentoOrder, options());
	expect(document.DocumentAdditionalExpenses).toEqual([
		{ ExpenseCode: 1, LineTotal: 8, TaxCode: 'EX' },
	]);
});

test('itemLine: a document line with shipping.itemCode, the description and the net amount', () => {
	const { document } = mapMagentoOrder(
		order('000000109'),
		options({ shipping: { mode: 'itemLine', itemCode: 'FREIGHT' } }),
	);
	expect(document.DocumentAdditionalExpenses).toBeUndefined();
	expect(document.DocumentLines[2]).toEqual({
		ItemCode: 'FREIGHT',
		ItemDescription: 'Flat Rate - Fixed',
		Quantity: 1,
		UnitPrice: 4.6,
		TaxCode: 'V20',
	});
	const gross = mapMagentoOrder(
		order('000000109'),
		options({ priceMode: 'gross', shipping: { mode: 'itemLine', itemCode: 'FREIGHT' } }),
	);
	expect(gross.document.DocumentLines[2]).toMatchObject({ PriceAfterVAT: 5.52, TaxCode: 'V20' });
});

test('none: no shipping in the document', () => {
	const { document } = mapMagentoOrder(order('000000108'), options({ shipping: { mode: 'none' } }));
	expect(document.DocumentAdditionalExpenses).toBeUndefined();
	expect(document.DocumentLines).toHaveLength(1);
});

describe('shipping method → TransportationCode', () => {
	const map = { tablerate_bestway: 1, flatrate: 4, ups: 1 };
	test('exact method first', () => {
		expect(
			mapMagentoOrder(order('000000101'), options({ shippingMethodMap: { ...map, tablerate: 3 } }))
				.document.TransportationCode,
		).toBe(1);
	});
	test('then the carrier prefix before "_"', () => {
		expect(
			mapMagentoOrder(order('000000105'), options({ shippingMethodMap: map })).document
				.TransportationCode,
		).toBe(4); // flatrate_flatrate
		expect(
			mapMagentoOrder(order('000000103'), options({ shippingMethodMap: map })).document
				.TransportationCode,
		).toBe(1); // ups_GND
	});
	test('unmapped method: no code, a warning', () => {
		const { document, warnings } = mapMagentoOrder(
			order('000000108'),
			options({ shippingMethodMap: map }),
		);
		expect(document).not.toHaveProperty('TransportationCode');
		expect(warnings).toEqual([
			"shipping method 'freeshipping_freeshipping' is not in the shipping method map; no TransportationCode sent",
		]);
	});
	test('empty map: no code, no warning', () => {
		const { document, warnings } = mapMagentoOrder(order('000000101'), options());
		expect(document).not.toHaveProperty('TransportationCode');
		expect(warnings).toEqual([]);
	});
});
