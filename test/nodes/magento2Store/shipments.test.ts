import type { IDataObject } from 'n8n-workflow';
import type { MagentoEmulator } from '../../emulators/magento';
import { start, run, expectNoSecrets } from './setup';

const ship = (orderId: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'shipment',
	operation: 'create',
	orderId,
	tracks: {
		track: [{ trackNumber: '1Z999AA10123456784', carrierCode: 'ups', title: 'UPS Ground' }],
	},
	...extra,
});

const shipmentsOf = (m: MagentoEmulator, entityId: number) =>
	m.state.shipments.filter((s) => s.order_id === entityId);

describe('Magento 2 Store: shipments and invoices', () => {
	let m: MagentoEmulator;
	beforeAll(async () => {
		m = await start();
	});
	afterAll(async () => m.close());
	beforeEach(() => m.reset());

	it('ships all remaining items with tracking and notifies the customer; a second run creates nothing', async () => {
		const first = await run(
			m,
			ship('000000101', { shipOptions: { comment: 'Shipped from SAP delivery 55' } }),
		);
		expect(first.json[0]).toMatchObject({
			created: true,
			incrementId: '000000101',
			orderId: 207,
			trackNumbers: ['1Z999AA10123456784'],
			notified: true,
		});
		const shipments = shipmentsOf(m, 207);
		expect(shipments).toHaveLength(1);
		expect(first.json[0].shipmentId).toBe(shipments[0].entity_id);
		expect(shipments[0].tracks.map((t) => [t.track_number, t.carrier_code, t.title])).toEqual([
			['1Z999AA10123456784', 'ups', 'UPS Ground'],
		]);
		expect(shipments[0].items.map((i) => [i.sku, i.qty])).toEqual([
			['24-MB01', 2],
			['24-UG06', 1],
		]);
		expect(m.state.emails.filter((e) => e.type === 'shipment')).toHaveLength(1);
		expect(m.state.emails[0]).toMatchObject({
			incrementId: '000000101',
			trackingNumbers: ['1Z999AA10123456784'],
		});

		const second = await run(m, ship('000000101'));
		expect(second.json[0]).toMatchObject({
			created: false,
			shipmentId: shipments[0].entity_id,
			reason: 'a shipment with this tracking number exists',
		});
		expect(shipmentsOf(m, 207)).toHaveLength(1);
		expect(m.state.emails).toHaveLength(1);
		expect(m.stats.byRoute['POST /V1/order/:id/ship']).toBe(1);
	});

	it('ships once when the same delivery arrives twice in one run (items run concurrently)', async () => {
		const oneBag = { itemsMode: 'bySku', lines: { line: [{ sku: '24-MB01', qty: 1 }] } };
		const result = await run(m, ship('000000101', oneBag), {
			items: [{ d: 1 }, { d: 1 }, { d: 1 }],
		});
		expect(result.json.map((j) => j.created)).toEqual([true, false, false]);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(shipmentsOf(m, 207)).toHaveLength(1);
		expect(m.state.emails).toHaveLength(1);
	});

	it('reports "nothing left to ship" as an output item, not a crash', async () => {
		await run(m, ship('000000101'));
		const again = await run(
			m,
			ship('000000101', { tracks: { track: [{ trackNumber: 'OTHER-1', carrierCode: 'custom' }] } }),
		);
		expect(again.json[0]).toMatchObject({
			created: false,
			reason: 'nothing left to ship',
			incrementId: '000000101',
		});
		const virtualOnly = await run(m, ship('000000104'));
		expect(virtualOnly.json[0]).toMatchObject({ created: false, reason: 'nothing left to ship' });
		expect(m.state.shipments).toHaveLength(1);
	});

	it('ships by SKU: configurable child SKUs select the parent row, bundle children the bundle, virtual lines are skipped', async () => {
		const configurable = await run(
			m,
			ship('000000102', { itemsMode: 'bySku', lines: { line: [{ sku: 'MH01-M-Gray', qty: 1 }] } }),
		);
		expect(configurable.json[0]).toMatchObject({
			created: true,
			items: [{ order_item_id: 1018, qty: 1 }],
		});
		expect(shipmentsOf(m, 208)[0].items.map((i) => [i.order_item_id, i.qty])).toEqual([[1018, 1]]);

		const sapLines = [
			{ ItemCode: '24-WG084', Quantity: 1 },
			{ ItemCode: '24-WG088', Quantity: 1 },
			{ ItemCode: '24-WG082-blue', Quantity: 1 },
		];
		const bundle = await run(
			m,
			ship('000000103', { itemsMode: 'json', linesJson: JSON.stringify(sapLines) }),
		);
		expect(bundle.json[0]).toMatchObject({
			created: true,
			items: [{ order_item_id: 1020, qty: 1 }],
		});
		expect(m.findOrder('000000103')!.items.every((i) => i.qty_shipped === i.qty_ordered)).toBe(
			true,
		);

		const mixed = await run(
			m,
			ship('000000105', {
				itemsMode: 'json',
				linesJson: [
					{ sku: '24-WB04', qty: 1 },
					{ sku: 'VW-WARRANTY-2Y', qty: 1 },
				],
			}),
		);
		expect(mixed.json[0]).toMatchObject({
			created: true,
			items: [{ order_item_id: 1025, qty: 1 }],
			skipped: [{ sku: 'VW-WARRANTY-2Y' }],
		});
	});

	it('outputs the SKUs shipped (items: order_item_id, sku, qty), as the shipment Magento stored carries them', async () => {
		const lines = (s: { items: Array<{ order_item_id: number; sku: string; qty: number }> }) =>
			s.items.map((i) => ({ order_item_id: i.order_item_id, sku: i.sku, qty: i.qty }));
		const part = await run(
			m,
			ship('000000101', { itemsMode: 'bySku', lines: { line: [{ sku: '24-MB01', qty: 1 }] } }),
		);
		expect(part.json[0].items).toEqual([{ order_item_id: 1016, sku: '24-MB01', qty: 1 }]);
		expect(part.json[0].items).toEqual(lines(shipmentsOf(m, 207)[0]));
		// All remaining: Magento is sent no item list; the output still names what it shipped.
		const rest = await run(
			m,
			ship('000000101', {
				tracks: { track: [{ trackNumber: 'T-2', carrierCode: 'custom', title: '' }] },
			}),
		);
		const restPost = m.requestLog.filter((r) => r.route === 'POST /V1/order/:id/ship');
		expect(restPost).toHaveLength(2);
		expect(rest.json[0].items).toEqual([
			{ order_item_id: 1016, sku: '24-MB01', qty: 1 },
			{ order_item_id: 1017, sku: '24-UG06', qty: 1 },
		]);
		expect(rest.json[0].items).toEqual(lines(shipmentsOf(m, 207)[1]));
	});

	it('ships part of an order, then the rest', async () => {
		const part = await run(
			m,
			ship('000000101', { itemsMode: 'bySku', lines: { line: [{ sku: '24-MB01', qty: 1 }] } }),
		);
		expect(part.json[0]).toMatchObject({ created: true, items: [{ order_item_id: 1016, qty: 1 }] });
		const rest = await run(
			m,
			ship('000000101', {
				tracks: { track: [{ trackNumber: 'T-2', carrierCode: 'custom', title: '' }] },
			}),
		);
		expect(rest.json[0].created).toBe(true);
		expect(shipmentsOf(m, 207).map((s) => s.items.map((i) => [i.sku, i.qty]))).toEqual([
			[['24-MB01', 1]],
			[
				['24-MB01', 1],
				['24-UG06', 1],
			],
		]);
	});

	it("per-item errors name the order and the SKU or Magento's message (continueOnFail)", async () => {
		const unknown = await run(
			m,
			ship('000000110', { itemsMode: 'bySku', lines: { line: [{ sku: 'NOPE-1', qty: 1 }] } }),
			{ continueOnFail: true },
		);
		expect(unknown.json[0]).toMatchObject({
			error: 'Order 000000110: SKU "NOPE-1" is not an item of this order',
			incrementId: '000000110',
			orderId: 216,
		});
		expect(unknown.outputs[0][0].error).toBeDefined();
		const holded = await run(m, ship('000000112'), { continueOnFail: true });
		expect(holded.json[0].error).toBe(
			'Order 000000112: Shipment Document Validation Error(s):\nA shipment cannot be created when an order has a status of holded',
		);
		await expect(run(m, ship('000000111'))).rejects.toThrow(
			'Order 000000111: the order is canceled, no shipment can be created',
		);
		expect(m.state.shipments).toHaveLength(0);
		expectNoSecrets(m, [unknown, holded]);
	});

	it('retries a 503 and does not ship twice when the connection drops after Magento committed', async () => {
		m.setFaultPlan({
			rules: [{ kind: 'status', status: 503, method: 'POST', path: '/ship', times: 1 }],
		});
		const retried = await run(m, ship('000000101'));
		expect(retried.json[0].created).toBe(true);
		expect(m.faults.fired).toHaveLength(1);
		expect(shipmentsOf(m, 207)).toHaveLength(1);

		m.setFaultPlan({
			rules: [{ kind: 'commitThenDrop', method: 'POST', path: '/ship', times: 1 }],
		});
		const dropped = await run(
			m,
			ship('000000102', { tracks: { track: [{ trackNumber: 'DROP-1', carrierCode: 'dhl' }] } }),
		);
		expect(m.faults.fired.map((f) => f.kind)).toEqual(['commitThenDrop']);
		expect(dropped.json[0]).toMatchObject({
			created: true,
			recovered: true,
			shipmentId: shipmentsOf(m, 208)[0].entity_id,
		});
		expect(shipmentsOf(m, 208)).toHaveLength(1);
		expect(m.state.emails.filter((e) => e.incrementId === '000000102')).toHaveLength(1);

		// without a tracking number the new shipment is recognised as the one not there before
		m.setFaultPlan({
			rules: [{ kind: 'commitThenDrop', method: 'POST', path: '/ship', times: 1 }],
		});
		const noTrack = await run(m, ship('000000108', { tracks: {} }));
		expect(noTrack.json[0]).toMatchObject({ created: true, recovered: true });
		expect(shipmentsOf(m, 214)).toHaveLength(1);
	});

	it('lists the shipments of an order', async () => {
		await run(
			m,
			ship('000000101', { itemsMode: 'bySku', lines: { line: [{ sku: '24-MB01', qty: 1 }] } }),
		);
		await run(
			m,
			ship('000000101', { tracks: { track: [{ trackNumber: 'T-2', carrierCode: 'custom' }] } }),
		);
		const all = await run(m, { resource: 'shipment', operation: 'getMany', orderId: '000000101' });
		expect(all.json.map((s) => (s.tracks as IDataObject[])[0].track_number)).toEqual([
			'1Z999AA10123456784',
			'T-2',
		]);
		expect(all.json[0].orderIncrementId).toBe('000000101');
		const one = await run(m, {
			resource: 'shipment',
			operation: 'getMany',
			orderId: '000000101',
			returnAll: false,
			limit: 1,
		});
		expect(one.json).toHaveLength(1);
	});

	it('creates an invoice (all or by SKU) and reports nothing left to invoice', async () => {
		const all = await run(m, {
			resource: 'invoice',
			operation: 'create',
			orderId: '000000106',
			notify: true,
		});
		expect(all.json[0]).toMatchObject({ created: true, incrementId: '000000106', notified: true });
		const invoices = m.state.invoices.filter((i) => i.order_id === 212);
		expect(invoices).toHaveLength(1);
		expect(all.json[0].invoiceId).toBe(invoices[0].entity_id);
		expect(m.state.emails.filter((e) => e.type === 'invoice')).toHaveLength(1);
		const again = await run(m, { resource: 'invoice', operation: 'create', orderId: '000000106' });
		expect(again.json[0]).toMatchObject({ created: false, reason: 'nothing left to invoice' });

		const bySku = await run(m, {
			resource: 'invoice',
			operation: 'create',
			orderId: '000000104',
			itemsMode: 'bySku',
			lines: { line: [{ sku: 'VW-WARRANTY-2Y', qty: 1 }] },
		});
		expect(bySku.json[0]).toMatchObject({
			created: true,
			items: [{ order_item_id: 1024, qty: 1 }],
		});
		const canceled = await run(
			m,
			{ resource: 'invoice', operation: 'create', orderId: '000000111' },
			{ continueOnFail: true },
		);
		expect(canceled.json[0].error).toMatch(/^Order 000000111: [\s\S]*status of canceled$/);
	});
});
