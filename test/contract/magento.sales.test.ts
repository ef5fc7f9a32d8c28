/** Contract tests of the emulated Magento REST API: ship, shipments, invoice, hold/unhold/cancel, comments. */
import axios from 'axios';
import { startMagento, type MagentoEmulator } from '../emulators/magento';
import { searchCriteria } from './magentoSigner';

let m: MagentoEmulator;
let clockNow = new Date('2026-11-23T10:00:00Z');

beforeAll(async () => {
	m = await startMagento({ clock: () => clockNow });
});
afterAll(async () => m.close());
beforeEach(() => {
	m.reset();
	m.setOptions({ version: '2.4' });
	clockNow = new Date('2026-11-23T10:00:00Z');
});

const http = axios.create({ validateStatus: () => true });
const auth = () => ({ headers: { Authorization: `Bearer ${m.credentials.adminToken}` } });
const post = (path: string, body: unknown = {}) =>
	http.post(`${m.url}/rest/default/V1${path}`, body, auth());
const get = (path: string) => http.get(`${m.url}/rest/default/V1${path}`, auth());
const order = (inc: string) => m.findOrder(inc)!;
const shipError = (...lines: string[]) => ({
	message: 'Shipment Document Validation Error(s):\n' + lines.join('\n'),
});

describe('POST /V1/order/{id}/ship', () => {
	it('ships all remaining items with tracks, returns the shipment id, completes an invoiced order and e-mails the customer', async () => {
		const r = await post('/order/207/ship', {
			notify: true,
			appendComment: true,
			comment: { comment: 'Shipped from SAP delivery 12', is_visible_on_front: 1 },
			tracks: [{ track_number: '1Z999AA10123456784', title: 'UPS Ground', carrier_code: 'ups' }],
		});
		expect(r.status).toBe(200);
		expect(typeof r.data).toBe('number');
		const o = order('000000101');
		expect(o.items.map((i) => i.qty_shipped)).toEqual([2, 1]);
		expect([o.state, o.status, o.updated_at]).toEqual([
			'complete',
			'complete',
			'2026-11-23 10:00:00',
		]);
		const s = m.state.shipments.find((x) => x.entity_id === r.data)!;
		expect(s.items.map((i) => [i.order_item_id, i.sku, i.qty])).toEqual([
			[1016, '24-MB01', 2],
			[1017, '24-UG06', 1],
		]);
		expect(s.tracks.map((t) => [t.track_number, t.carrier_code, t.order_id])).toEqual([
			['1Z999AA10123456784', 'ups', 207],
		]);
		expect(m.state.emails).toEqual([
			expect.objectContaining({
				type: 'shipment',
				to: 'roni_cost@example.com',
				incrementId: '000000101',
				documentId: r.data,
				trackingNumbers: ['1Z999AA10123456784'],
				comment: 'Shipped from SAP delivery 12',
			}),
		]);
	});

	it('includes the comment in the e-mail only with appendComment, and sends none without notify', async () => {
		await post('/order/201/ship', {
			notify: true,
			comment: { comment: 'internal note' },
			tracks: [{ track_number: 'T1', title: 'UPS', carrier_code: 'ups' }],
		});
		expect(m.state.emails[0].comment).toBeUndefined();
		await post('/order/202/ship', {
			notify: false,
			appendComment: true,
			comment: { comment: 'x' },
		});
		expect(m.state.emails).toHaveLength(1);
		expect(m.state.shipments[1].email_sent).toBeNull();
	});

	it('ships part of the order, clamps a quantity above what is left (ShipmentFactory uses min()), and refuses once nothing is left', async () => {
		const updatedBefore = order('000000090').updated_at;
		const first = await post('/order/201/ship', { items: [{ order_item_id: 1002, qty: 1 }] });
		expect(first.status).toBe(200);
		expect(order('000000090').state).toBe('processing');
		// A partial shipment leaves the order row (state, status) as it is: updated_at stays (see comments).
		expect(order('000000090').updated_at).toBe(updatedBefore);
		const over = await post('/order/201/ship', {
			items: [
				{ order_item_id: 1002, qty: 5 },
				{ order_item_id: 1001, qty: 1 },
			],
		});
		expect(over.status).toBe(200);
		expect(order('000000090').items.map((i) => i.qty_shipped)).toEqual([1, 2]);
		expect(order('000000090').state).toBe('complete');
		expect(order('000000090').updated_at).toBe('2026-11-23 10:00:00');
		const again = await post('/order/201/ship', {});
		expect([again.status, again.data]).toEqual([
			400,
			shipError(
				'The order does not allow a shipment to be created.',
				"You can't create a shipment without products.",
			),
		]);
	});

	it('ships a configurable on its parent row; the child row follows', async () => {
		const r = await post('/order/208/ship', { items: [{ order_item_id: 1018, qty: 1 }] });
		expect(r.status).toBe(200);
		expect(order('000000102').items.map((i) => [i.product_type, i.qty_shipped])).toEqual([
			['configurable', 1],
			['simple', 1],
		]);
		expect(m.state.shipments[0].items.map((i) => [i.order_item_id, i.sku])).toEqual([
			[1018, 'MH01-M-Gray'],
		]);
	});

	it('ships a bundle on its parent row; children follow', async () => {
		expect((await post('/order/209/ship', {})).status).toBe(200);
		expect(order('000000103').items.map((i) => i.qty_shipped)).toEqual([1, 1, 1, 1]);
	});

	it('never ships virtual items', async () => {
		expect(
			(await post('/order/211/ship', { items: [{ order_item_id: 1026, qty: 1 }] })).data,
		).toEqual(shipError("You can't create a shipment without products."));
		expect((await post('/order/211/ship', {})).status).toBe(200);
		expect(order('000000105').items.map((i) => i.qty_shipped)).toEqual([1, 0]);
		expect((await post('/order/210/ship', {})).data).toEqual(
			shipError(
				'A shipment cannot be created when an order has a status of pending',
				"You can't create a shipment without products.",
			),
		);
	});

	it('refuses held and canceled orders, unknown items, empty track numbers; 404 for an unknown order', async () => {
		expect((await post('/order/218/ship', {})).data).toEqual(
			shipError('A shipment cannot be created when an order has a status of holded'),
		);
		expect((await post('/order/217/ship', {})).data).toEqual(
			shipError(
				'A shipment cannot be created when an order has a status of canceled',
				"You can't create a shipment without products.",
			),
		);
		expect(
			(await post('/order/207/ship', { items: [{ order_item_id: 4242, qty: 1 }] })).data,
		).toEqual(shipError("You can't create a shipment without products."));
		expect(
			(
				await post('/order/207/ship', {
					tracks: [{ track_number: '', title: 'UPS', carrier_code: 'ups' }],
				})
			).data,
		).toEqual(shipError('Please enter a tracking number.'));
		const missing = await post('/order/99999/ship', {});
		expect(missing.status).toBe(404);
		expect(m.state.shipments).toHaveLength(0);
	});
});

describe('shipments list', () => {
	it('lists shipments of an order with items and tracks, and reads one', async () => {
		const a = (
			await post('/order/201/ship', {
				items: [{ order_item_id: 1001, qty: 1 }],
				tracks: [{ track_number: 'A1', title: 'UPS', carrier_code: 'ups' }],
			})
		).data;
		await post('/order/202/ship', {
			tracks: [{ track_number: 'B1', title: 'DHL', carrier_code: 'dhl' }],
		});
		const b = (
			await post('/order/201/ship', {
				tracks: [{ track_number: 'A2', title: 'UPS', carrier_code: 'ups' }],
			})
		).data;
		const r = await get(
			'/shipments?' + searchCriteria({ groups: [[{ field: 'order_id', value: '201' }]] }),
		);
		expect(r.data.total_count).toBe(2);
		expect(
			r.data.items.map((s: any) => [
				s.entity_id,
				s.tracks.map((t: any) => t.track_number),
				s.items.length,
			]),
		).toEqual([
			[a, ['A1'], 1],
			[b, ['A2'], 1],
		]);
		expect((await get(`/shipment/${b}`)).data.order_id).toBe(201);
		expect((await get('/shipment/999')).status).toBe(404);
	});
});

describe('POST /V1/order/{id}/invoice', () => {
	it('invoices a pending order (state → processing) and refuses a second time', async () => {
		const r = await post('/order/212/invoice', { capture: true, notify: true });
		expect(r.status).toBe(200);
		const o = order('000000106');
		expect([o.state, o.items[0].qty_invoiced, o.total_invoiced]).toEqual(['processing', 1, 40]);
		expect(m.state.invoices.find((i) => i.entity_id === r.data)!.grand_total).toBe(40);
		expect(m.state.emails.map((e) => e.type)).toEqual(['invoice']);
		const again = await post('/order/212/invoice', {});
		expect([again.status, again.data]).toEqual([
			400,
			{
				message:
					'Invoice Document Validation Error(s):\nThe order does not allow an invoice to be created.',
			},
		]);
	});

	it('refuses held orders and quantities above what is left', async () => {
		expect((await post('/order/218/invoice', {})).data).toEqual({
			message:
				'Invoice Document Validation Error(s):\nAn invoice cannot be created when an order has a status of holded',
		});
		const over = await post('/order/212/invoice', { items: [{ order_item_id: 1027, qty: 3 }] });
		expect(over.data).toEqual({
			message:
				'Invoice Document Validation Error(s):\nThe quantity to invoice must not be greater than the uninvoiced quantity for product SKU "24-MB04".',
		});
	});

	it('a virtual-only order becomes complete once invoiced', async () => {
		expect((await post('/order/210/invoice', {})).status).toBe(200);
		expect(order('000000104').state).toBe('complete');
	});
});

describe('hold, unhold, cancel', () => {
	it('holds and unholds, restoring the previous state', async () => {
		expect((await post('/orders/207/hold')).data).toBe(true);
		expect(order('000000101').status).toBe('holded');
		const again = await post('/orders/207/hold');
		expect([again.status, again.data]).toEqual([
			400,
			{ message: 'A hold action is not available.' },
		]);
		expect((await post('/orders/207/unhold')).data).toBe(true);
		expect([order('000000101').state, order('000000101').status]).toEqual([
			'processing',
			'processing',
		]);
		const un = await post('/orders/207/unhold');
		expect([un.status, un.data]).toEqual([400, { message: 'You cannot remove the hold.' }]);
		expect((await post('/orders/217/hold')).status).toBe(400);
	});

	it('cancel answers false for an invoiced or held order and true for a pending one', async () => {
		expect((await post('/orders/207/cancel')).data).toBe(false);
		expect((await post('/orders/218/cancel')).data).toBe(false);
		expect(order('000000101').state).toBe('processing');
		expect((await post('/orders/212/cancel')).data).toBe(true);
		expect([order('000000106').state, order('000000106').items[0].qty_canceled]).toEqual([
			'canceled',
			1,
		]);
		expect((await post('/order/212/ship', {})).data).toEqual(
			shipError(
				'A shipment cannot be created when an order has a status of canceled',
				"You can't create a shipment without products.",
			),
		);
	});
});

describe('comments', () => {
	// updated_at: sales_order.updated_at is ON UPDATE CURRENT_TIMESTAMP (magento2 Sales/etc/db_schema.xml)
	// and EntityAbstract::_prepareDataForSave unsets it, so it moves only when the order row changes.
	it('records a comment (true), keeps the status on 2.4 and so does not move updated_at, lists it', async () => {
		clockNow = new Date('2026-11-23T11:22:33Z');
		const r = await post('/orders/207/comments', {
			statusHistory: {
				comment: 'Created in SAP B1 as sales order 1042',
				is_customer_notified: 0,
				is_visible_on_front: 0,
				parent_id: 207,
				status: 'complete',
			},
		});
		expect([r.status, r.data]).toEqual([200, true]);
		const o = order('000000101');
		expect(o.status).toBe('processing');
		expect(o.updated_at).not.toBe('2026-11-23 11:22:33');
		expect(m.state.comments).toEqual([
			expect.objectContaining({
				parent_id: 207,
				order_increment_id: '000000101',
				comment: 'Created in SAP B1 as sales order 1042',
				status: 'processing',
			}),
		]);
		expect(m.state.emails).toHaveLength(0);
		const list = await get('/orders/207/comments');
		expect([list.data.total_count, list.data.items[0].comment]).toEqual([
			1,
			'Created in SAP B1 as sales order 1042',
		]);
		expect((await get('/orders/207')).data.status_histories).toHaveLength(1);
	});

	it('2.3 lets the comment change the status; is_customer_notified sends an e-mail; no statusHistory → 400', async () => {
		m.setOptions({ version: '2.3' });
		await post('/orders/207/comments', {
			statusHistory: { comment: 'hi', is_customer_notified: 1, status: 'fraud' },
		});
		expect(order('000000101').status).toBe('fraud');
		expect(m.state.emails.map((e) => [e.type, e.comment])).toEqual([['order_comment', 'hi']]);
		const bad = await post('/orders/207/comments', { comment: 'x' });
		expect([bad.status, bad.data]).toEqual([
			400,
			{
				message: '"%fieldName" is required. Enter and try again.',
				parameters: { fieldName: 'statusHistory' },
			},
		]);
	});
});
