/**
 * Requests per record (issue: closer to the floor): Create Shipment looks the orders and their
 * shipments up in batches after claiming them — about one Magento request per delivery, still
 * idempotent; Add Comment with the order's status at hand sends one request per order.
 */
import type { IDataObject } from 'n8n-workflow';
import type { MagentoEmulator } from '../../emulators/magento';
import { generateOrders, magentoSeed } from '../../emulators/seed/magento';
import { run, start } from './setup';

describe('Magento 2 Store: requests per record', () => {
	let m: MagentoEmulator;
	const generated = generateOrders(120, { from: '2026-10-01 00:00:00', pendingShare: 0 });
	beforeAll(async () => {
		m = await start({
			seed: { ...magentoSeed(), orders: generated.orders, invoices: generated.invoices },
		});
	});
	afterAll(async () => m.close());
	beforeEach(() => m.reset());

	const deliveries: IDataObject[] = generated.orders.map((o, i) => ({
		web: o.increment_id,
		track: `1ZREQ${String(i).padStart(5, '0')}`,
	}));
	const shipAll = (items: IDataObject[]) =>
		run(
			m,
			{
				resource: 'shipment',
				operation: 'create',
				orderId: '={{ $json.web }}',
				tracks: {
					track: [{ trackNumber: '={{ $json.track }}', carrierCode: 'ups', title: 'UPS' }],
				},
			},
			{ items },
		);

	it('ships 120 deliveries of 120 orders with 125 requests (batched look-ups), and a second run with 4', async () => {
		const first = await shipAll(deliveries);
		expect(first.json.every((j) => j.created === true)).toBe(true);
		expect(m.state.shipments).toHaveLength(120);
		// …and one look-up of the bundles' products per run (how they ship), since some orders hold one.
		expect(m.stats.byRoute).toEqual({
			'GET /V1/orders': 2,
			'GET /V1/products': 1,
			'GET /V1/shipments': 2,
			'POST /V1/order/:id/ship': 120,
		});
		const again = await shipAll(deliveries);
		expect(
			again.json.every(
				(j) => j.created === false && j.reason === 'a shipment with this tracking number exists',
			),
		).toBe(true);
		expect(m.state.shipments).toHaveLength(120);
		expect(m.state.emails.filter((e) => e.type === 'shipment')).toHaveLength(120);
		expect(m.stats.byRoute).toEqual({
			'GET /V1/orders': 4,
			'GET /V1/products': 1,
			'GET /V1/shipments': 4,
			'POST /V1/order/:id/ship': 120,
		});
	});

	it('adds a comment with one request when it has the entity ID and the current status', async () => {
		const order = generated.orders[0];
		const result = await run(m, {
			resource: 'order',
			operation: 'addComment',
			orderIdType: 'entityId',
			orderId: String(order.entity_id),
			comment: 'Created in SAP B1 as sales order 1',
			currentStatus: order.status,
		});
		expect(result.json[0]).toMatchObject({ success: true, orderId: order.entity_id });
		expect(m.stats.byRoute).toEqual({ 'POST /V1/orders/:id/comments': 1 });
		const stored = m.state.orders.find((o) => o.entity_id === order.entity_id)!;
		expect(stored.status_histories[0]).toMatchObject({
			comment: 'Created in SAP B1 as sales order 1',
			status: order.status,
		});
		expect(stored.status).toBe(order.status);
	});
});
