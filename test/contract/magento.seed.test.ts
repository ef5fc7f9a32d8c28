/** The Magento seed and the benchmark generator produce orders whose amounts add up as Magento's do. */
import { generateOrders, magentoSeed, seedOrder } from '../emulators/seed/magento';
import type { MagentoOrder } from '../emulators/magento';

const r2 = (n: number) => Math.round(n * 100) / 100;

function checkTotals(o: MagentoOrder): void {
	expect(r2(o.subtotal + o.shipping_amount + o.tax_amount + o.discount_amount)).toBe(o.grand_total);
	const top = o.items.filter((i) => i.parent_item_id === undefined);
	const counted = o.items.filter(
		(i) =>
			(i.parent_item_id === undefined && i.product_type !== 'bundle') ||
			(i.parent_item_id !== undefined &&
				o.items.find((p) => p.item_id === i.parent_item_id)!.product_type === 'bundle'),
	);
	expect(r2(counted.reduce((s, i) => s + i.row_total, 0))).toBe(o.subtotal);
	expect(r2(counted.reduce((s, i) => s + i.tax_amount, 0) + o.shipping_tax_amount)).toBe(
		o.tax_amount,
	);
	expect(top.reduce((s, i) => s + i.qty_ordered, 0)).toBe(o.total_qty_ordered);
	expect(String(o.entity_id)).not.toBe(o.increment_id.replace(/^0+/, ''));
	expect(o.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
}

describe('Magento seed', () => {
	const seed = magentoSeed();

	it('holds the catalogue orders 090–095 and 101–112 with consistent totals', () => {
		expect(seed.orders.map((o) => o.increment_id)).toEqual([
			...['090', '091', '092', '093', '094', '095'].map((n) => `000000${n}`),
			...Array.from({ length: 12 }, (_, i) => `000000${101 + i}`),
		]);
		seed.orders.forEach(checkTotals);
	});

	it('older orders are processing, invoiced and unshipped', () => {
		for (const o of seed.orders.slice(0, 6)) {
			expect([
				o.state,
				o.items.every((i) => i.qty_shipped === 0 && i.qty_invoiced === i.qty_ordered),
			]).toEqual(['processing', true]);
		}
	});

	it('configurable parent carries the child SKU and the price; child has price 0; bundle parent and children are priced', () => {
		const conf = seedOrder('000000102').items;
		expect(conf.map((i) => [i.product_type, i.sku, i.price, i.parent_item_id])).toEqual([
			['configurable', 'MH01-M-Gray', 52, undefined],
			['simple', 'MH01-M-Gray', 0, conf[0].item_id],
		]);
		const bundle = seedOrder('000000103').items;
		expect(bundle.map((i) => [i.product_type, i.sku, i.price])).toEqual([
			['bundle', '24-WG080', 47],
			['simple', '24-WG084', 5],
			['simple', '24-WG088', 19],
			['simple', '24-WG082-blue', 23],
		]);
	});

	it('covers guest, virtual-only, EUR store view de, discount, free shipping, LEGACY-404, canceled and held', () => {
		expect(seedOrder('000000106')).toMatchObject({ customer_is_guest: 1, customer_group_id: 0 });
		expect(seedOrder('000000104')).toMatchObject({ is_virtual: 1, shipping_amount: 0 });
		expect(
			seedOrder('000000104').extension_attributes.shipping_assignments[0].shipping.address,
		).toBeUndefined();
		expect(seedOrder('000000109')).toMatchObject({
			store_id: 2,
			order_currency_code: 'EUR',
			customer_firstname: 'Jürgen',
		});
		expect(seedOrder('000000107').discount_amount).toBeLessThan(0);
		expect(
			seedOrder('000000108').extension_attributes.shipping_assignments[0].shipping.method,
		).toBe('freeshipping_freeshipping');
		expect(seedOrder('000000110').items.map((i) => i.sku)).toContain('LEGACY-404');
		expect([seedOrder('000000111').status, seedOrder('000000112').status]).toEqual([
			'canceled',
			'holded',
		]);
	});

	it('returns a fresh copy on every call', () => {
		const a = magentoSeed();
		a.orders[0].items[0].qty_shipped = 99;
		expect(magentoSeed().orders[0].items[0].qty_shipped).toBe(0);
	});
});

describe('generateOrders', () => {
	it('generates n deterministic orders with consistent totals and unique ids', () => {
		const { orders } = generateOrders(500);
		expect(orders).toHaveLength(500);
		orders.forEach(checkTotals);
		expect(new Set(orders.map((o) => o.entity_id)).size).toBe(500);
		expect(new Set(orders.flatMap((o) => o.items.map((i) => i.item_id))).size).toBe(
			orders.reduce((s, o) => s + o.items.length, 0),
		);
		expect(generateOrders(50).orders).toEqual(generateOrders(50).orders);
		expect(orders.some((o, i) => i > 0 && o.updated_at === orders[i - 1].updated_at)).toBe(true);
	});
});
