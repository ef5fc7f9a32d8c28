/**
 * Order → Get Many's Custom Filters and Sort, and the Simplify option of Get and Get Many: what
 * reaches Magento's searchCriteria (read where the emulator parses it), what comes back, and the
 * field names refused before any request.
 */
import type { IDataObject } from 'n8n-workflow';
import type { MagentoEmulator } from '../../emulators/magento';
import * as emulatorCriteria from '../../emulators/magento/searchCriteria';
import type { SearchCriteria } from '../../emulators/magento/searchCriteria';
import { start, run } from './setup';

type Row = Record<string, unknown>;

describe('Magento 2 Store: Get Many custom filters and sort, Simplify', () => {
	let m: MagentoEmulator;
	let sent: SearchCriteria[];
	beforeAll(async () => {
		m = await start();
	});
	afterAll(async () => m.close());
	beforeEach(() => {
		m.reset();
		sent = [];
		const read = emulatorCriteria.readSearchCriteria;
		jest.spyOn(emulatorCriteria, 'readSearchCriteria').mockImplementation((q, paging) => {
			const criteria = read(q, paging);
			sent.push(criteria);
			return criteria;
		});
	});
	afterEach(() => jest.restoreAllMocks());

	const orders = () => m.state.orders as unknown as Row[];
	const byKey = (a: Row, b: Row) =>
		`${String(a.updated_at)} ${String(a.entity_id).padStart(6, '0')}` <
		`${String(b.updated_at)} ${String(b.entity_id).padStart(6, '0')}`
			? -1
			: 1;
	const getMany = (extra: IDataObject) =>
		run(m, { resource: 'order', operation: 'getMany', returnAll: true, ...extra });
	const ordersRequests = () => m.requestLog.filter((r) => r.route === 'GET /V1/orders');

	it('sends each Custom Filter row as its own filter group (ANDed) and returns the orders matching all', async () => {
		const result = await getMany({
			filters: { storeIds: ['1'] },
			customFilters: {
				filter: [
					{ field: 'customer_email', condition: 'like', value: '%@example.com' },
					{ field: 'status', condition: 'in', value: 'processing, pending' },
					{ field: 'coupon_code', condition: 'null' },
					{ field: 'grand_total', condition: 'gteq', value: '40' },
				],
			},
		});
		expect(ordersRequests()).toHaveLength(1);
		expect(sent[0].filter_groups).toEqual([
			{ filters: [{ field: 'store_id', value: '1', condition_type: 'in' }] },
			{ filters: [{ field: 'customer_email', value: '%@example.com', condition_type: 'like' }] },
			{ filters: [{ field: 'status', value: 'processing,pending', condition_type: 'in' }] },
			{ filters: [{ field: 'coupon_code', value: '', condition_type: 'null' }] },
			{ filters: [{ field: 'grand_total', value: '40', condition_type: 'gteq' }] },
		]);
		const expected = orders()
			.filter(
				(o) =>
					o.store_id === 1 &&
					String(o.customer_email).endsWith('@example.com') &&
					['processing', 'pending'].includes(String(o.status)) &&
					(o.coupon_code === null || o.coupon_code === undefined) &&
					Number(o.grand_total) >= 40,
			)
			.sort(byKey)
			.map((o) => o.increment_id);
		expect(expected.length).toBeGreaterThan(1);
		expect(expected.length).toBeLessThan(orders().length);
		expect(result.json.map((o) => o.increment_id)).toEqual(expected);
	});

	it.each([
		[
			'neq',
			'customer_email',
			'roni_cost@example.com',
			(o: Row) => o.customer_email !== 'roni_cost@example.com',
		],
		[
			'nin',
			'increment_id',
			'000000101,000000102',
			(o: Row) => !['000000101', '000000102'].includes(String(o.increment_id)),
		],
		['gt', 'grand_total', '100', (o: Row) => Number(o.grand_total) > 100],
		['lt', 'grand_total', '40', (o: Row) => Number(o.grand_total) < 40],
		['lteq', 'entity_id', '203', (o: Row) => Number(o.entity_id) <= 203],
		[
			'from',
			'created_at',
			'2026-11-21 00:00:00',
			(o: Row) => String(o.created_at) >= '2026-11-21 00:00:00',
		],
		[
			'to',
			'created_at',
			'2026-11-12 23:59:59',
			(o: Row) => String(o.created_at) <= '2026-11-12 23:59:59',
		],
		[
			'notnull',
			'coupon_code',
			'',
			(o: Row) => o.coupon_code !== null && o.coupon_code !== undefined,
		],
		[
			'nlike',
			'customer_email',
			'%example.com',
			(o: Row) => !String(o.customer_email).endsWith('example.com'),
		],
		['finset', 'status', 'pending', (o: Row) => o.status === 'pending'],
		['eq', 'order_currency_code', 'EUR', (o: Row) => o.order_currency_code === 'EUR'],
	] as const)(
		'condition %s on %s returns the orders Magento would',
		async (condition, field, value, keep) => {
			const result = await getMany({ customFilters: { filter: [{ field, condition, value }] } });
			expect(sent[0].filter_groups).toEqual([
				{ filters: [{ field, value, condition_type: condition }] },
			]);
			const expected = orders()
				.filter(keep)
				.sort(byKey)
				.map((o) => o.increment_id);
			expect(expected.length).toBeGreaterThan(0);
			expect(result.json.map((o) => o.increment_id)).toEqual(expected);
		},
	);

	it('sorts by the chosen field then entity_id, across pages; with Changed After the cursor order stays', async () => {
		const sorted = await getMany({
			pageSize: 4,
			sort: { sortBy: { field: 'grand_total', direction: 'DESC' } },
		});
		expect(sent[0].sort_orders).toEqual([
			{ field: 'grand_total', direction: 'DESC' },
			{ field: 'entity_id', direction: 'DESC' },
		]);
		expect(ordersRequests().length).toBeGreaterThan(1);
		const expected = [...orders()]
			.sort(
				(a, b) =>
					Number(b.grand_total) - Number(a.grand_total) ||
					Number(b.entity_id) - Number(a.entity_id),
			)
			.map((o) => o.increment_id);
		expect(sorted.json.map((o) => o.increment_id)).toEqual(expected);

		sent = [];
		const cursor = await getMany({
			filters: { changedAfter: '2026-11-21 00:00:00' },
			sort: { sortBy: { field: 'grand_total', direction: 'DESC' } },
		});
		expect(sent[0].sort_orders).toEqual([
			{ field: 'updated_at', direction: 'ASC' },
			{ field: 'entity_id', direction: 'ASC' },
		]);
		const keys = cursor.json.map((o) => `${o.updated_at} ${String(o.entity_id).padStart(6, '0')}`);
		expect(keys.length).toBeGreaterThan(1);
		expect(keys).toEqual([...keys].sort());
	});

	it.each([
		[
			{
				customFilters: {
					filter: [{ field: 'customer_email; DROP TABLE x', condition: 'eq', value: 'a' }],
				},
			},
			'Custom filter 1: field "customer_email; DROP TABLE x" is not a Magento field name',
		],
		[
			{
				customFilters: {
					filter: [
						{ field: 'status', condition: 'eq', value: 'x' },
						{ field: 'Grand_Total', condition: 'gt', value: '1' },
					],
				},
			},
			'Custom filter 2: field "Grand_Total" is not a Magento field name',
		],
		[
			{ customFilters: { filter: [{ field: 'status', condition: 'in', value: ' , ' }] } },
			'Custom filter 1 (status): in needs at least one value',
		],
		[
			{ customFilters: { filter: [{ field: 'status', condition: 'finset', value: 'a,b' }] } },
			'Custom filter 1 (status): a Find in Set value cannot contain a comma',
		],
		[
			{ customFilters: { filter: [{ field: 'status', condition: 'regexp', value: 'a' }] } },
			`Custom filter 1: condition "regexp" is not one of Magento's condition types`,
		],
		[
			{ sort: { sortBy: { field: 'created_at desc', direction: 'ASC' } } },
			'Sort: field "created_at desc" is not a Magento field name',
		],
	])('refuses %j before any request', async (params, message) => {
		await expect(getMany(params as IDataObject)).rejects.toThrow(message);
		expect(ordersRequests()).toHaveLength(0);
		expect(m.stats.byRoute['GET /V1/orders']).toBeUndefined();
	});

	it('Simplify on Get returns the compact order (configurable children left out)', async () => {
		const full = m.findOrder('000000102')! as unknown as Row & { items: Row[] };
		const result = await run(m, {
			resource: 'order',
			operation: 'get',
			orderId: '000000102',
			simplify: true,
		});
		const address = (
			full.extension_attributes as {
				shipping_assignments: Array<{ shipping: { address: Row } }>;
			}
		).shipping_assignments[0].shipping.address;
		expect(address.city).toBeTruthy();
		expect(result.json).toHaveLength(1);
		expect(result.json[0]).toEqual({
			entity_id: 208,
			increment_id: '000000102',
			status: full.status,
			state: full.state,
			created_at: full.created_at,
			updated_at: full.updated_at,
			customer_email: 'veronica.costello@example.com',
			customer_name: `${String(full.customer_firstname)} ${String(full.customer_lastname)}`,
			grand_total: Number(full.grand_total),
			currency: full.order_currency_code,
			store_id: 1,
			items: [
				{
					sku: 'MH01-M-Gray',
					name: full.items.find((i) => i.product_type === 'configurable')!.name,
					qty_ordered: 1,
					qty_shipped: 0,
					price: Number(full.items.find((i) => i.product_type === 'configurable')!.price),
					product_type: 'configurable',
				},
			],
			shipping_city: address.city,
			shipping_country: address.country_id,
			payment_method: 'checkmo',
		});
		expect(full.items.length).toBe(2); // the simple row under the configurable is not output
		const plain = await run(m, { resource: 'order', operation: 'get', orderId: '000000102' });
		expect(plain.json[0].items).toHaveLength(2);
		expect(plain.json[0].payment).toBeDefined();
	});

	it('Simplify on Get Many keeps remaining (cursor) and alsoFetched; a guest is named from the billing address', async () => {
		const result = await run(m, {
			resource: 'order',
			operation: 'getMany',
			limit: 2,
			simplify: true,
			filters: { changedAfter: '2026-11-20 00:00:00', alsoFetchIds: '000000093' },
		});
		expect(result.json).toHaveLength(3);
		const changed = orders().filter((o) => String(o.updated_at) >= '2026-11-20 00:00:00').length;
		expect(result.json[0].remaining).toBe(changed - 2);
		expect(result.json[0].alsoFetched).toBeUndefined();
		const guest = result.json[2];
		expect(guest).toMatchObject({
			increment_id: '000000093',
			alsoFetched: true,
			customer_email: 'sam.guest@example.net',
			customer_name: "Sam O'Connor",
			payment_method: 'paypal_express',
		});
		expect(Object.keys(result.json[0]).sort()).toEqual(
			[
				'entity_id',
				'increment_id',
				'status',
				'state',
				'created_at',
				'updated_at',
				'customer_email',
				'customer_name',
				'grand_total',
				'currency',
				'store_id',
				'items',
				'shipping_city',
				'shipping_country',
				'payment_method',
				'remaining',
			].sort(),
		);
	});
});
