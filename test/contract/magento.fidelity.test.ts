/**
 * Contract: the Magento behaviours issue 9 settled against Magento's own source and Adobe's
 * documentation, by release. Each block names its source; the node tests in
 * test/nodes/magento2Store/fidelity.test.ts run the node against the same behaviour.
 */
import axios from 'axios';
import { startMagento, type MagentoEmulator } from '../emulators/magento';
import type { LineSpec } from '../emulators/magento/orderBuilder';
import { extraOrder, spriteGiftBox } from '../emulators/seed/magento';
import { oauthHeader, searchCriteria } from './magentoSigner';

let m: MagentoEmulator;
const http = axios.create({ validateStatus: () => true });
const admin = () => ({ headers: { Authorization: `Bearer ${m.credentials.adminToken}` } });
const url = (path: string) => `${m.url}/rest/default/V1${path}`;
const post = (path: string, body: unknown = {}) => http.post(url(path), body, admin());
const get = (path: string) => http.get(url(path), admin());
const signed = (
	method: 'GET' | 'POST',
	path: string,
	body?: unknown,
	signatureMethod?: 'HMAC-SHA1',
) => {
	const u = url(path);
	const headers = { Authorization: oauthHeader(method, u, m.credentials, { signatureMethod }) };
	return method === 'GET' ? http.get(u, { headers }) : http.post(u, body ?? {}, { headers });
};
const shipError = (...lines: string[]) => ({
	message: 'Shipment Document Validation Error(s):\n' + lines.join('\n'),
});
const order = (inc: string) => m.findOrder(inc)!;

/** 2 × the Sprite gift box shipped separately: bundle row 30100, children 30101–30103 (×2 each). */
const SEPARATE = () => extraOrder(301, '000000301', [spriteGiftBox(2)]);
/** `n` simple rows (order item ids 30200 …). */
const manyRows = (n: number): LineSpec[] =>
	Array.from({ length: n }, (_, i) => ({
		kind: 'simple',
		qty: 1,
		product: { sku: `BULK-${i + 1}`, name: `Bulk item ${i + 1}`, productId: 9000 + i, price: 1 },
	}));

beforeAll(async () => {
	m = await startMagento();
});
afterAll(async () => m.close());
beforeEach(() => {
	m.reset();
	m.setOptions({
		version: '2.4',
		release: null,
		inputLimits: null,
		complexArrayLimit: 20,
		integrationAcl: null,
		bearerIntegrationTokens: null,
		signatureMethods: null,
	});
	m.addOrders([SEPARATE(), extraOrder(302, '000000302', manyRows(25))]);
});

// Sources: Sales/Model/Order/Item.php (isShipSeparately reads product_options['shipment_type'];
// isDummy(true)), Sales/Model/Order/ShipmentDocumentFactory.php (getQuantitiesFromOrderItems),
// Sales/Model/Order/ShipmentFactory.php (canShipItem, prepareItems), Sales/Model/Order/Validation/
// ShipOrder.php + Bundle/Model/Sales/Order/Shipment/BundleShipmentTypeValidator.php (2.4.2+, PR
// #30813), Sales/Api/Data/OrderItemInterface (no product_options), AdobeDocs commerce-webapi
// "get-store-specific-bundle-product" (custom_attributes shipment_type).
describe('bundles shipped together and separately', () => {
	it('the REST order item carries no shipment_type; the product does, in custom_attributes', async () => {
		const o = (await get('/orders/301')).data;
		expect(o.items.map((i: Record<string, unknown>) => i.product_options)).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
		]);
		expect(JSON.stringify(o)).not.toContain('shipment_type');
		const sep = (await get('/products/24-WG090')).data;
		expect(sep).toMatchObject({ id: 47, type_id: 'bundle' });
		expect(sep.custom_attributes).toContainEqual({ attribute_code: 'shipment_type', value: '1' });
		const byId = await get(
			`/products?${searchCriteria({ groups: [[{ field: 'entity_id', value: '46,47', condition_type: 'in' }]] })}`,
		);
		expect(
			byId.data.items.map(
				(p: {
					sku: string;
					custom_attributes: Array<{ attribute_code: string; value: unknown }>;
				}) => [p.sku, p.custom_attributes.find((a) => a.attribute_code === 'shipment_type')?.value],
			),
		).toEqual([
			['24-WG080', '0'],
			['24-WG090', '1'],
		]);
		expect((await get('/products/NOPE')).status).toBe(404);
	});

	it('2.4.2+: the wrong level is refused — the parent of a separate bundle, the children of a together bundle', async () => {
		const parent = await post('/order/301/ship', { items: [{ order_item_id: 30100, qty: 2 }] });
		expect([parent.status, parent.data]).toEqual([
			400,
			shipError(
				'Cannot create shipment as bundle product "24-WG090" has shipment type "Separately". Bundle product options should be shipped instead.',
			),
		]);
		const children = await post('/order/209/ship', {
			items: [
				{ order_item_id: 1021, qty: 1 },
				{ order_item_id: 1022, qty: 1 },
			],
		});
		expect([children.status, children.data]).toEqual([
			400,
			shipError(
				"You can't create a shipment without products.",
				'Cannot create shipment as bundle product "24-WG080" has shipment type "Together". Bundle product itself should be shipped instead.',
				'Cannot create shipment as bundle product "24-WG080" has shipment type "Together". Bundle product itself should be shipped instead.',
			),
		]);
		expect(m.state.shipments).toHaveLength(0);
	});

	it('separately: the children ship as their own rows, the bundle row (a dummy) joins each shipment with qty 1; all remaining ships them too', async () => {
		const part = await post('/order/301/ship', {
			items: [
				{ order_item_id: 30101, qty: 2 },
				{ order_item_id: 30102, qty: 1 },
			],
		});
		expect(part.status).toBe(200);
		expect(order('000000301').items.map((i) => [i.item_id, i.qty_shipped])).toEqual([
			[30100, 1],
			[30101, 2],
			[30102, 1],
			[30103, 0],
		]);
		expect(order('000000301').state).toBe('processing');
		const rest = await post('/order/301/ship', {});
		expect(rest.status).toBe(200);
		const shipment = m.state.shipments.find((s) => s.entity_id === rest.data)!;
		expect(shipment.items.map((i) => [i.order_item_id, i.qty])).toEqual([
			[30100, 1],
			[30102, 1],
			[30103, 2],
		]);
		expect(shipment.total_qty).toBe(4);
		expect(order('000000301').state).toBe('complete');
	});

	it('together: the bundle row carries the quantity and its children follow', async () => {
		const r = await post('/order/209/ship', { items: [{ order_item_id: 1020, qty: 1 }] });
		expect(r.status).toBe(200);
		expect(order('000000103').items.every((i) => i.qty_shipped === i.qty_ordered)).toBe(true);
		const shipment = m.state.shipments[0];
		expect(shipment.items.map((i) => [i.order_item_id, i.qty])).toEqual([
			[1020, 1],
			[1021, 1],
			[1022, 1],
			[1023, 1],
		]);
		expect(shipment.total_qty).toBe(1);
	});

	it('before 2.4.2 nothing checks the level: the bundle row alone makes a shipment that ships none of its items', async () => {
		m.setOptions({ release: '2.4.1' });
		const r = await post('/order/301/ship', { items: [{ order_item_id: 30100, qty: 2 }] });
		expect(r.status).toBe(200);
		expect(m.state.shipments[0].items.map((i) => [i.order_item_id, i.qty])).toEqual([[30100, 1]]);
		expect(
			order('000000301')
				.items.slice(1)
				.map((i) => i.qty_shipped),
		).toEqual([0, 0, 0]);
		const together = await post('/order/209/ship', { items: [{ order_item_id: 1021, qty: 1 }] });
		expect(together.data).toEqual(shipError("You can't create a shipment without products."));
	});
});

// Sources: Framework/Webapi/Validator/EntityArrayValidator.php ('Maximum items of type "%type" is
// %max'), Validator/IOLimit/IOLimitConfigProvider.php (webapi/validation/input_limit_enabled,
// complex_array_limit 20, maximum_page_size 300), Adobe KB "Web API unable to process requests
// with more than 20 items in array" (2.4.3 and 2.3.7-p1 always on), AdobeDocs api-security ("By
// default, these input limits are disabled").
describe('Web API input limits', () => {
	const items = (n: number) =>
		Array.from({ length: n }, (_, i) => ({ order_item_id: 30200 + i, qty: 1 }));
	const limitError = (type: string) => ({
		message: 'Maximum items of type "%type" is %max',
		parameters: { type: `\\Magento\\Sales\\Api\\Data\\${type}`, max: 20 },
	});

	it('off by default on current releases: 25 rows ship in one request', async () => {
		expect((await post('/order/302/ship', { items: items(25) })).status).toBe(200);
	});

	it('on: more than 20 objects in an array → 400 naming the type; the limit is a setting', async () => {
		m.setOptions({ inputLimits: true });
		const ship = await post('/order/302/ship', { items: items(21) });
		expect([ship.status, ship.data]).toEqual([400, limitError('ShipmentItemCreationInterface')]);
		const tracks = await post('/order/302/ship', {
			items: items(2),
			tracks: Array.from({ length: 21 }, (_, i) => ({
				track_number: `T${i}`,
				carrier_code: 'custom',
				title: '',
			})),
		});
		expect(tracks.data).toEqual(limitError('ShipmentTrackCreationInterface'));
		const invoice = await post('/order/302/invoice', { items: items(21) });
		expect(invoice.data).toEqual(limitError('InvoiceItemCreationInterface'));
		expect((await post('/order/302/ship', { items: items(20) })).status).toBe(200);
		expect((await post('/order/302/ship', {})).status).toBe(200); // all remaining: no list at all
		m.setOptions({ complexArrayLimit: 30 });
		const invoiced = await post('/order/302/invoice', { items: items(25) });
		expect(invoiced.data.message).not.toContain('Maximum items'); // refused for another reason: already invoiced
		expect(m.state.shipments).toHaveLength(2);
	});

	it('2.4.3 and 2.3.7-p1 enforce them whatever the setting; 2.4.2 has none', async () => {
		for (const release of ['2.4.3', '2.3.7-p1']) {
			m.setOptions({ release, inputLimits: false });
			expect((await post('/order/302/ship', { items: items(21) })).data).toEqual(
				limitError('ShipmentItemCreationInterface'),
			);
			expect((await get(`/orders?${searchCriteria({ pageSize: 301 })}`)).data).toEqual({
				message: 'Maximum SearchCriteria pageSize is %max',
				parameters: { max: 300 },
			});
		}
		m.setOptions({ release: '2.4.2', inputLimits: true });
		expect((await post('/order/302/ship', { items: items(21) })).status).toBe(200);
	});
});

// Source: Framework/Oauth/Oauth.php (2.4.4+: getSupportedSignatureMethods() returns
// [self::SIGNATURE_SHA256]; 'Signature method %1 is not supported'); older copies list SHA1 too.
it('HMAC-SHA1 is refused from 2.4.4 and accepted before', async () => {
	const r = await signed('GET', '/orders/207', undefined, 'HMAC-SHA1');
	expect([r.status, r.data]).toEqual([
		400,
		{ message: 'Signature method %1 is not supported', parameters: ['HMAC-SHA1'] },
	]);
	m.setOptions({ release: '2.4.3' });
	expect((await signed('GET', '/orders/207', undefined, 'HMAC-SHA1')).status).toBe(200);
	m.setOptions({ release: '2.4.4' });
	expect((await signed('GET', '/orders/207', undefined, 'HMAC-SHA1')).status).toBe(400);
	expect((await signed('GET', '/orders/207')).status).toBe(200);
});

// Source: 2.4.4 release notes / Integration module: integration tokens as standalone Bearer
// tokens only with oauth/consumer/enable_integration_as_bearer ("Allow OAuth Access Tokens to be
// used as standalone Bearer tokens"), off by default; accepted before 2.4.4.
it('integration token as Bearer: accepted up to 2.4.3, refused by default from 2.4.4', async () => {
	const bearer = { headers: { Authorization: `Bearer ${m.credentials.bearerToken}` } };
	m.setOptions({ release: '2.4.3', bearerIntegrationTokens: null });
	expect((await http.get(url('/orders/207'), bearer)).status).toBe(200);
	m.setOptions({ release: '2.4.4' });
	const refused = await http.get(url('/orders/207'), bearer);
	expect([refused.status, refused.data.message]).toEqual([
		401,
		"The consumer isn't authorized to access %resources.",
	]);
	m.setOptions({ bearerIntegrationTokens: true });
	expect((await http.get(url('/orders/207'), bearer)).status).toBe(200);
});

// Sources: Sales/Model/Service/OrderService.php::addComment + Sales/Model/Order.php::
// addStatusHistory ($this->setStatus($history->getStatus())), magento2#34180 (no status → NULL);
// magento2#38723 (2.4.7, commit 632f2531: a comment no longer changes the status).
it('a comment sets the order status before 2.4.7 (none → NULL) and leaves it from 2.4.7', async () => {
	const comment = (status?: string) =>
		post('/orders/207/comments', {
			statusHistory: { comment: 'note', is_customer_notified: 0, ...(status ? { status } : {}) },
		});
	m.setOptions({ release: '2.4.6-p3' });
	await comment('fraud');
	expect(order('000000101').status).toBe('fraud');
	await comment();
	expect(order('000000101').status).toBeNull();
	m.reset();
	m.setOptions({ release: '2.4.7' });
	await comment('fraud');
	await comment();
	expect(order('000000101').status).toBe('processing');
});

// Sources: Sales/etc/webapi.xml and acl.xml of 2.3.1+ (PR #20170): shipments list
// Magento_Sales::shipment, invoices list Magento_Sales::sales_invoice; before 2.3.1 every sales
// route Magento_Sales::sales; Catalog/etc/webapi.xml: products Magento_Catalog::products.
it('ACL per route: orders, shipments, invoices, products; one sales resource before 2.3.1', async () => {
	const denied = async (method: 'GET' | 'POST', path: string) => {
		const r = await signed(method, path);
		return r.status === 401 ? r.data.parameters.resources : 'allowed';
	};
	m.setOptions({ integrationAcl: ['Magento_Sales::actions_view'] });
	expect(await denied('GET', '/orders/207')).toBe('allowed');
	expect(await denied('GET', `/shipments?${searchCriteria({})}`)).toBe('Magento_Sales::shipment');
	expect(await denied('GET', `/invoices?${searchCriteria({})}`)).toBe(
		'Magento_Sales::sales_invoice',
	);
	expect(await denied('GET', '/products/24-WG090')).toBe('Magento_Catalog::products');
	expect(await denied('POST', '/order/207/ship')).toBe('Magento_Sales::ship');
	m.setOptions({ release: '2.3.0', integrationAcl: ['Magento_Sales::sales'] });
	expect(await denied('GET', `/shipments?${searchCriteria({})}`)).toBe('allowed');
	expect(await denied('GET', '/products/24-WG090')).toBe('Magento_Catalog::products');
});
