/**
 * The mapped document reproduces Magento's grand_total within 0.01 under SAP's arithmetic,
 * for every seed order and fixture, in every price/discount mode.
 */
import {
	computeSapTotal,
	mapMagentoOrder,
	type MagentoOrder,
} from '../../../nodes/SapB1Order/mapping';
import { magentoSeed } from '../../emulators/seed/magento';
import { MAGENTO_FIXTURES, magentoFixture } from '../../fixtures/magentoOrders';
import { options, sapRate } from './helpers';

const seedOrders = magentoSeed().orders.filter(
	(o) => o.status !== 'canceled',
) as unknown as MagentoOrder[];
const fixtures = MAGENTO_FIXTURES.map(
	(name) => [name, magentoFixture(name) as MagentoOrder] as const,
);
const all: Array<readonly [string, MagentoOrder]> = [
	...seedOrders.map((o) => [`#${o.increment_id}`, o] as const),
	...fixtures,
];

const modes = [
	{ priceMode: 'net', discountMode: 'percent' },
	{ priceMode: 'net', discountMode: 'price' },
	{ priceMode: 'gross', discountMode: 'percent' },
	{ priceMode: 'gross', discountMode: 'price' },
] as const;

test('the seed has the kinds of orders the mapping must handle', () => {
	expect(seedOrders.length).toBeGreaterThanOrEqual(16);
	expect(new Set(seedOrders.flatMap((o) => (o.items ?? []).map((i) => i.product_type)))).toEqual(
		new Set(['simple', 'configurable', 'bundle', 'virtual']),
	);
	// The tax rates the rate table (and SAP's codes CA, NY, EX, V20) cover.
	const rates = new Set(
		seedOrders.flatMap((o) => (o.items ?? []).map((i) => Number(i.tax_percent))),
	);
	for (const r of rates) expect([7.25, 8.875, 0, 20]).toContain(r);
});

describe.each(modes)('price $priceMode, discount as $discountMode', (mode) => {
	test.each(all)('%s: SAP DocTotal = Magento grand_total (±0.01), no warnings', (_name, order) => {
		const { document, warnings } = mapMagentoOrder(order, options({ ...mode }));
		const total = computeSapTotal(document, sapRate);
		expect(Math.abs(total - Number(order.grand_total))).toBeLessThanOrEqual(0.01 + 1e-9);
		expect(warnings.filter((w) => /document total/.test(w))).toEqual([]);
	});
});

test.each(all)('%s: bundles as one parent line still reproduce the grand total', (_name, order) => {
	const { document } = mapMagentoOrder(order, options({ bundleMode: 'parent' }));
	expect(
		Math.abs(computeSapTotal(document, sapRate) - Number(order.grand_total)),
	).toBeLessThanOrEqual(0.01 + 1e-9);
});

test.each(all)('%s: shipping as an item line reproduces the grand total', (_name, order) => {
	const { document } = mapMagentoOrder(
		order,
		options({ shipping: { mode: 'itemLine', itemCode: 'SHIPPING' } }),
	);
	expect(document.DocumentAdditionalExpenses).toBeUndefined();
	expect(
		Math.abs(computeSapTotal(document, sapRate) - Number(order.grand_total)),
	).toBeLessThanOrEqual(0.01 + 1e-9);
});

test('a mismatch is reported as a warning, not an error', () => {
	const order = { ...magentoFixture('awkward-rounding'), grand_total: 999.99 } as MagentoOrder;
	const { warnings } = mapMagentoOrder(order, options());
	expect(warnings).toEqual([
		expect.stringMatching(/document total of 137\.7, Magento's grand_total is 999\.99/),
	]);
});

test('shipping left out (mode none) is flagged by the totals warning', () => {
	const order = magentoFixture('awkward-rounding') as MagentoOrder;
	const { document, warnings } = mapMagentoOrder(order, options({ shipping: { mode: 'none' } }));
	expect(document.DocumentAdditionalExpenses).toBeUndefined();
	expect(warnings).toEqual([
		expect.stringMatching(/shipping 7\.49 not sent/),
		expect.stringMatching(/document total of 129\.55, Magento's grand_total is 137\.7/),
	]);
});
