/** The SAP sample data set covers the scenarios the sync flows and the SQL test server rely on. */
import { sapMasterSeed, sapSeed } from '../emulators/seed/sap';

describe('SAP seed', () => {
	const seed = sapSeed();
	const delivery = (entry: number) => seed.DeliveryNotes.find((d) => d.DocEntry === entry)!;
	const orderOf = (entry: number) => seed.Orders.find((o) => o.DocEntry === entry)!;

	it('has web orders 000000090–000000095 (NumAtCard = U_WebOrderNo) and one SAP-only order', () => {
		expect(seed.Orders.map((o) => o.NumAtCard)).toEqual(['000000090', '000000091', '000000092', '000000093', '000000094', '000000095', null]);
		expect(seed.Orders.every((o) => o.U_WebOrderNo === o.NumAtCard)).toBe(true);
		expect(orderOf(7).CardCode).toBe('C20000');
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
		expect(delivery(1)).toMatchObject({ TrackingNumber: '1Z999AA10123456784', TransportationCode: 1, CancelStatus: 'csNo' });
		expect(orderOf(1).DocumentStatus).toBe('bost_Close');
		expect([delivery(2).TransportationCode, delivery(3).TransportationCode]).toEqual([2, 3]);
		expect(orderOf(2).DocumentStatus).toBe('bost_Open');
		expect(orderOf(2).DocumentLines.map((l) => l.RemainingOpenQuantity)).toEqual([0, 0, 1]);
		expect(delivery(4)).toMatchObject({ Cancelled: 'tYES', CancelStatus: 'csYes' });
		expect(delivery(5)).toMatchObject({ CancelStatus: 'csCancellation', DocumentLines: [expect.objectContaining({ BaseType: 15, BaseEntry: 4 }), expect.anything(), expect.anything()] });
		expect(orderOf(3).DocumentLines.every((l) => l.RemainingOpenQuantity === l.Quantity)).toBe(true);
		expect(delivery(6).TrackingNumber).toBeNull();
		expect(delivery(9).NumAtCard).toBeNull();
		expect([delivery(7).UpdateDate, delivery(7).UpdateTime]).toEqual([delivery(8).UpdateDate, delivery(8).UpdateTime]);
		expect(delivery(6).Comments).toContain('Jürgen');
	});

	it('knows every catalogue item, but not LEGACY-404', () => {
		const codes = seed.Items.map((i) => i.ItemCode);
		for (const c of ['24-MB01', 'MH01', 'MH01-L-Orange', 'WS12-XS-Blue', '24-WG080', '24-WG082-blue', 'VW-WARRANTY-2Y', 'CAFÉ-CRÈME-250']) expect(codes).toContain(c);
		expect(codes).not.toContain('LEGACY-404');
		expect(sapMasterSeed()).toMatchObject({ Orders: [], DeliveryNotes: [] });
	});
});
