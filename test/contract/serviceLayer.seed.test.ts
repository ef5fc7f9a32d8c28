/** The SAP sample data set covers the scenarios the sync flows and the SQL test server rely on. */
import { magentoSeed } from '../emulators/seed/magento';
import { sapMasterSeed, sapSeed } from '../emulators/seed/sap';

describe('SAP seed', () => {
	const seed = sapSeed();
	const delivery = (entry: number) => seed.DeliveryNotes.find((d) => d.DocEntry === entry)!;
	const orderOf = (entry: number) => seed.Orders.find((o) => o.DocEntry === entry)!;

	it('has web orders 000000090–000000095 (NumAtCard = U_WebOrderNo) and one SAP-only order', () => {
		expect(seed.Orders.map((o) => o.NumAtCard)).toEqual([
			'000000090',
			'000000091',
			'000000092',
			'000000093',
			'000000094',
			'000000095',
			null,
		]);
		expect(seed.Orders.every((o) => o.U_WebOrderNo === o.NumAtCard)).toBe(true);
		expect(orderOf(7)).toMatchObject({ CardCode: 'C40000', DocCurrency: 'EUR' });
	});

	it('every delivery line points at an existing order line (or the cancelled delivery)', () => {
		for (const d of seed.DeliveryNotes) {
			for (const l of d.DocumentLines) {
				const base = l.BaseType === 17 ? orderOf(l.BaseEntry!) : delivery(l.BaseEntry!);
				expect(base.DocumentLines[l.BaseLine!].ItemCode).toBe(l.ItemCode);
			}
		}
	});

	it('covers full, partial, cancelled, untracked, non-web and same-second deliveries', () => {
		expect(delivery(1)).toMatchObject({
			TrackingNumber: '1Z999AA10123456784',
			TransportationCode: 1,
			CancelStatus: 'csNo',
		});
		expect(orderOf(1).DocumentStatus).toBe('bost_Close');
		expect([delivery(2).TransportationCode, delivery(3).TransportationCode]).toEqual([2, 3]);
		expect(orderOf(2).DocumentStatus).toBe('bost_Open');
		expect(orderOf(2).DocumentLines.map((l) => l.RemainingOpenQuantity)).toEqual([0, 1]);
		expect(delivery(4)).toMatchObject({ Cancelled: 'tYES', CancelStatus: 'csYes' });
		expect(delivery(5)).toMatchObject({
			CancelStatus: 'csCancellation',
			DocumentLines: [expect.objectContaining({ BaseType: 15, BaseEntry: 4, BaseLine: 0 })],
		});
		expect(orderOf(3).DocumentLines.every((l) => l.RemainingOpenQuantity === l.Quantity)).toBe(
			true,
		);
		expect(delivery(6).TrackingNumber).toBeNull();
		expect(delivery(9).NumAtCard).toBeNull();
		expect([delivery(7).UpdateDate, delivery(7).UpdateTime]).toEqual([
			delivery(8).UpdateDate,
			delivery(8).UpdateTime,
		]);
		expect(delivery(9).Comments).toContain('Jürgen');
		expect(orderOf(6)).toMatchObject({
			DocumentStatus: 'bost_Open',
			DocumentLines: [
				expect.anything(),
				expect.anything(),
				expect.objectContaining({ ItemCode: 'VW-WARRANTY-2Y', RemainingOpenQuantity: 1 }),
			],
		});
	});

	describe('orders 1–6 mirror the Magento orders with the same increment id', () => {
		const magento = magentoSeed();
		const cardOf: Record<string, string> = {
			'roni_cost@example.com': 'C20000',
			'veronica.costello@example.com': 'C30000',
			'sam.guest@example.net': 'C-WEB',
		};
		const taxOf: Record<string, string> = { '7.25': 'CA', '8.875': 'NY', '0': 'EX' };
		/** Items SAP sells: a configurable's parent row (it carries the child SKU), a bundle's children, simple and virtual rows. */
		const sapItemsOf = (o: (typeof magento.orders)[number]) => {
			const byId = new Map(o.items.map((i) => [i.item_id, i]));
			return o.items.filter(
				(i) =>
					i.product_type !== 'bundle' &&
					byId.get(i.parent_item_id!)?.product_type !== 'configurable',
			);
		};
		const web = seed.Orders.filter((o) => o.NumAtCard !== null);

		it.each(web.map((o) => [o.NumAtCard!, o] as const))(
			'%s: customer, items, quantities, prices, tax codes, freight and total',
			(incrementId, order) => {
				const m = magento.orders.find((x) => x.increment_id === incrementId)!;
				const items = sapItemsOf(m);
				expect(order.CardCode).toBe(cardOf[m.customer_email]);
				expect(order.DocumentLines.map((l) => [l.ItemCode, l.Quantity, l.UnitPrice])).toEqual(
					items.map((i) => [i.sku, Number(i.qty_ordered), Number(i.price)]),
				);
				expect(order.DocumentLines.map((l) => l.TaxCode)).toEqual(
					items.map((i) => taxOf[String(Number(i.tax_percent))]),
				);
				expect(order.DocumentAdditionalExpenses.map((e) => e.LineTotal)).toEqual([
					Number(m.shipping_amount),
				]);
				expect(order.DocTotal).toBeCloseTo(Number(m.grand_total), 2);
				expect(order.AddressExtension).toMatchObject({
					ShipToCity: m.extension_attributes!.shipping_assignments![0].shipping.address!.city,
				});
			},
		);

		it('every delivery of a web order delivers shippable items of that order, never more than ordered', () => {
			const delivered = new Map<string, number>();
			for (const d of seed.DeliveryNotes.filter(
				(x) => x.CancelStatus === 'csNo' && x.NumAtCard !== null,
			)) {
				const m = magento.orders.find((x) => x.increment_id === d.NumAtCard)!;
				for (const l of d.DocumentLines) {
					const item = sapItemsOf(m).find((i) => i.sku === l.ItemCode);
					expect({ delivery: d.DocEntry, sku: l.ItemCode, virtual: item?.is_virtual }).toEqual({
						delivery: d.DocEntry,
						sku: l.ItemCode,
						virtual: 0,
					});
					const key = `${d.NumAtCard} ${l.ItemCode}`;
					delivered.set(key, (delivered.get(key) ?? 0) + l.Quantity);
					expect(delivered.get(key)).toBeLessThanOrEqual(Number(item!.qty_ordered));
				}
			}
			expect(delivered.size).toBe(10);
		});
	});

	it('knows every catalogue item, but not LEGACY-404', () => {
		const codes = seed.Items.map((i) => i.ItemCode);
		for (const c of [
			'24-MB01',
			'MH01',
			'MH01-L-Orange',
			'WS12-XS-Blue',
			'24-WG080',
			'24-WG082-blue',
			'VW-WARRANTY-2Y',
			'CAFÉ-CRÈME-250',
		])
			expect(codes).toContain(c);
		expect(codes).not.toContain('LEGACY-404');
		expect(sapMasterSeed()).toMatchObject({ Orders: [], DeliveryNotes: [] });
	});
});
