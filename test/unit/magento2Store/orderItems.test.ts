import {
	bundleLevelFromRefusal,
	bundleLevelsSwapped,
} from '../../../nodes/Magento2Store/helpers/bundles';
import {
	coversEverythingLeft,
	hasRemaining,
	remainingQty,
	selectItemsBySku,
	type OrderItem,
} from '../../../nodes/Magento2Store/helpers/orderItems';
import type { MagentoOrder } from '../../../nodes/Magento2Store/helpers/orders';

const item = (o: Partial<OrderItem> & { item_id: number; sku: string }): OrderItem => ({
	product_type: 'simple',
	is_virtual: 0,
	qty_ordered: 1,
	qty_shipped: 0,
	qty_invoiced: 0,
	qty_canceled: 0,
	qty_refunded: 0,
	...o,
});

const items: OrderItem[] = [
	item({ item_id: 1, sku: '24-MB01', qty_ordered: 2 }),
	item({ item_id: 2, sku: 'MH01-XS-Black', product_type: 'configurable' }),
	item({ item_id: 3, sku: 'MH01-XS-Black', parent_item_id: 2 }),
	item({ item_id: 4, sku: '24-WG080', product_type: 'bundle' }),
	item({ item_id: 5, sku: '24-WG084', parent_item_id: 4, qty_ordered: 2 }),
	item({ item_id: 6, sku: '24-WG088', parent_item_id: 4 }),
	item({ item_id: 7, sku: 'VW-WARRANTY-2Y', product_type: 'virtual', is_virtual: 1 }),
];

describe('selecting order items by SKU', () => {
	it('maps a configurable child SKU to its parent row and bundle children (shipped together) to the bundle row', () => {
		const s = selectItemsBySku(
			'000000101',
			items,
			[
				{ sku: 'MH01-XS-Black', qty: 1 },
				{ sku: '24-WG084', qty: 2 },
				{ sku: '24-WG088', qty: 1 },
				{ sku: '24-MB01', qty: 1 },
				{ sku: '24-MB01', qty: 1 },
			],
			'ship',
		);
		expect(s.items).toEqual([
			{ order_item_id: 2, qty: 1 },
			{ order_item_id: 1, qty: 2 },
			{ order_item_id: 4, qty: 1 },
		]);
	});

	it('maps children of bundles shipped separately, and bundle children when invoicing, to their own rows', () => {
		const separately = items.map((i) =>
			i.item_id === 4 ? { ...i, product_options: { shipment_type: '1' } } : i,
		);
		expect(selectItemsBySku('1', separately, [{ sku: '24-WG084', qty: 2 }], 'ship').items).toEqual([
			{ order_item_id: 5, qty: 2 },
		]);
		expect(selectItemsBySku('1', items, [{ sku: '24-WG084', qty: 2 }], 'invoice').items).toEqual([
			{ order_item_id: 5, qty: 2 },
		]);
		expect(() =>
			selectItemsBySku('000000103', items, [{ sku: '24-WG084', qty: 4 }], 'ship'),
		).toThrow(/only 1 left/);
	});

	it('skips virtual lines when shipping but invoices them', () => {
		expect(selectItemsBySku('1', items, [{ sku: 'VW-WARRANTY-2Y', qty: 1 }], 'ship')).toEqual({
			items: [],
			skipped: [{ sku: 'VW-WARRANTY-2Y', qty: 1, reason: 'virtual item, nothing to ship' }],
		});
		expect(
			selectItemsBySku('1', items, [{ sku: 'VW-WARRANTY-2Y', qty: 1 }], 'invoice').items,
		).toEqual([{ order_item_id: 7, qty: 1 }]);
	});

	it('names the order and SKU for unknown SKUs, bad quantities and too much', () => {
		expect(() =>
			selectItemsBySku('000000105', items, [{ sku: 'LEGACY-404', qty: 1 }], 'ship'),
		).toThrow('Order 000000105: SKU "LEGACY-404" is not an item of this order');
		expect(() =>
			selectItemsBySku('000000105', items, [{ sku: '24-MB01', qty: 0 }], 'ship'),
		).toThrow(/positive number/);
		expect(() =>
			selectItemsBySku('000000105', items, [{ sku: '24-MB01', qty: 3 }], 'ship'),
		).toThrow('Order 000000105: cannot ship 3 × SKU "24-MB01", only 2 left to ship');
	});

	it('knows what is left', () => {
		expect(
			remainingQty(
				item({ item_id: 9, sku: 'a', qty_ordered: 5, qty_shipped: 2, qty_canceled: 1 }),
				'ship',
			),
		).toBe(2);
		expect(hasRemaining(items, 'ship')).toBe(true);
		const shipped = items.map((i) => ({ ...i, qty_shipped: i.qty_ordered }));
		expect(hasRemaining(shipped, 'ship')).toBe(false);
		expect(hasRemaining([items[6]], 'ship')).toBe(false);
	});
});

// Magento's Order\Item::isDummy(true): shipped separately, the bundle row is the dummy and its
// children ship as their own rows; the caller passes the separately shipped bundles (`separate`).
describe('bundles shipped separately, input limits, refusals', () => {
	const separate = new Set([4]);

	it('separate bundles: children are the rows to ship; a bundle SKU line ships its children in proportion', () => {
		expect(
			selectItemsBySku('1', items, [{ sku: '24-WG084', qty: 2 }], 'ship', separate).items,
		).toEqual([{ order_item_id: 5, qty: 2 }]);
		expect(
			selectItemsBySku('1', items, [{ sku: '24-WG080', qty: 1 }], 'ship', separate).items,
		).toEqual([
			{ order_item_id: 5, qty: 2 },
			{ order_item_id: 6, qty: 1 },
		]);
		expect(() =>
			selectItemsBySku('1', items, [{ sku: '24-WG080', qty: 2 }], 'ship', separate),
		).toThrow(
			'Order 1: cannot ship 2 × bundle "24-WG080": only 2 of its item "24-WG084" left to ship',
		);
		// the bundle row counts as shipped once (Magento adds it to each shipment with qty 1), its children decide
		const partly = items.map((i) => (i.item_id === 4 ? { ...i, qty_shipped: 1 } : i));
		expect(
			hasRemaining(
				partly.filter((i) => [4, 5, 6].includes(i.item_id)),
				'ship',
			),
		).toBe(false);
		expect(
			hasRemaining(
				partly.filter((i) => [4, 5, 6].includes(i.item_id)),
				'ship',
				separate,
			),
		).toBe(true);
	});

	it('coversEverythingLeft: exactly the rows and quantities left, for the bundle level given', () => {
		const all = [
			{ order_item_id: 1, qty: 2 },
			{ order_item_id: 2, qty: 1 },
			{ order_item_id: 4, qty: 1 },
		];
		expect(coversEverythingLeft(items, all, 'ship')).toBe(true);
		expect(coversEverythingLeft(items, all.slice(1), 'ship')).toBe(false);
		expect(
			coversEverythingLeft(items, [...all.slice(0, 2), { order_item_id: 4, qty: 0.5 }], 'ship'),
		).toBe(false);
		expect(
			coversEverythingLeft(
				items,
				[...all.slice(0, 2), { order_item_id: 5, qty: 2 }, { order_item_id: 6, qty: 1 }],
				'ship',
				separate,
			),
		).toBe(true);
	});

	it('reads the bundle level from Magento 2.4.2+ refusals, and swaps the levels for a pre-2.4.2 one', () => {
		const order = { entity_id: 1, increment_id: '1', items } as unknown as MagentoOrder;
		const separately =
			'Shipment Document Validation Error(s):\nCannot create shipment as bundle product "24-WG080" has shipment type "Separately". Bundle product options should be shipped instead.';
		expect(bundleLevelFromRefusal(separately, order, new Set())).toEqual(new Set([4]));
		expect(bundleLevelFromRefusal(separately, order, separate)).toBeUndefined();
		const together = separately.replace('"Separately"', '"Together"');
		expect(bundleLevelFromRefusal(together, order, separate)).toEqual(new Set());
		expect(
			bundleLevelFromRefusal("You can't create a shipment without products.", order, separate),
		).toBeUndefined();
		expect(bundleLevelsSwapped(order, separate)).toEqual(new Set());
		expect(bundleLevelsSwapped(order, new Set())).toEqual(new Set([4]));
		expect(bundleLevelsSwapped({ ...order, items: items.slice(0, 3) }, new Set())).toBeUndefined();
	});
});
