/**
 * Bounded runs of the orders fetch: Get Many with a sync cursor ({ at, id }) and a Limit (the
 * checkpoint's Max Records Per Run) works a backlog off run after run: nothing skipped, nothing
 * fetched twice, even when more orders than the limit share one updated_at second; each item says
 * how many remain.
 */
import type { IDataObject } from 'n8n-workflow';
import { parseChangedAfter } from '../../../nodes/Magento2Store/actions/order/getMany.operation';
import type { MagentoEmulator } from '../../emulators/magento';
import { generateOrders, magentoSeed } from '../../emulators/seed/magento';
import { run, start } from './setup';

describe('Magento 2 Store: Get Many with a sync cursor and a limit', () => {
	let m: MagentoEmulator;
	const backlog = generateOrders(230, { from: '2026-10-01 00:00:00' }).orders;
	// 60 orders changed in the same second (a mass status change in the admin), more than one run's limit.
	for (const order of backlog.slice(100, 160)) order.updated_at = '2026-10-02 12:00:00';
	backlog.sort((a, b) =>
		a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.entity_id - b.entity_id,
	);
	beforeAll(async () => {
		m = await start({ seed: { ...magentoSeed(), orders: backlog, invoices: [] } });
	});
	afterAll(async () => m.close());

	it('reads every order exactly once over successive runs of 50, and says how many remain', async () => {
		let cursor: IDataObject | string = '2026-09-30 00:00:00';
		const seen: string[] = [];
		const remainingPerRun: number[] = [];
		for (let runs = 0; runs < 20; runs++) {
			const result = await run(m, {
				resource: 'order',
				operation: 'getMany',
				returnAll: false,
				limit: 50,
				pageSize: 20,
				filters: { changedAfter: cursor },
			});
			if (result.json.length === 0) break;
			seen.push(...result.json.map((o) => String(o.increment_id)));
			remainingPerRun.push(Number(result.json[0].remaining));
			const last = result.json[result.json.length - 1];
			cursor = { at: String(last.updated_at), id: Number(last.entity_id) };
		}
		expect(seen).toHaveLength(backlog.length);
		expect(new Set(seen).size).toBe(backlog.length);
		expect(seen).toEqual(backlog.map((o) => o.increment_id));
		expect(remainingPerRun).toEqual([180, 130, 80, 30, 0]);
	});

	it('reads the cursor as a timestamp, an object or JSON text, and refuses nonsense naming the field', () => {
		expect(parseChangedAfter('2026-10-02T12:00:00Z')).toEqual({ at: '2026-10-02 12:00:00' });
		expect(parseChangedAfter({ at: '2026-10-02 12:00:00', id: 7 })).toEqual({
			at: '2026-10-02 12:00:00',
			id: 7,
		});
		expect(parseChangedAfter('{"at":"2026-10-02 12:00:00","id":"8"}')).toEqual({
			at: '2026-10-02 12:00:00',
			id: 8,
		});
		expect(parseChangedAfter('')).toBeUndefined();
		expect(() => parseChangedAfter({ id: 3 })).toThrow(/Changed After needs "at"/);
		expect(() => parseChangedAfter({ at: '2026-10-02', id: 'x' })).toThrow(/Changed After "id" x/);
	});
});
