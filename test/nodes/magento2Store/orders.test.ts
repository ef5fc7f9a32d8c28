import type { MagentoEmulator } from '../../emulators/magento';
import { start, run, expectNoSecrets } from './setup';

describe('Magento 2 Store: orders', () => {
	let m: MagentoEmulator;
	beforeAll(async () => {
		m = await start();
	});
	afterAll(async () => m.close());
	beforeEach(() => m.reset());

	it('gets an order by increment id and by entity id', async () => {
		const byIncrement = await run(m, { resource: 'order', operation: 'get', orderId: '000000102' });
		expect(byIncrement.json).toHaveLength(1);
		expect(byIncrement.json[0]).toMatchObject({ entity_id: 208, increment_id: '000000102' });
		expect(byIncrement.outputs[0][0].pairedItem).toEqual({ item: 0 });
		const byEntity = await run(m, {
			resource: 'order',
			operation: 'get',
			orderIdType: 'entityId',
			orderId: '208',
		});
		expect(byEntity.json[0].increment_id).toBe('000000102');
	});

	it('reports an unknown order per item and goes on with continueOnFail', async () => {
		const bad = await run(
			m,
			{ resource: 'order', operation: 'get', orderIdType: 'entityId', orderId: '999' },
			{ continueOnFail: true, items: [{ a: 1 }, { a: 2 }] },
		);
		expect(bad.json).toHaveLength(2);
		expect(bad.json[0].error).toMatch(/^Order \(entity ID 999\): /);
		expect(bad.json[0].orderId).toBe('999');
		expect(bad.outputs[0][0].error).toBeDefined();
		expect(bad.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		await expect(
			run(m, { resource: 'order', operation: 'get', orderId: '000000999' }),
		).rejects.toThrow('Order 000000999 not found in Magento');
		expectNoSecrets(m, bad);
	});

	it.each(['2.3', '2.4'] as const)(
		'Get Many with Return All reads every page once, sorted, without duplicates (Magento %s)',
		async (version) => {
			m.setOptions({ version });
			const result = await run(m, {
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				pageSize: 5,
			});
			const ids = result.json.map((o) => o.entity_id);
			expect(ids).toHaveLength(18);
			expect(new Set(ids).size).toBe(18);
			const keys = result.json.map(
				(o) => `${o.updated_at} ${String(o.entity_id).padStart(6, '0')}`,
			);
			expect(keys).toEqual([...keys].sort());
			expect(m.stats.byRoute['GET /V1/orders']).toBe(4); // 5 + 5 + 5 + 3
			expect(result.outputs[0].every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(
				true,
			);
		},
	);

	it.each(['2.3', '2.4'] as const)(
		'Get Many stops on a page past the end when total_count is a multiple of the page size (Magento %s)',
		async (version) => {
			m.setOptions({ version });
			const result = await run(m, {
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				pageSize: 6,
			});
			expect(result.json).toHaveLength(18);
			expect(m.stats.byRoute['GET /V1/orders']).toBe(3);
		},
	);

	it('Get Many honours Limit, updated since, statuses and the also-fetch list', async () => {
		const limited = await run(m, {
			resource: 'order',
			operation: 'getMany',
			limit: 7,
			pageSize: 3,
		});
		expect(limited.json).toHaveLength(7);
		const filtered = await run(m, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: {
				updatedSince: '2026-11-20T00:00:00',
				statuses: ['processing', 'pending'],
				alsoFetchIds: '000000090, 000000101',
			},
		});
		const incs = filtered.json.map((o) => o.increment_id);
		expect(incs).toEqual([
			'000000101',
			'000000102',
			'000000103',
			'000000104',
			'000000105',
			'000000106',
			'000000107',
			'000000108',
			'000000109',
			'000000110',
			'000000090',
		]);
		// An order on the also-fetch list (a retry list) is read whatever its status now is: a failed
		// order that was cancelled since must still be read, or it would never leave the retry list.
		const retried = await run(m, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: {
				updatedSince: '2026-11-23T00:00:00',
				statuses: ['processing', 'pending'],
				alsoFetchIds: '000000111',
			},
		});
		expect(retried.json.map((o) => [o.increment_id, o.status])).toEqual([
			['000000111', 'canceled'],
		]);
		const otherStore = await run(m, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: { updatedSince: '2026-11-23T00:00:00', storeIds: ['2'], alsoFetchIds: '000000111' },
		});
		expect(otherStore.json).toEqual([]); // the store filter still applies
		const sinceWithZone = await run(m, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: { updatedSince: '2026-11-22T12:00:00+01:00' },
		});
		expect(sinceWithZone.json.map((o) => o.increment_id)).toEqual(['000000112']);
		const de = await run(m, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: { storeIds: ['2'] },
		});
		expect(de.json.map((o) => o.increment_id)).toEqual(['000000109']);
	});

	it('adds a comment, and holds, unholds and cancels', async () => {
		const comment = await run(m, {
			resource: 'order',
			operation: 'addComment',
			orderId: '000000101',
			comment: 'Created in SAP B1 as sales order 1234',
		});
		expect(comment.json[0]).toEqual({
			success: true,
			orderId: 207,
			incrementId: '000000101',
			comment: 'Created in SAP B1 as sales order 1234',
		});
		expect(m.state.comments.map((c) => [c.order_increment_id, c.comment])).toEqual([
			['000000101', 'Created in SAP B1 as sales order 1234'],
		]);
		expect(m.state.emails).toHaveLength(0);

		const hold = await run(m, { resource: 'order', operation: 'hold', orderId: '000000106' });
		expect(hold.json[0]).toMatchObject({
			success: true,
			incrementId: '000000106',
			state: 'holded',
		});
		const unhold = await run(m, { resource: 'order', operation: 'unhold', orderId: '000000106' });
		expect(unhold.json[0]).toMatchObject({ success: true, state: 'new' });
		const cancel = await run(m, {
			resource: 'order',
			operation: 'cancel',
			orderIdType: 'entityId',
			orderId: '212',
		});
		expect(cancel.json[0]).toMatchObject({
			success: true,
			incrementId: '000000106',
			state: 'canceled',
		});
		expect(m.findOrder('000000106')!.state).toBe('canceled');
	});

	it('names the order and fills Magento placeholders in per-item errors', async () => {
		const result = await run(
			m,
			{ resource: 'order', operation: 'hold', orderId: '000000111' },
			{ continueOnFail: true },
		);
		expect(result.json[0]).toMatchObject({ incrementId: '000000111', orderId: 217 });
		expect(String(result.json[0].error)).toMatch(/^Order 000000111: /);
		expect(String(result.json[0].error)).not.toMatch(/%\w/);
	});
});
