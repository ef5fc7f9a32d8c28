/** Header fields: web order number, dates, currency, comments, header discount, extra fields. */
import {
	mapMagentoOrder,
	withDefaults,
	DEFAULT_MAPPING_OPTIONS,
	type MagentoOrder,
} from '../../../nodes/SapB1Order/mapping';
import { magentoFixture } from '../../fixtures/magentoOrders';
import { options, order } from './helpers';

test('defaults: NumAtCard = increment_id, DocDate/TaxDate = created_at date, DocDueDate same day, order currency', () => {
	const { document, webOrderNumber } = mapMagentoOrder(order('000000101'), options());
	expect(webOrderNumber).toBe('000000101');
	expect(document).toMatchObject({
		CardCode: 'C-WEB',
		NumAtCard: '000000101',
		DocDate: '2026-11-20',
		TaxDate: '2026-11-20',
		DocDueDate: '2026-11-20',
		DocCurrency: 'USD',
		Comments: 'Magento order #000000101',
	});
	expect(document).not.toHaveProperty('DiscountPercent');
});

test('DocDueDate = created_at date + dueDays, across month and year ends (UTC date part)', () => {
	const o = order('000000101');
	o.created_at = '2026-12-31 23:59:59';
	expect(mapMagentoOrder(o, options({ dueDays: 14 })).document).toMatchObject({
		DocDate: '2026-12-31',
		DocDueDate: '2027-01-14',
	});
	o.created_at = '2028-02-28T22:00:00Z';
	expect(mapMagentoOrder(o, options({ dueDays: 1 })).document.DocDueDate).toBe('2028-02-29');
});

test('U_ field: the web order number goes there instead of NumAtCard', () => {
	const { document } = mapMagentoOrder(
		order('000000101'),
		options({ webOrderField: 'U_WebOrderNo' }),
	);
	expect(document.U_WebOrderNo).toBe('000000101');
	expect(document).not.toHaveProperty('NumAtCard');
});

test("currency 'none' leaves DocCurrency out; EUR order sends EUR", () => {
	expect(mapMagentoOrder(order('000000109'), options()).document.DocCurrency).toBe('EUR');
	expect(
		mapMagentoOrder(order('000000109'), options({ currency: 'none' })).document,
	).not.toHaveProperty('DocCurrency');
});

test('comments option, truncated to 254; extraFields merged last (can override)', () => {
	const { document } = mapMagentoOrder(
		order('000000101'),
		options({
			comments: 'x'.repeat(300),
			extraFields: { SalesPersonCode: 3, Series: 12, DocDueDate: '2030-01-01' },
		}),
	);
	expect(document.Comments).toBe('x'.repeat(254));
	expect(document).toMatchObject({ SalesPersonCode: 3, Series: 12, DocDueDate: '2030-01-01' });
});

test('guest order: mapped like any other with the caller-resolved CardCode', () => {
	const o = order('000000106');
	expect([o.customer_is_guest, o.customer_id ?? null]).toEqual([1, null]);
	const { document } = mapMagentoOrder(o, options({ cardCode: 'C-WEB' }));
	expect(document).toMatchObject({ CardCode: 'C-WEB', NumAtCard: '000000106' });
	expect(document.AddressExtension).toMatchObject({
		BillToStreet: '1200 NW Naito Pkwy',
		BillToBuilding: 'Apt #5 "B"',
		BillToState: 'OR',
	});
});

test('order discount not carried by the lines → header DiscountPercent of the discounted lines, with a warning', () => {
	const { document, warnings } = mapMagentoOrder(
		magentoFixture('cart-discount') as MagentoOrder,
		options(),
	);
	expect(document.DocumentLines.map((l) => l.DiscountPercent)).toEqual([10, undefined]);
	expect(document.DiscountPercent).toBe(7.3314); // 5 / (61.20 + 7.00)
	expect(warnings).toEqual([
		'order discount 5 not carried by the lines; sent as header DiscountPercent 7.3314',
	]);
});

test('line discounts adding up to the order discount → no header discount', () => {
	expect(mapMagentoOrder(order('000000107'), options()).document).not.toHaveProperty(
		'DiscountPercent',
	);
});

test('withDefaults fills undefined options from DEFAULT_MAPPING_OPTIONS', () => {
	const o = withDefaults({
		cardCode: 'C1',
		priceMode: undefined,
		shipping: { mode: 'expense', expenseCode: undefined },
	} as never);
	expect(o).toMatchObject({
		...DEFAULT_MAPPING_OPTIONS,
		cardCode: 'C1',
		shipping: { mode: 'expense', expenseCode: 1 },
	});
});

test('the input order is not modified', () => {
	const o = order('000000103');
	const before = JSON.stringify(o);
	mapMagentoOrder(
		o,
		options({ bundleMode: 'parent', shipping: { mode: 'itemLine', itemCode: 'S' } }),
	);
	expect(JSON.stringify(o)).toBe(before);
});
