/** Contract: Orders and DeliveryNotes on the emulated Service Layer (API-FACTS.md "Orders", "Other entities"). */
import { sapSeed } from '../emulators/seed/sap';
import { startServiceLayer, type ServiceLayerEmulator } from '../emulators/serviceLayer';
import {
	errorCode,
	errorMessage,
	login,
	type SlTestClient,
} from '../emulators/serviceLayer/testClient';

const at = (h: number, m: number, s: number) => () => new Date(2025, 6, 1, h, m, s);

const order = (extra: Record<string, unknown> = {}) => ({
	CardCode: 'C30000',
	DocDate: '2025-07-01',
	DocDueDate: '2025-07-03',
	NumAtCard: '000000101',
	U_WebOrderNo: '000000101',
	TransportationCode: 1,
	DocumentLines: [
		{ ItemCode: '24-MB01', Quantity: 2, UnitPrice: 34, TaxCode: 'CA', WarehouseCode: '02' },
		{ ItemCode: 'WS12-M-Orange', Quantity: 1, PriceAfterVAT: 23.595, TaxCode: 'CA' },
		{ ItemCode: '24-UG06', Quantity: 3, UnitPrice: 7, DiscountPercent: 10, TaxCode: 'CA' },
	],
	DocumentAdditionalExpenses: [{ ExpenseCode: 1, LineTotal: 10, TaxCode: 'EX' }],
	...extra,
});

describe('Service Layer emulator: documents', () => {
	let sl: ServiceLayerEmulator;
	let v1: SlTestClient;
	let v2: SlTestClient;
	beforeAll(async () => {
		sl = await startServiceLayer({ clock: at(10, 0, 0) });
	});
	afterAll(() => sl.close());
	beforeEach(async () => {
		sl.reset();
		sl.setClock(at(10, 0, 0));
		v1 = await login(sl, 'v1');
		v2 = await login(sl, 'v2');
	});

	describe('Orders', () => {
		it('POST → 201 with the full document: keys, line numbers, computed totals, clock stamps', async () => {
			const res = await v2.post('Orders', order());
			expect(res.status).toBe(201);
			expect(res.headers.location).toBe(`${sl.baseUrl('v2')}/Orders(8)`);
			const d = res.data;
			expect(d['@odata.context']).toBe(`${sl.baseUrl('v2')}/$metadata#Orders/$entity`);
			expect(d).toMatchObject({
				DocEntry: 8,
				DocNum: 1008,
				CardCode: 'C30000',
				CardName: 'Veronica Costello',
				NumAtCard: '000000101',
				U_WebOrderNo: '000000101',
				DocCurrency: 'USD',
				DocDate: '2025-07-01T00:00:00Z',
				DocDueDate: '2025-07-03T00:00:00Z',
				CreationDate: '2025-07-01T00:00:00Z',
				UpdateDate: '2025-07-01T00:00:00Z',
				UpdateTime: '10:00:00',
				DocumentStatus: 'bost_Open',
				Cancelled: 'tNO',
				CancelStatus: 'csNo',
				VatSum: 7.9,
				DocTotal: 126.8,
			});
			expect(
				d.DocumentLines.map((l: Record<string, unknown>) => [
					l.LineNum,
					l.ItemCode,
					l.Price,
					l.LineTotal,
					l.RemainingOpenQuantity,
					l.LineStatus,
					l.BaseType,
				]),
			).toEqual([
				[0, '24-MB01', 34, 68, 2, 'bost_Open', -1],
				[1, 'WS12-M-Orange', 22, 22, 1, 'bost_Open', -1],
				[2, '24-UG06', 6.3, 18.9, 3, 'bost_Open', -1],
			]);
			expect(d.DocumentLines[2]).toMatchObject({
				UnitPrice: 7,
				DiscountPercent: 10,
				WarehouseCode: '01',
				ItemDescription: 'Affirm Water Bottle',
			});
			expect(d.DocumentAdditionalExpenses).toEqual([
				expect.objectContaining({ ExpenseCode: 1, LineTotal: 10, TaxSum: 0 }),
			]);
			expect(sl.state.Orders).toHaveLength(8);
			expect(sl.state.Orders[7].DocDate).toBe('2025-07-01');
		});

		it('header DiscountPercent reduces lines and tax', async () => {
			const res = await v1.post('Orders', {
				CardCode: 'C20000',
				DocDueDate: '2025-07-03',
				DiscountPercent: 10,
				DocumentLines: [{ ItemCode: '24-WB04', Quantity: 2, Price: 50, TaxCode: 'CA' }],
			});
			expect(res.status).toBe(201);
			expect(res.data).toMatchObject({
				TotalDiscount: 10,
				VatSum: 6.53,
				DocTotal: 96.53,
				DocDate: '2025-07-01',
			});
			expect(res.data['odata.metadata']).toBe(`${sl.baseUrl('v1')}/$metadata#Orders/@Element`);
		});

		it('POST /OrdersService_Preview answers the computed document without saving it', async () => {
			const res = await v1.post('OrdersService_Preview', { Document: order() });
			expect(res.status).toBe(200);
			expect(res.data).toMatchObject({
				DocTotal: 126.8,
				VatSum: 7.9,
				CardName: 'Veronica Costello',
			});
			expect(sl.state.Orders).toHaveLength(7);
			const bad = await v2.post('OrdersService_Preview', { Document: order({ CardCode: 'NOPE' }) });
			expect(bad.status).toBe(400);
			expect(errorMessage(bad.data)).toBe("Invalid BP code 'NOPE' [Document.CardCode]");
		});

		it('Prefer: return-no-content → 204 + Location that GET resolves', async () => {
			const res = await v1.post('Orders', order(), { Prefer: 'return-no-content' });
			expect(res.status).toBe(204);
			expect(res.data).toBe('');
			expect(res.headers.location).toBe(`${sl.baseUrl('v1')}/Orders(8)`);
			const got = await v1.http.get(res.headers.location, { headers: { Cookie: v1.cookie } });
			expect(got.status).toBe(200);
			expect(got.data).toMatchObject({ DocEntry: 8, NumAtCard: '000000101' });
		});

		it('GET by key, with $select; missing key → 404 -2028 in both envelopes', async () => {
			const one = await v1.get('Orders(1)?$select=DocEntry,NumAtCard,UpdateDate');
			expect(one.data).toEqual({
				'odata.metadata': `${sl.baseUrl('v1')}/$metadata#Orders/@Element`,
				DocEntry: 1,
				NumAtCard: '000000090',
				UpdateDate: '2025-06-03',
			});
			const m1 = await v1.get('Orders(999)');
			expect(m1.status).toBe(404);
			expect(m1.data).toEqual({
				error: {
					code: -2028,
					message: { lang: 'en-us', value: 'No matching records found (ODBC -2028)' },
				},
			});
			const m2 = await v2.get('Orders(999)');
			expect(m2.data).toEqual({
				error: { code: '-2028', message: 'No matching records found (ODBC -2028)' },
			});
			expect((await v2.get("Orders('x')")).status).toBe(400);
		});

		it('PATCH → 204: merges header and lines by LineNum, ignores read-only properties, recomputes, stamps', async () => {
			await v2.post('Orders', order());
			sl.setClock(at(11, 30, 5));
			const res = await v2.patch('Orders(8)', {
				Comments: 'Changed — ☕',
				DocTotal: 1,
				DocEntry: 99,
				DocumentLines: [
					{ LineNum: 0, Quantity: 1 },
					{ ItemCode: '24-UG06', Quantity: 1, UnitPrice: 7, TaxCode: 'EX' },
				],
			});
			expect(res.status).toBe(204);
			const d = sl.state.Orders[7];
			expect(d).toMatchObject({
				DocEntry: 8,
				Comments: 'Changed — ☕',
				UpdateDate: '2025-07-01',
				UpdateTime: '11:30:05',
				CreationDate: '2025-07-01',
			});
			expect(d.DocumentLines.map((l) => [l.LineNum, l.ItemCode, l.Quantity, l.LineTotal])).toEqual([
				[0, '24-MB01', 1, 34],
				[1, 'WS12-M-Orange', 1, 22],
				[2, '24-UG06', 3, 18.9],
				[3, '24-UG06', 1, 7],
			]);
			expect(d.DocTotal).toBe(round2(34 + 22 + 18.9 + 10 + round2((34 + 22 + 18.9) * 0.0725) + 7));
		});

		it('PATCH with B1S-ReplaceCollectionsOnPatch replaces the lines', async () => {
			await v2.post('Orders', order());
			const res = await v2.patch(
				'Orders(8)',
				{ DocumentLines: [{ ItemCode: '24-MB04', Quantity: 1, UnitPrice: 32 }] },
				{ 'B1S-ReplaceCollectionsOnPatch': 'true' },
			);
			expect(res.status).toBe(204);
			expect(sl.state.Orders[7].DocumentLines.map((l) => l.ItemCode)).toEqual(['24-MB04']);
		});

		it('PATCH refuses unknown user fields and validates like POST', async () => {
			const r1 = await v1.patch('Orders(2)', { U_Unknown: 'x' });
			expect(r1.status).toBe(400);
			expect(errorMessage(r1.data)).toBe("Property 'U_Unknown' of 'Document' is invalid");
			const r2 = await v1.patch('Orders(2)', { DocumentLines: [{ LineNum: 1, Quantity: 0 }] });
			expect(r2.status).toBe(400);
			expect(errorMessage(r2.data)).toContain('[DocumentLines.Quantity][line: 2]');
			const r3 = await v1.patch('Orders(2)', { DocumentLines: [{ LineNum: 1, Quantity: 1 }] });
			expect(errorMessage(r3.data)).toContain('already delivered');
			expect(sl.state.Orders[1].DocumentLines[1].Quantity).toBe(3);
		});

		it('Close, Reopen and Cancel follow SAP’s state rules; DELETE → 400 -5006', async () => {
			expect((await v2.post('Orders(3)/Close')).status).toBe(204);
			expect(sl.state.Orders[2].DocumentStatus).toBe('bost_Close');
			expect(errorMessage((await v2.post('Orders(3)/Close')).data)).toBe(
				'Document is already closed',
			);
			expect((await v2.post('Orders(3)/Reopen')).status).toBe(204);
			expect(sl.state.Orders[2].DocumentStatus).toBe('bost_Open');
			expect((await v2.post('Orders(3)/Cancel')).status).toBe(204);
			expect(sl.state.Orders[2]).toMatchObject({
				Cancelled: 'tYES',
				CancelStatus: 'csYes',
				DocumentStatus: 'bost_Close',
			});
			expect((await v2.post('Orders(3)/Reopen')).status).toBe(400);
			const partly = await v2.post('Orders(2)/Cancel');
			expect(partly.status).toBe(400);
			expect(errorMessage(partly.data)).toContain('target document');
			const del = await v1.delete('Orders(2)');
			expect(del.status).toBe(400);
			expect(del.data.error.code).toBe(-5006);
			expect((await v2.delete('Orders(2)')).data.error.code).toBe('-5006');
			expect((await v1.delete('Orders(999)')).status).toBe(404);
			expect((await v1.post('Orders(999)/Close')).status).toBe(404);
			expect(sl.state.Orders).toHaveLength(7);
		});

		it.each<[string, Record<string, unknown>, number, string]>([
			[
				'unknown CardCode',
				{ CardCode: 'C99999' },
				-10,
				"Invalid BP code 'C99999' [Document.CardCode]",
			],
			[
				'no lines',
				{ DocumentLines: [] },
				-5002,
				'Cannot add document without rows [Document.DocumentLines]',
			],
			[
				'missing DocDueDate',
				{ DocDueDate: undefined },
				-5002,
				'Specify the delivery date [Document.DocDueDate]',
			],
			[
				'unknown TransportationCode',
				{ TransportationCode: 77 },
				-10,
				"Invalid shipping type '77' [Document.TransportationCode]",
			],
			[
				'unknown ItemCode',
				{
					DocumentLines: [
						{ ItemCode: '24-MB01', Quantity: 1 },
						{ ItemCode: 'LEGACY-404', Quantity: 1 },
					],
				},
				-10,
				"Invalid item number 'LEGACY-404' [DocumentLines.ItemCode][line: 2]",
			],
			[
				'missing ItemCode',
				{ DocumentLines: [{ Quantity: 1 }] },
				-5002,
				'Item number is missing; specify an item number [DocumentLines.ItemCode][line: 1]',
			],
			[
				'zero quantity',
				{ DocumentLines: [{ ItemCode: '24-MB01', Quantity: 0 }] },
				-5002,
				'Quantity must be greater than zero [DocumentLines.Quantity][line: 1]',
			],
			[
				'negative quantity',
				{
					DocumentLines: [
						{ ItemCode: '24-MB01', Quantity: 1 },
						{ ItemCode: '24-MB01', Quantity: -2 },
					],
				},
				-5002,
				'Quantity must be greater than zero [DocumentLines.Quantity][line: 2]',
			],
			[
				'unknown WarehouseCode',
				{ DocumentLines: [{ ItemCode: '24-MB01', Quantity: 1, WarehouseCode: '99' }] },
				-10,
				"Invalid warehouse code '99' [DocumentLines.WarehouseCode][line: 1]",
			],
			[
				'unknown TaxCode',
				{ DocumentLines: [{ ItemCode: '24-MB01', Quantity: 1, TaxCode: 'ZZ' }] },
				-10,
				"Invalid tax code 'ZZ' [DocumentLines.TaxCode][line: 1]",
			],
			[
				'unknown ExpenseCode',
				{ DocumentAdditionalExpenses: [{ ExpenseCode: 9, LineTotal: 5 }] },
				-10,
				"Invalid expense code '9' [DocumentAdditionalExpenses.ExpenseCode][line: 1]",
			],
			['unknown U_ field', { U_X: '1' }, -1000, "Property 'U_X' of 'Document' is invalid"],
			[
				'unknown line property',
				{ DocumentLines: [{ ItemCode: '24-MB01', Quantity: 1, Sku: 'x' }] },
				-1000,
				"Property 'Sku' of 'DocumentLine' is invalid",
			],
			[
				'too long NumAtCard',
				{ NumAtCard: 'x'.repeat(101) },
				-5002,
				"Value too long in property 'NumAtCard' of 'Document' (maximum 100 characters)",
			],
			[
				'too long ShipToState',
				{ AddressExtension: { ShipToState: 'Bavaria' } },
				-5002,
				"Value too long in property 'ShipToState' of 'AddressExtension' (maximum 3 characters)",
			],
		])(
			'POST refuses %s with 400 and a message naming the field',
			async (_name, change, code, message) => {
				for (const c of [v1, v2]) {
					const res = await c.post('Orders', order(change));
					expect(res.status).toBe(400);
					expect(errorCode(res.data)).toBe(code);
					expect(errorMessage(res.data)).toBe(message);
				}
				expect(sl.state.Orders).toHaveLength(7);
			},
		);
	});

	describe('DeliveryNotes', () => {
		it('a delivery based on an order line reduces its open quantity and closes the order when complete', async () => {
			sl.setClock(at(14, 0, 0));
			const res = await v2.post('DeliveryNotes', {
				CardCode: 'C30000',
				TrackingNumber: '1Z999AA10123456834',
				TransportationCode: 1,
				DocumentLines: [{ BaseType: 17, BaseEntry: 2, BaseLine: 1, Quantity: 1 }],
			});
			expect(res.status).toBe(201);
			expect(res.data).toMatchObject({
				DocEntry: 10,
				DocNum: 2010,
				TrackingNumber: '1Z999AA10123456834',
				TransportationCode: 1,
				UpdateTime: '14:00:00',
				DocObjectCode: 'oDeliveryNotes',
			});
			expect(res.data.DocumentLines[0]).toMatchObject({
				LineNum: 0,
				ItemCode: '24-UG06',
				BaseType: 17,
				BaseEntry: 2,
				BaseLine: 1,
				Price: 7,
				TaxCode: 'NY',
			});
			const o = sl.state.Orders[1];
			expect(o.DocumentLines[1]).toMatchObject({
				RemainingOpenQuantity: 0,
				LineStatus: 'bost_Close',
			});
			expect(o).toMatchObject({
				DocumentStatus: 'bost_Close',
				UpdateDate: '2025-07-01',
				UpdateTime: '14:00:00',
			});
			const again = await v2.post('DeliveryNotes', {
				CardCode: 'C30000',
				DocumentLines: [{ BaseType: 17, BaseEntry: 2, BaseLine: 1, Quantity: 1 }],
			});
			expect(again.status).toBe(400);
			expect(errorMessage(again.data)).toContain('[DocumentLines.BaseEntry][line: 1]');
		});

		it('refuses more than the open quantity and a different business partner', async () => {
			const over = await v1.post('DeliveryNotes', {
				CardCode: 'C20000',
				DocumentLines: [{ BaseType: 17, BaseEntry: 3, BaseLine: 0, Quantity: 5 }],
			});
			expect(over.status).toBe(400);
			expect(errorMessage(over.data)).toBe(
				'Quantity exceeds the open quantity 1 of the base document row [DocumentLines.Quantity][line: 1]',
			);
			const bp = await v1.post('DeliveryNotes', {
				CardCode: 'C-WEB',
				DocumentLines: [{ BaseType: 17, BaseEntry: 3, BaseLine: 0, Quantity: 1 }],
			});
			expect(errorMessage(bp.data)).toContain('[Document.CardCode]');
			expect(sl.state.DeliveryNotes).toHaveLength(9);
		});

		it('Cancel creates the cancellation document and reopens the base order', async () => {
			sl.setClock(at(15, 0, 0));
			expect((await v2.post('DeliveryNotes(1)/Cancel')).status).toBe(204);
			const original = sl.state.DeliveryNotes.find((d) => d.DocEntry === 1)!;
			expect(original).toMatchObject({
				Cancelled: 'tYES',
				CancelStatus: 'csYes',
				DocumentStatus: 'bost_Close',
				UpdateTime: '15:00:00',
			});
			const cancellation = sl.state.DeliveryNotes.find((d) => d.DocEntry === 10)!;
			expect(cancellation).toMatchObject({
				CancelStatus: 'csCancellation',
				Cancelled: 'tNO',
				DocNum: 2010,
				TrackingNumber: '1Z999AA10123456784',
				CreationDate: '2025-07-01',
			});
			expect(cancellation.DocumentLines.map((l) => [l.BaseType, l.BaseEntry, l.BaseLine])).toEqual([
				[15, 1, 0],
				[15, 1, 1],
			]);
			const o = sl.state.Orders[0];
			expect(o.DocumentStatus).toBe('bost_Open');
			expect(o.DocumentLines.map((l) => l.RemainingOpenQuantity)).toEqual([1, 2]);
			expect((await v2.post('DeliveryNotes(1)/Cancel')).status).toBe(400);
			expect((await v2.post('DeliveryNotes(10)/Cancel')).status).toBe(400);
		});

		it('two changes in the same second share UpdateDate and UpdateTime', async () => {
			sl.setClock(at(16, 45, 30));
			await v2.patch('DeliveryNotes(6)', { TrackingNumber: 'JD014600006281230799' });
			await v2.post('DeliveryNotes', {
				CardCode: 'C20000',
				DocumentLines: [{ BaseType: 17, BaseEntry: 3, BaseLine: 0, Quantity: 1 }],
				TrackingNumber: 'X1',
			});
			const six = sl.state.DeliveryNotes.find((d) => d.DocEntry === 6)!;
			const added = sl.state.DeliveryNotes.find((d) => d.DocEntry === 10)!;
			expect([six.UpdateDate, six.UpdateTime, six.TrackingNumber]).toEqual([
				'2025-07-01',
				'16:45:30',
				'JD014600006281230799',
			]);
			expect([added.UpdateDate, added.UpdateTime]).toEqual(['2025-07-01', '16:45:30']);
			expect(added.TransportationCode).toBe(1);
		});

		it('PATCH cannot change delivery lines', async () => {
			const res = await v1.patch('DeliveryNotes(7)', {
				DocumentLines: [{ LineNum: 0, Quantity: 5 }],
			});
			expect(res.status).toBe(400);
			expect(sl.state.DeliveryNotes.find((d) => d.DocEntry === 7)!.DocumentLines[0].Quantity).toBe(
				1,
			);
		});
	});

	describe('BusinessPartners and read-only entities', () => {
		it('get by string key (quotes escaped), create, duplicate → 400 -10', async () => {
			expect((await v2.get("BusinessPartners('C40000')")).data).toMatchObject({
				CardName: 'Jürgen Ümlaut',
				Currency: 'EUR',
			});
			const created = await v2.post('BusinessPartners', {
				CardCode: "O'B1",
				CardName: "Miles O'Brien",
				EmailAddress: 'miles@example.com',
			});
			expect(created.status).toBe(201);
			expect(created.headers.location).toBe(`${sl.baseUrl('v2')}/BusinessPartners('O''B1')`);
			expect((await v2.get("BusinessPartners('O''B1')")).data).toMatchObject({
				CardName: "Miles O'Brien",
				CardType: 'cCustomer',
			});
			const dup = await v1.post('BusinessPartners', { CardCode: 'C20000', CardName: 'Again' });
			expect(dup.status).toBe(400);
			expect(dup.data.error.code).toBe(-10);
			expect(dup.data.error.message.value).toContain("'C20000'");
			expect(
				(await v1.post('BusinessPartners', { CardCode: 'C1', Nope: 1 })).data.error.message.value,
			).toBe("Property 'Nope' of 'BusinessPartner' is invalid");
			expect((await v1.get("BusinessPartners('NONE')")).status).toBe(404);
		});

		it.each([
			'Items',
			'Warehouses',
			'ShippingTypes',
			'SalesTaxCodes',
			'VatGroups',
			'AdditionalExpenses',
		])('%s: GET collection and by key; no writes', async (set) => {
			const all = await v1.get(`${set}?$top=1`);
			expect(all.status).toBe(200);
			const first = all.data.value[0] as Record<string, unknown>;
			const key = Object.values(first)[0];
			const one = await v1.get(
				`${set}(${typeof key === 'number' ? key : `'${encodeURIComponent(String(key))}'`})`,
			);
			expect(one.status).toBe(200);
			expect(one.data).toMatchObject(first);
			expect((await v1.post(set, first)).data.error.code).toBe(-5006);
		});

		it('unicode keys resolve', async () => {
			const res = await v2.get(`Items('${encodeURIComponent('CAFÉ-CRÈME-250')}')`);
			expect(res.data.ItemName).toBe('Café crème — 250 g Kaffeebohnen ☕');
		});
	});

	it('sapSeed() returns a fresh deep copy each call', () => {
		const a = sapSeed();
		a.Orders[0].DocumentLines[0].Quantity = 99;
		expect(sapSeed().Orders[0].DocumentLines[0].Quantity).toBe(1);
	});
});

function round2(n: number): number {
	return Math.round((n + Number.EPSILON) * 100) / 100;
}
