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
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resetProcessStore } from '../../../nodes/shared/coordination/processStore';
import { SyncCheckpoint } from '../../../nodes/SyncCheckpoint/SyncCheckpoint.node';
import { runNode } from '../../helpers/n8n';
import { run, start } from './setup';

/** The orders template's Record Fetched cursor expression, as shipped. */
const templateRecordCursor = (): string => {
	const file = path.join(__dirname, '../../../workflows/sync-orders-chain.json');
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as {
		nodes: Array<{ name: string; parameters: IDataObject }>;
	};
	return String(
		workflow.nodes.find((n) => n.name === 'Checkpoint: Record Fetched')!.parameters.recordCursor,
	);
};

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

	it("a retry-list order changed after the limit's end does not move the cursor past unread orders (the template's Record Fetched)", async () => {
		resetProcessStore();
		const staticData: IDataObject = {};
		const checkpoint = (parameters: IDataObject, items?: IDataObject[]) =>
			runNode(new SyncCheckpoint(), {
				parameters: { checkpointName: 'orders', coordination: 'process', ...parameters },
				items,
				staticData,
				executionId: 'bounded-1',
			});
		await checkpoint({ operation: 'start', initialCursor: '2026-09-30 00:00:00' });
		const late = backlog[backlog.length - 1]; // on the retry list, changed long after the window
		const result = await run(m, {
			resource: 'order',
			operation: 'getMany',
			returnAll: false,
			limit: 50,
			filters: { changedAfter: '2026-09-30 00:00:00', alsoFetchIds: late.increment_id },
		});
		expect(result.json).toHaveLength(51);
		await checkpoint(
			{
				operation: 'record',
				outcome: 'fetched',
				recordId: '={{ $json.increment_id }}',
				recordCursor: templateRecordCursor(),
				remaining: '={{ $json.remaining }}',
			},
			result.json,
		);
		const summary = (await checkpoint({ operation: 'commit' })).json[0];
		const lastOfWindow = backlog[49];
		expect(summary.cursorAfter).toEqual({
			at: lastOfWindow.updated_at,
			id: lastOfWindow.entity_id,
		});
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
