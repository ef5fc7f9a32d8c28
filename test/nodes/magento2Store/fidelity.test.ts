/**
 * Magento 2 Store against the Magento behaviours settled in issue 9 (contract:
 * test/contract/magento.fidelity.test.ts): bundles shipped together and separately, the Web API
 * input list limit, HMAC-SHA1 and Bearer by release, the comment status by release, the ACL the
 * README's integration grants, and filter values checked before they reach searchCriteria.
 */
import type { IDataObject } from 'n8n-workflow';
import { Magento2StoreApi } from '../../../credentials/Magento2StoreApi.credentials';
import type { MagentoEmulator } from '../../emulators/magento';
import type { LineSpec } from '../../emulators/magento/orderBuilder';
import { extraOrder, spriteGiftBox } from '../../emulators/seed/magento';
import { testCredential } from '../../helpers/n8n';
import { credentialsFor, expectNoSecrets, run, start } from './setup';

const SAP_SPRITE_LINES = [
	{ ItemCode: '24-WG084', Quantity: 2 },
	{ ItemCode: '24-WG088', Quantity: 2 },
	{ ItemCode: '24-WG082-blue', Quantity: 2 },
];

const ship = (orderId: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'shipment',
	operation: 'create',
	orderId,
	tracks: { track: [{ trackNumber: '1Z999AA10000000301', carrierCode: 'ups', title: 'UPS' }] },
	...extra,
});
const bySap = (lines: IDataObject[]) => ({ itemsMode: 'json', linesJson: JSON.stringify(lines) });

const manyRows = (n: number): LineSpec[] =>
	Array.from({ length: n }, (_, i) => ({
		kind: 'simple',
		qty: 1,
		product: { sku: `BULK-${i + 1}`, name: `Bulk item ${i + 1}`, productId: 9000 + i, price: 1 },
	}));
const bulkLines = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ sku: `BULK-${i + 1}`, qty: 1 }));

/** The resources the README's integration set-up grants (Sales › Operations › …, Catalog › Products). */
const README_GRANTS = [
	'Magento_Sales::actions_view',
	'Magento_Sales::comment',
	'Magento_Sales::ship',
	'Magento_Sales::invoice',
	'Magento_Sales::hold',
	'Magento_Sales::unhold',
	'Magento_Sales::cancel',
	'Magento_Sales::shipment',
	'Magento_Sales::sales_invoice',
	'Magento_Catalog::products',
	'Magento_Backend::store',
];

describe('Magento 2 Store: fidelity to the real Magento', () => {
	let m: MagentoEmulator;
	beforeAll(async () => {
		m = await start();
	});
	afterAll(async () => m.close());
	beforeEach(() => {
		m.reset();
		m.setOptions({ release: null, inputLimits: null, integrationAcl: null });
		m.addOrders([
			extraOrder(301, '000000301', [spriteGiftBox(2)]),
			extraOrder(302, '000000302', manyRows(25)),
			extraOrder(303, '000000303', manyRows(25), { lifecycle: 'pending' }),
		]);
	});

	const rows = (inc: string) => m.findOrder(inc)!.items.map((i) => [i.sku, i.qty_shipped]);

	describe('bundles', () => {
		it('ships a bundle set to "ship separately" as its items (SAP delivery lines), reading the product once', async () => {
			const result = await run(m, ship('000000301', bySap(SAP_SPRITE_LINES)));
			expect(result.json[0]).toMatchObject({
				created: true,
				items: [
					{ order_item_id: 30101, qty: 2 },
					{ order_item_id: 30102, qty: 2 },
					{ order_item_id: 30103, qty: 2 },
				],
			});
			expect(rows('000000301').slice(1)).toEqual([
				['24-WG084', 2],
				['24-WG088', 2],
				['24-WG082-blue', 2],
			]);
			expect(m.findOrder('000000301')!.state).toBe('complete');
			expect(m.stats.byRoute['GET /V1/products']).toBe(1);
			expect(m.stats.byRoute['POST /V1/order/:id/ship']).toBe(1);
			expect(m.state.emails.filter((e) => e.type === 'shipment')).toHaveLength(1);
		});

		it('a line with the bundle SKU of a separate bundle ships its items in the bundle proportions', async () => {
			const result = await run(
				m,
				ship('000000301', { itemsMode: 'bySku', lines: { line: [{ sku: '24-WG090', qty: 1 }] } }),
			);
			const skuOf = (id: number) =>
				m.findOrder('000000301')!.items.find((i) => i.item_id === id)!.sku;
			expect(result.json[0].items).toEqual(
				[30101, 30102, 30103].map((id) => ({ order_item_id: id, sku: skuOf(id), qty: 1 })),
			);
			expect(
				rows('000000301')
					.slice(1)
					.map(([, q]) => q),
			).toEqual([1, 1, 1]);
		});

		it('before 2.4.2 too (no level check), the product tells the level and the first request is right', async () => {
			m.setOptions({ release: '2.4.1' });
			const result = await run(m, ship('000000301', bySap(SAP_SPRITE_LINES)));
			expect(result.json[0]).toMatchObject({ created: true });
			expect(
				rows('000000301')
					.slice(1)
					.map(([, q]) => q),
			).toEqual([2, 2, 2]);
			expect(m.stats.byRoute['POST /V1/order/:id/ship']).toBe(1);
		});

		it('still ships a bundle set to "together" as the bundle row', async () => {
			const result = await run(
				m,
				ship('000000103', bySap(SAP_SPRITE_LINES.map((l) => ({ ...l, Quantity: 1 })))),
			);
			expect(result.json[0]).toMatchObject({
				created: true,
				items: [{ order_item_id: 1020, qty: 1 }],
			});
			expect(m.findOrder('000000103')!.items.every((i) => i.qty_shipped === i.qty_ordered)).toBe(
				true,
			);
		});

		it('without access to the catalogue, Magento 2.4.2+ names the right level and the node sends it once more', async () => {
			m.setOptions({
				integrationAcl: README_GRANTS.filter((g) => g !== 'Magento_Catalog::products'),
			});
			const result = await run(m, ship('000000301', bySap(SAP_SPRITE_LINES)));
			expect(result.json[0]).toMatchObject({ created: true });
			expect(
				rows('000000301')
					.slice(1)
					.map(([, q]) => q),
			).toEqual([2, 2, 2]);
			expect(m.stats.byRoute['POST /V1/order/:id/ship']).toBe(2);
			expect(m.state.shipments).toHaveLength(1);
		});

		it('when the product was switched after the order, the order saved at checkout wins (2.4.2+ refusal)', async () => {
			const kit = m.state.products.find((p) => p.sku === '24-WG080')!;
			kit.custom_attributes = [{ attribute_code: 'shipment_type', value: '1' }];
			const result = await run(
				m,
				ship('000000103', bySap(SAP_SPRITE_LINES.map((l) => ({ ...l, Quantity: 1 })))),
			);
			expect(result.json[0]).toMatchObject({
				created: true,
				items: [{ order_item_id: 1020, qty: 1 }],
			});
			expect(m.stats.byRoute['POST /V1/order/:id/ship']).toBe(2);
		});

		it('before 2.4.2 (no level check): a together bundle asked for by its items is sent again as the bundle row', async () => {
			m.setOptions({ release: '2.4.1' });
			const kit = m.state.products.find((p) => p.sku === '24-WG080')!;
			kit.custom_attributes = [{ attribute_code: 'shipment_type', value: '1' }]; // changed after the order
			const result = await run(
				m,
				ship('000000103', bySap(SAP_SPRITE_LINES.map((l) => ({ ...l, Quantity: 1 })))),
			);
			expect(result.json[0]).toMatchObject({
				created: true,
				items: [{ order_item_id: 1020, qty: 1 }],
			});
			expect(m.stats.byRoute['POST /V1/order/:id/ship']).toBe(2);
			expect(m.findOrder('000000103')!.items.every((i) => i.qty_shipped === i.qty_ordered)).toBe(
				true,
			);
		});

		it('never reports "nothing left" for a refusal while the order still has items to ship', async () => {
			// A module holds a row back (locked_do_ship): Magento answers "does not allow a shipment".
			m.updateOrder('000000101', (o) => {
				for (const i of o.items) i.locked_do_ship = 1;
			});
			const result = await run(m, ship('000000101'), { continueOnFail: true });
			expect(result.json[0].created).toBeUndefined();
			expect(String(result.json[0].error)).toBe(
				"Order 000000101: Shipment Document Validation Error(s):\nThe order does not allow a shipment to be created.\nYou can't create a shipment without products.",
			);
			// and "nothing left" when the order's own quantities say so
			m.reset();
			await run(m, ship('000000101'));
			const again = await run(m, ship('000000101', { tracks: {} }));
			expect(again.json[0]).toMatchObject({ created: false, reason: 'nothing left to ship' });
		});

		it('all remaining ships a separate bundle too, and reports nothing left afterwards', async () => {
			const first = await run(m, ship('000000301'));
			expect(first.json[0].created).toBe(true);
			expect(
				rows('000000301')
					.slice(1)
					.map(([, q]) => q),
			).toEqual([2, 2, 2]);
			const second = await run(m, ship('000000301', { tracks: {} }));
			expect(second.json[0]).toMatchObject({ created: false, reason: 'nothing left to ship' });
		});
	});

	describe('Web API input limits', () => {
		it('a delivery of more than 20 rows that covers everything left is sent as "all remaining"', async () => {
			m.setOptions({ inputLimits: true });
			const result = await run(
				m,
				ship('000000302', { itemsMode: 'json', linesJson: bulkLines(25) }),
			);
			expect(result.json[0]).toMatchObject({ created: true, sentAsAllRemaining: true });
			expect((result.json[0].items as unknown[]).length).toBe(25);
			expect(m.findOrder('000000302')!.items.every((i) => i.qty_shipped === 1)).toBe(true);
			expect(m.stats.byRoute['POST /V1/order/:id/ship']).toBe(2);
		});

		it('a partial delivery over the limit fails with an error naming the setting; under the default (off) it ships', async () => {
			m.setOptions({ inputLimits: true });
			const refused = await run(
				m,
				ship('000000302', { itemsMode: 'json', linesJson: bulkLines(21) }),
				{ continueOnFail: true },
			);
			expect(String(refused.json[0].error)).toBe(
				'Order 000000302: Magento accepts at most 20 items per request and this shipment has 21 order rows, fewer than all that is left on the order, so it cannot be sent as "all remaining" either',
			);
			expect(String(refused.json[0].errorDescription)).toContain(
				'webapi/validation/complex_array_limit',
			);
			expect(m.state.shipments).toHaveLength(0);
			m.setOptions({ inputLimits: null });
			const shipped = await run(
				m,
				ship('000000302', { itemsMode: 'json', linesJson: bulkLines(21) }),
			);
			expect(shipped.json[0]).toMatchObject({ created: true });
			expect(shipped.json[0].sentAsAllRemaining).toBeUndefined();
		});

		it('an invoice of more than 20 rows covering everything is sent as "all remaining" (2.4.3 always limits)', async () => {
			m.setOptions({ release: '2.4.3' });
			const result = await run(m, {
				resource: 'invoice',
				operation: 'create',
				orderId: '000000303',
				itemsMode: 'json',
				linesJson: bulkLines(25),
			});
			expect(result.json[0]).toMatchObject({ created: true, sentAsAllRemaining: true });
			expect(m.findOrder('000000303')!.items.every((i) => i.qty_invoiced === 1)).toBe(true);
		});
	});

	describe('authentication by release', () => {
		it('HMAC-SHA1 is refused by 2.4.4+ with a hint to use HMAC-SHA256, and works before', async () => {
			const result = await run(
				m,
				{ resource: 'order', operation: 'get', orderId: '000000101' },
				{ auth: 'oauth1', continueOnFail: true },
			);
			expect(String(result.json[0].error)).toBe(
				'Order 000000101: Signature method HMAC-SHA1 is not supported',
			);
			expect(String(result.json[0].errorDescription)).toContain('only HMAC-SHA256');
			expect((await testCredential(new Magento2StoreApi(), credentialsFor(m, 'oauth1'))).ok).toBe(
				false,
			);
			expectNoSecrets(m, result);
			m.setOptions({ release: '2.4.3' });
			const old = await run(
				m,
				{ resource: 'order', operation: 'get', orderId: '000000101' },
				{ auth: 'oauth1' },
			);
			expect(old.json[0].entity_id).toBe(207);
		});

		it('a Bearer integration token works up to 2.4.3; from 2.4.4 the hint names the real setting', async () => {
			m.setOptions({ release: '2.4.3' });
			const ok = await run(
				m,
				{ resource: 'order', operation: 'get', orderId: '000000101' },
				{ auth: 'bearer' },
			);
			expect(ok.json[0].entity_id).toBe(207);
			m.setOptions({ release: '2.4.4' });
			const refused = await run(
				m,
				{ resource: 'order', operation: 'get', orderId: '000000101' },
				{ auth: 'bearer', continueOnFail: true },
			);
			expect(String(refused.json[0].errorDescription)).toContain(
				'"Allow OAuth Access Tokens to be used as standalone Bearer tokens" is Yes',
			);
		});
	});

	it('Add Comment keeps the status before 2.4.7 (it sends the current one) and sets a chosen one; 2.4.7 ignores it', async () => {
		const comment = (status = '') =>
			run(m, {
				resource: 'order',
				operation: 'addComment',
				orderId: '000000101',
				comment: 'note',
				status,
			});
		m.setOptions({ release: '2.4.6' });
		await comment();
		expect(m.findOrder('000000101')!.status).toBe('processing');
		await comment('fraud');
		expect(m.findOrder('000000101')!.status).toBe('fraud');
		m.reset();
		m.setOptions({ release: '2.4.7' });
		await comment('fraud');
		expect(m.findOrder('000000101')!.status).toBe('processing');
		expect(m.state.comments).toHaveLength(1);
	});

	it("the README's integration grants cover every operation, the idempotency checks and the bundle lookup", async () => {
		m.setOptions({ integrationAcl: README_GRANTS });
		expect((await run(m, ship('000000301', bySap(SAP_SPRITE_LINES)))).json[0].created).toBe(true);
		expect((await run(m, ship('000000301', bySap(SAP_SPRITE_LINES)))).json[0]).toMatchObject({
			created: false,
			reason: 'a shipment with this tracking number exists',
		});
		const invoice = await run(m, {
			resource: 'invoice',
			operation: 'create',
			orderId: '000000106',
		});
		expect(invoice.json[0].created).toBe(true);
		const list = await run(m, { resource: 'shipment', operation: 'getMany', orderId: '000000301' });
		expect(list.json).toHaveLength(1);
		for (const operation of ['hold', 'unhold', 'cancel'])
			expect(
				(await run(m, { resource: 'order', operation, orderId: '000000106' })).json[0],
			).toBeDefined();
		m.setOptions({ integrationAcl: README_GRANTS.filter((g) => g !== 'Magento_Sales::shipment') });
		const missing = await run(m, ship('000000101'), { continueOnFail: true });
		expect(String(missing.json[0].error)).toBe(
			"Order 000000101: The consumer isn't authorized to access Magento_Sales::shipment.",
		);
		expect(m.state.shipments.filter((s) => s.order_id === 207)).toHaveLength(0);
	});

	it.each([
		[{ statuses: ['processing,complete'] }, 'Status "processing,complete" is not valid'],
		[{ storeIds: ['1 OR 1=1'] }, 'Store ID "1 OR 1=1" is not valid'],
		[
			{ alsoFetchIds: ['000000101,000000102'] },
			'Order increment ID "000000101,000000102" is not valid',
		],
		[
			{ alsoFetchIds: '207 208x', alsoFetchIdType: 'entity_id' },
			'Order entity ID "208x" is not valid',
		],
	])(
		'Get Many refuses filter values that are not what they claim: %j',
		async (filters, message) => {
			const result = await run(
				m,
				{ resource: 'order', operation: 'getMany', returnAll: true, filters },
				{ continueOnFail: true },
			);
			expect(String(result.json[0].error)).toBe(`Filters: ${message}`);
			expect(m.stats.byRoute['GET /V1/orders']).toBeUndefined();
		},
	);
});
