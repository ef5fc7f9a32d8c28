/** computeSapTotal: SAP's document arithmetic, checked by hand and against the Service Layer emulator's. */
import {
	computeSapTotal,
	mapMagentoOrder,
	sapTotals,
	type MagentoOrder,
	type SapOrderDocument,
} from '../../../nodes/SapB1Order/mapping';
import {
	documentTotals,
	priceLine,
	type MathExpense,
	type MathLine,
} from '../../emulators/serviceLayer/documentMath';
import { magentoSeed } from '../../emulators/seed/magento';
import { MAGENTO_FIXTURES, magentoFixture } from '../../fixtures/magentoOrders';
import { options, sapRate } from './helpers';

const doc = (over: Partial<SapOrderDocument>): SapOrderDocument => ({
	CardCode: 'C',
	DocDate: 'd',
	DocDueDate: 'd',
	TaxDate: 'd',
	DocumentLines: [],
	...over,
});

test('lines after discount + line tax + expenses + expense tax', () => {
	const d = doc({
		DocumentLines: [
			{ ItemCode: 'A', Quantity: 2, UnitPrice: 34, DiscountPercent: 10, TaxCode: 'CA' }, // 61.20 + 4.437
			{ ItemCode: 'B', Quantity: 3, PriceAfterVAT: 12, TaxCode: 'V20' }, // 30.00 + 6.00
		],
		DocumentAdditionalExpenses: [{ ExpenseCode: 1, LineTotal: 10, TaxCode: 'NY' }], // 10 + 0.89 (0.8875 rounded)
	});
	expect(
		sapTotals(
			d,
			(l) => sapRate(l.TaxCode!),
			(e) => sapRate(e.TaxCode!),
		),
	).toEqual({
		subtotal: 91.2,
		totalDiscount: 0,
		expenses: 10,
		vatSum: 11.33, // round2(4.437 + 6 + 0.89)
		docTotal: 112.53,
	});
	expect(computeSapTotal(d, sapRate)).toBe(112.53);
});

test('header DiscountPercent reduces lines and line tax, not expenses', () => {
	const d = doc({
		DiscountPercent: 10,
		DocumentLines: [{ ItemCode: 'A', Quantity: 1, UnitPrice: 100, TaxCode: 'V20' }],
		DocumentAdditionalExpenses: [{ ExpenseCode: 1, LineTotal: 10, TaxCode: 'V20' }],
	});
	// 100 − 10 + 10 + (20 × 0.9 + 2)
	expect(computeSapTotal(d, sapRate)).toBe(120);
});

test('lines without a tax code ask for the rate of ""', () => {
	const asked: string[] = [];
	computeSapTotal(
		doc({ DocumentLines: [{ ItemCode: 'A', Quantity: 1, UnitPrice: 1 }] }),
		(c) => (asked.push(c), 0),
	);
	expect(asked).toEqual(['']);
});

const orders = [
	...(magentoSeed().orders.filter((o) => o.status !== 'canceled') as unknown as MagentoOrder[]),
	...MAGENTO_FIXTURES.map((n) => magentoFixture(n) as MagentoOrder),
];

test.each(['net', 'gross'] as const)(
	'agrees with the Service Layer emulator arithmetic on every mapped order (%s)',
	(priceMode) => {
		for (const o of orders) {
			const { document } = mapMagentoOrder(o, options({ priceMode }));
			const lines = document.DocumentLines.map((l) => ({ ...l }) as MathLine);
			for (const l of lines) priceLine(l, sapRate(l.TaxCode as string));
			const expenses = (document.DocumentAdditionalExpenses ?? []).map(
				(e) => ({ ...e }) as MathExpense,
			);
			const emulator = documentTotals(lines, expenses, document.DiscountPercent ?? 0, (c) =>
				sapRate(c as string),
			);
			expect([o.increment_id, computeSapTotal(document, sapRate)]).toEqual([
				o.increment_id,
				emulator.DocTotal,
			]);
		}
	},
);
