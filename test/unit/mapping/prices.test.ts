/** Net vs gross prices, discount as percent or in the price, and the three tax modes. */
import { mapMagentoOrder, type MagentoOrder } from '../../../nodes/SapB1/Order/mapping';
import { magentoFixture } from '../../fixtures/magentoOrders';
import { TAX_TABLE, options, order } from './helpers';

const lines = (o: MagentoOrder, opts = options()) =>
	mapMagentoOrder(o, opts).document.DocumentLines.map(
		({ ItemCode, UnitPrice, PriceAfterVAT, DiscountPercent, TaxCode }) => ({
			ItemCode,
			UnitPrice,
			PriceAfterVAT,
			DiscountPercent,
			TaxCode,
		}),
	);

test('net (default): UnitPrice from price, no PriceAfterVAT', () => {
	expect(lines(order('000000109'))).toEqual([
		{
			ItemCode: 'CAFÉ-CRÈME-250',
			UnitPrice: 12.5,
			PriceAfterVAT: undefined,
			DiscountPercent: undefined,
			TaxCode: 'V20',
		},
		{
			ItemCode: '24-UG06',
			UnitPrice: 7,
			PriceAfterVAT: undefined,
			DiscountPercent: undefined,
			TaxCode: 'V20',
		},
	]);
});

test('gross: PriceAfterVAT (= price_incl_tax when no cent rounding), no UnitPrice', () => {
	const o = order('000000109');
	expect(o.items!.map((i) => i.price_incl_tax)).toEqual([15, 8.4]);
	expect(lines(o, options({ priceMode: 'gross' }))).toEqual([
		{
			ItemCode: 'CAFÉ-CRÈME-250',
			UnitPrice: undefined,
			PriceAfterVAT: 15,
			DiscountPercent: undefined,
			TaxCode: 'V20',
		},
		{
			ItemCode: '24-UG06',
			UnitPrice: undefined,
			PriceAfterVAT: 8.4,
			DiscountPercent: undefined,
			TaxCode: 'V20',
		},
	]);
});

test('gross uses the exact gross of the row, not the cent-rounded price_incl_tax (34 × 1.0725 = 36.465)', () => {
	const o = order('000000101');
	expect(o.items![0].price_incl_tax).toBe(36.47);
	expect(lines(o, options({ priceMode: 'gross' }))[0].PriceAfterVAT).toBe(36.465);
});

test('gross falls back to price_incl_tax × (1 − discount) without a row tax amount', () => {
	const o = order('000000107');
	for (const i of o.items!) delete i.tax_amount;
	expect(lines(o, options({ priceMode: 'gross' }))[0]).toMatchObject({
		PriceAfterVAT: 21.555,
		DiscountPercent: 10,
	}); // 23.95 × 0.9
	expect(order('000000107').items![0].price_incl_tax).toBe(23.95);
});

describe('line discounts (order #000000107: 10% coupon)', () => {
	test('percent (default): DiscountPercent = discount_amount / row_total × 100', () => {
		expect(lines(order('000000107')).map((l) => [l.UnitPrice, l.DiscountPercent])).toEqual([
			[22, 10],
			[34, 10],
		]);
	});
	test('price: folded into UnitPrice, no DiscountPercent', () => {
		expect(
			lines(order('000000107'), options({ discountMode: 'price' })).map((l) => [
				l.UnitPrice,
				l.DiscountPercent,
			]),
		).toEqual([
			[19.8, undefined],
			[30.6, undefined],
		]);
	});
	test('gross + percent: PriceAfterVAT after the discount, plus DiscountPercent', () => {
		const l = lines(order('000000107'), options({ priceMode: 'gross' }))[0];
		expect(l.DiscountPercent).toBe(10);
		expect(l.PriceAfterVAT).toBeCloseTo(19.8 * 1.08875, 2);
	});
	test('fixed-amount coupon: percent rounded to 4 decimals', () => {
		const o = order('000000101');
		Object.assign(o.items![0], { discount_amount: 5, tax_amount: round2((68 - 5) * 0.0725) });
		expect(lines(o)[0].DiscountPercent).toBe(7.3529); // 5 / 68
		expect(lines(o, options({ discountMode: 'price' }))[0].UnitPrice).toBe(31.5);
	});
	test('awkward coupon amounts: 15% of 59.97 is 9.00 (15.0075%)', () => {
		expect(lines(magentoFixture('awkward-rounding') as MagentoOrder)[0]).toMatchObject({
			UnitPrice: 19.99,
			DiscountPercent: 15.0075,
		});
	});
});

const round2 = (n: number) => Math.round(n * 100) / 100;

describe('tax modes', () => {
	test("sapDefault: no TaxCode at all (SAP takes the item's / customer's)", () => {
		const { document } = mapMagentoOrder(order('000000109'), options({ taxMode: 'sapDefault' }));
		expect(document.DocumentLines.every((l) => !('TaxCode' in l))).toBe(true);
		expect(document.DocumentAdditionalExpenses).toEqual([{ ExpenseCode: 1, LineTotal: 4.6 }]);
	});
	test('fixed: every line and the shipping get fixedTaxCode', () => {
		const { document } = mapMagentoOrder(
			order('000000109'),
			options({ taxMode: 'fixed', fixedTaxCode: 'V20' }),
		);
		expect(document.DocumentLines.map((l) => l.TaxCode)).toEqual(['V20', 'V20']);
		expect(document.DocumentAdditionalExpenses).toEqual([
			{ ExpenseCode: 1, LineTotal: 4.6, TaxCode: 'V20' },
		]);
	});
	test('rateTable: by the item tax_percent, within 0.001', () => {
		expect(lines(order('000000101')).map((l) => l.TaxCode)).toEqual(['CA', 'CA']);
		expect(lines(order('000000107')).map((l) => l.TaxCode)).toEqual(['NY', 'NY']);
		expect(lines(order('000000106')).map((l) => l.TaxCode)).toEqual(['EX']);
		const o = order('000000107');
		o.items![0].tax_percent = 8.8754;
		expect(lines(o)[0].TaxCode).toBe('NY');
	});
	test('rateTable: a row without a code (SAP Default) sends no TaxCode for its rate, lines nor shipping', () => {
		const table = TAX_TABLE.map((t) => (t.rate === 20 ? { rate: 20, taxCode: '' } : t));
		const { document } = mapMagentoOrder(order('000000109'), options({ taxRates: table }));
		expect(document.DocumentLines.every((l) => !('TaxCode' in l))).toBe(true);
		expect(document.DocumentAdditionalExpenses).toEqual([{ ExpenseCode: 1, LineTotal: 4.6 }]);
		// Other rates keep their codes.
		const us = mapMagentoOrder(order('000000101'), options({ taxRates: table })).document;
		expect(us.DocumentLines.map((l) => l.TaxCode)).toEqual(['CA', 'CA']);
	});
});
