import {
	deliveriesFromRows,
	deliveryFromServiceLayer,
	passesFilters,
	type DeliveryRow,
	type ServiceLayerDelivery,
} from '../../../nodes/SapB1Shipments/normalise';

const row = (over: Partial<DeliveryRow>): DeliveryRow => ({
	doc_entry: 3,
	doc_num: 2003,
	doc_date: new Date(Date.UTC(2025, 5, 4)),
	update_date: new Date(Date.UTC(2025, 5, 4)),
	update_ts: 90530,
	track_no: 'JD014600006281230711',
	trnsp_code: 3,
	trnsp_name: 'DHL Express',
	card_code: 'C20000',
	canceled: 'N',
	line_num: 0,
	item_code: 'MH01-M-Gray',
	description: 'Chaz Kangeroo Hoodie-M-Gray',
	quantity: 1,
	base_type: 17,
	base_entry: 2,
	base_line: 1,
	whs_code: '02',
	order_entry: 2,
	web_order_number: '000000091',
	...over,
});

const expected = {
	DocEntry: 3,
	DocNum: 2003,
	deliveryDate: '2025-06-04',
	updatedAt: { date: '2025-06-04', time: '09:05:30' },
	trackingNumber: 'JD014600006281230711',
	carrierCode: 3,
	carrierName: 'DHL Express',
	cardCode: 'C20000',
	baseOrders: [{ DocEntry: 2, webOrderNumber: '000000091' }],
	webOrderNumber: '000000091',
	cancelled: false,
	cancelStatus: 'N',
	lines: [
		{
			LineNum: 0,
			itemCode: 'MH01-M-Gray',
			description: 'Chaz Kangeroo Hoodie-M-Gray',
			quantity: 1,
			baseEntry: 2,
			baseLine: 1,
			warehouseCode: '02',
		},
		{
			LineNum: 1,
			itemCode: '24-MB04',
			description: 'Strive Shoulder Pack',
			quantity: 1.5,
			baseEntry: 2,
			baseLine: 2,
			warehouseCode: '02',
		},
	],
	watermark: { date: '2025-06-04', time: '09:05:30', docEntry: 3 },
};

const slDoc: ServiceLayerDelivery = {
	DocEntry: 3,
	DocNum: 2003,
	DocDate: '2025-06-04',
	UpdateDate: '2025-06-04',
	UpdateTime: '09:05:30',
	TrackingNumber: 'JD014600006281230711',
	TransportationCode: 3,
	CardCode: 'C20000',
	Cancelled: 'tNO',
	CancelStatus: 'csNo',
	DocumentLines: [
		{
			LineNum: 1,
			ItemCode: '24-MB04',
			ItemDescription: 'Strive Shoulder Pack',
			Quantity: 1.5,
			BaseType: 17,
			BaseEntry: 2,
			BaseLine: 2,
			WarehouseCode: '02',
		},
		{
			LineNum: 0,
			ItemCode: 'MH01-M-Gray',
			ItemDescription: 'Chaz Kangeroo Hoodie-M-Gray',
			Quantity: 1,
			BaseType: 17,
			BaseEntry: 2,
			BaseLine: 1,
			WarehouseCode: '02',
		},
	],
};

describe('normalise deliveries', () => {
	it('groups SQL rows per delivery, lines in LineNum order, one base order', () => {
		const rows = [
			row({
				line_num: 1,
				item_code: '24-MB04',
				description: 'Strive Shoulder Pack',
				quantity: '1.500000',
				base_line: 2,
			}),
			row({}),
		];
		expect(deliveriesFromRows(rows)).toEqual([expected]);
	});

	it('gives the same item from a Service Layer document', () => {
		const lookups = {
			webOrderNumbers: new Map([[2, '000000091']]),
			carriers: new Map([[3, 'DHL Express']]),
		};
		expect(deliveryFromServiceLayer(slDoc, lookups)).toEqual(expected);
	});

	it('keeps row order across deliveries and lists every base order once', () => {
		const rows = [
			row({
				doc_entry: 8,
				line_num: 0,
				order_entry: 6,
				base_entry: 6,
				base_line: 0,
				web_order_number: '000000095',
			}),
			row({
				doc_entry: 8,
				line_num: 1,
				order_entry: 5,
				base_entry: 5,
				base_line: 0,
				web_order_number: ' ',
			}),
			row({
				doc_entry: 8,
				line_num: 2,
				order_entry: 6,
				base_entry: 6,
				base_line: 1,
				web_order_number: '000000095',
			}),
			row({ doc_entry: 7 }),
		];
		const out = deliveriesFromRows(rows);
		expect(out.map((d) => d.DocEntry)).toEqual([8, 7]);
		expect(out[0].baseOrders).toEqual([
			{ DocEntry: 6, webOrderNumber: '000000095' },
			{ DocEntry: 5, webOrderNumber: null },
		]);
		expect(out[0].webOrderNumber).toBe('000000095');
	});

	it('reports lines not based on a sales order without base order, and no carrier as null', () => {
		const [d] = deliveriesFromRows([
			row({
				base_type: -1,
				base_entry: null,
				base_line: null,
				order_entry: null,
				web_order_number: null,
				trnsp_code: -1,
				trnsp_name: null,
				track_no: '  ',
			}),
		]);
		expect(d.baseOrders).toEqual([]);
		expect(d.webOrderNumber).toBeNull();
		expect(d.lines[0]).toMatchObject({ baseEntry: null, baseLine: null });
		expect(d.carrierCode).toBeNull();
		expect(d.trackingNumber).toBeNull();
		const cancellation = deliveryFromServiceLayer(
			{
				...slDoc,
				CancelStatus: 'csCancellation',
				DocumentLines: [{ LineNum: 0, BaseType: 15, BaseEntry: 4, BaseLine: 0 }],
			},
			{ webOrderNumbers: new Map(), carriers: new Map() },
		);
		expect(cancellation).toMatchObject({
			cancelled: true,
			cancelStatus: 'C',
			baseOrders: [],
			carrierName: null,
		});
		expect(cancellation.lines[0]).toMatchObject({ baseEntry: null, baseLine: null, quantity: 0 });
	});

	it('reads cancel status from CANCELED, CancelStatus or Cancelled', () => {
		expect(deliveriesFromRows([row({ canceled: 'Y' })])[0]).toMatchObject({
			cancelled: true,
			cancelStatus: 'Y',
		});
		expect(deliveriesFromRows([row({ canceled: 'C' })])[0]).toMatchObject({
			cancelled: true,
			cancelStatus: 'C',
		});
		const none = { webOrderNumbers: new Map(), carriers: new Map() };
		expect(
			deliveryFromServiceLayer({ ...slDoc, CancelStatus: undefined, Cancelled: 'tYES' }, none)
				.cancelStatus,
		).toBe('Y');
	});

	it('filters on tracking, cancellation and web order', () => {
		const [d] = deliveriesFromRows([row({})]);
		const all = { onlyWithTracking: true, onlyWebOrders: true, excludeCancelled: true };
		expect(passesFilters(d, all)).toBe(true);
		expect(passesFilters({ ...d, trackingNumber: null }, all)).toBe(false);
		expect(passesFilters({ ...d, trackingNumber: null }, { ...all, onlyWithTracking: false })).toBe(
			true,
		);
		expect(passesFilters({ ...d, cancelled: true }, all)).toBe(false);
		expect(passesFilters({ ...d, baseOrders: [{ DocEntry: 2, webOrderNumber: null }] }, all)).toBe(
			false,
		);
		expect(passesFilters({ ...d, baseOrders: [] }, { ...all, onlyWebOrders: false })).toBe(true);
	});
});
