import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import { resetProcessStore } from '../../../nodes/shared/coordination/processStore';
import { SyncCheckpoint } from '../../../nodes/SyncCheckpoint/SyncCheckpoint.node';
import { runNode, type RunResult } from '../../helpers/n8n';

/** Per-item parameters as a workflow would set them: n8n expressions over the incoming item. */
const ID = '={{ $json.id }}';
const CURSOR = '={{ $json.cursor }}';
const CREATED = '={{ $json.created !== false }}';
const ERROR = '={{ $json.error }}';

function expectPaired(result: RunResult) {
	for (const output of result.outputs)
		for (const item of output) expect(item.pairedItem).toBeDefined();
}

describe('Sync Checkpoint node', () => {
	let staticData: IDataObject;
	beforeEach(() => {
		staticData = {};
		resetProcessStore(); // each test is a fresh n8n process
	});

	async function op(
		parameters: IDataObject,
		items?: IDataObject[] | INodeExecutionData[],
		continueOnFail = false,
	) {
		const result = await runNode(new SyncCheckpoint(), {
			parameters,
			items,
			staticData,
			continueOnFail,
		});
		expectPaired(result);
		return result;
	}
	const start = async (name = 'orders', initialCursor = '') =>
		(await op({ operation: 'start', checkpointName: name, initialCursor })).json[0];
	const fetched = (items: IDataObject[], name = 'orders') =>
		op(
			{
				operation: 'record',
				checkpointName: name,
				outcome: 'fetched',
				recordId: ID,
				recordCursor: CURSOR,
			},
			items,
		);
	const succeeded = (items: IDataObject[], name = 'orders') =>
		op(
			{
				operation: 'record',
				checkpointName: name,
				outcome: 'succeeded',
				recordId: ID,
				createdFlag: CREATED,
			},
			items,
		);
	const failed = (items: IDataObject[], name = 'orders') =>
		op(
			{
				operation: 'record',
				checkpointName: name,
				outcome: 'failed',
				recordId: ID,
				errorMessage: ERROR,
			},
			items,
		);
	const commit = async (maxAttempts?: number, name = 'orders') =>
		(
			await op({
				operation: 'commit',
				checkpointName: name,
				options: maxAttempts ? { maxAttempts } : {},
			})
		).json[0];

	it('runs first from the initial cursor, then from the committed one', async () => {
		const opened = await start('orders', '2026-01-01 00:00:00');
		expect(opened).toMatchObject({
			checkpoint: 'orders',
			cursor: '2026-01-01 00:00:00',
			retryIds: [],
			parkedIds: [],
			parked: [],
		});
		expect(typeof opened.runId).toBe('string');
		const items = [
			{ id: '000000101', cursor: '2026-01-02 10:00:00', created: true },
			{ id: '000000102', cursor: '2026-01-02T11:00:00+02:00', created: true },
			{ id: '000000103', cursor: '2026-01-01 12:00:00', created: false },
		];
		const passed = await fetched(items);
		expect(passed.json).toEqual(items);
		expect(passed.outputs[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		await succeeded(items);
		const summary = await commit();
		expect(summary).toMatchObject({
			checkpoint: 'orders',
			runId: opened.runId,
			cursorBefore: '2026-01-01 00:00:00',
			cursorAfter: '2026-01-02 10:00:00',
			fetched: 3,
			succeeded: 3,
			created: 2,
			alreadyPresent: 1,
			failed: 0,
			failures: [],
			retryIds: [],
			parked: [],
			parkedCount: 0,
			status: 'ok',
		});
		expect(typeof summary.finishedAt).toBe('string');
		expect((staticData.global as IDataObject)['syncCheckpoint:orders']).toMatchObject({
			cursor: '2026-01-02 10:00:00',
			pending: null,
		});
		// A changed initial cursor no longer matters once a cursor is stored.
		expect((await start('orders', '2025-01-01 00:00:00')).cursor).toBe('2026-01-02 10:00:00');
	});

	it('advances a watermark cursor by docEntry within the same second, and never back', async () => {
		await start('deliveries', '{"date":"2026-03-01","time":"00:00:00","docEntry":0}');
		await fetched(
			[
				{ id: '7', cursor: { date: '2026-03-01', time: '10:00:00', docEntry: 7 } },
				{ id: '9', cursor: { date: '2026-03-01', time: 100000, docEntry: 9 } },
				{ id: '20', cursor: { date: '2026-03-01', time: '09:59:59', docEntry: 20 } },
			],
			'deliveries',
		);
		let summary = await commit(undefined, 'deliveries');
		expect(summary.cursorBefore).toEqual({ date: '2026-03-01', time: '00:00:00', docEntry: 0 });
		expect(summary.cursorAfter).toEqual({ date: '2026-03-01', time: 100000, docEntry: 9 });

		expect((await start('deliveries')).cursor).toEqual({
			date: '2026-03-01',
			time: 100000,
			docEntry: 9,
		});
		await fetched(
			[{ id: '8', cursor: { date: '2026-03-01', time: '10:00:00', docEntry: 8 } }],
			'deliveries',
		);
		summary = await commit(undefined, 'deliveries');
		expect(summary.cursorAfter).toEqual({ date: '2026-03-01', time: 100000, docEntry: 9 });
	});

	it('keeps the cursor and still outputs a summary when nothing was fetched', async () => {
		await start('orders', '2026-01-01 00:00:00');
		const summary = await commit();
		expect(summary).toMatchObject({
			cursorBefore: '2026-01-01 00:00:00',
			cursorAfter: '2026-01-01 00:00:00',
			fetched: 0,
			succeeded: 0,
			failed: 0,
			status: 'ok',
		});
		expect((await start('orders')).cursor).toBe('2026-01-01 00:00:00');
	});

	it('puts failed records on the retry list and clears them when they succeed', async () => {
		await start();
		await fetched([
			{ id: 'A', cursor: '2026-01-02 00:00:00' },
			{ id: 'B', cursor: '2026-01-02 00:00:01' },
		]);
		// Auto: items from an error output carry `error`.
		await op(
			{
				operation: 'record',
				checkpointName: 'orders',
				outcome: 'auto',
				recordId: ID,
				createdFlag: CREATED,
				errorMessage: ERROR,
			},
			[
				{ json: { id: 'A', created: true } },
				{ json: { id: 'B', error: 'SAP B1: Customer C20000 is inactive' } },
			],
		);
		let summary = await commit();
		expect(summary).toMatchObject({
			fetched: 2,
			succeeded: 1,
			failed: 1,
			failures: [
				{ id: 'B', error: 'SAP B1: Customer C20000 is inactive', attempts: 1, parked: false },
			],
			retryIds: ['B'],
			status: 'partial',
			cursorAfter: '2026-01-02 00:00:01',
		});
		expect((await start()).retryIds).toEqual(['B']);
		await fetched([{ id: 'B' }]); // fetched by id: no cursor
		await succeeded([{ id: 'B', created: true }]);
		summary = await commit();
		expect(summary).toMatchObject({
			retryIds: [],
			failed: 0,
			status: 'ok',
			cursorAfter: '2026-01-02 00:00:01',
		});
	});

	it('parks a record after maxAttempts, reports it every run, clears it by Reset or by success', async () => {
		for (let attempt = 1; attempt <= 3; attempt++) {
			await start();
			await failed([
				{ id: 'P', error: `bad address (${attempt})` },
				{ id: 'Q', error: 'bad sku' },
			]);
			const summary = await commit(3);
			expect(summary.failures).toEqual([
				{ id: 'P', error: `bad address (${attempt})`, attempts: attempt, parked: attempt === 3 },
				{ id: 'Q', error: 'bad sku', attempts: attempt, parked: attempt === 3 },
			]);
		}
		const opened = await start();
		expect(opened.retryIds).toEqual([]);
		expect(opened.parkedIds).toEqual(['P', 'Q']);
		expect((opened.parked as IDataObject[])[0]).toMatchObject({
			id: 'P',
			attempts: 3,
			lastError: 'bad address (3)',
		});
		let summary = await commit(3);
		expect(summary).toMatchObject({ parkedCount: 2, status: 'partial', failed: 0 });
		expect((summary.parked as IDataObject[]).map((p) => p.id)).toEqual(['P', 'Q']);

		const reset = await op({
			operation: 'reset',
			checkpointName: 'orders',
			what: 'parked',
			ids: 'P',
		});
		expect(reset.json[0]).toMatchObject({ parkedIds: ['Q'] });
		await start();
		await succeeded([{ id: 'Q', created: false }]);
		summary = await commit(3);
		expect(summary).toMatchObject({ parked: [], parkedCount: 0, alreadyPresent: 1, status: 'ok' });
	});

	it('adds up several Record calls in one run (several branches)', async () => {
		await start();
		await fetched([
			{ id: '1', cursor: '2026-01-01 01:00:00' },
			{ id: '2', cursor: '2026-01-01 02:00:00' },
		]);
		await fetched([{ id: '3', cursor: '2026-01-01 03:00:00' }]);
		await succeeded([{ id: '1', created: true }]);
		await succeeded([{ id: '2', created: false }]);
		await failed([{ id: '3', error: 'timeout' }]);
		expect(
			(await op({ operation: 'get', checkpointName: 'orders' })).json[0].pendingRun,
		).toMatchObject({ fetched: 3, succeeded: 2, failed: 1 });
		const summary = await commit();
		expect(summary).toMatchObject({
			fetched: 3,
			succeeded: 2,
			created: 1,
			alreadyPresent: 1,
			failed: 1,
			cursorAfter: '2026-01-01 03:00:00',
			retryIds: ['3'],
		});
	});

	it("evaluates its parameters per item as n8n does ($json, $input, $('Input'), $itemIndex)", async () => {
		await start();
		const items = [
			{ id: 'a', cursor: 1 },
			{ id: 'b', cursor: 2 },
		];
		const recordId = "={{ $('Input').item.json.id }}-{{ $input.item.json.id }}-{{ $itemIndex }}";
		await op(
			{
				operation: 'record',
				checkpointName: '={{ "ord" + "ers" }}',
				outcome: 'fetched',
				recordId,
				recordCursor: CURSOR,
			},
			items,
		);
		await op(
			{
				operation: 'record',
				checkpointName: 'orders',
				outcome: 'failed',
				recordId,
				errorMessage: '={{ "e" + $itemIndex }}',
			},
			items,
		);
		const summary = await commit();
		expect(summary).toMatchObject({ fetched: 2, cursorAfter: 2 });
		expect(summary.failures).toEqual([
			{ id: 'a-a-0', error: 'e0', attempts: 1, parked: false },
			{ id: 'b-b-1', error: 'e1', attempts: 1, parked: false },
		]);
	});

	it('keeps checkpoints with different names apart', async () => {
		await start('orders', '2026-01-01 00:00:00');
		await start('deliveries', '5');
		await fetched([{ id: 'x', cursor: 9 }], 'deliveries');
		expect((await commit(undefined, 'deliveries')).cursorAfter).toBe(9);
		expect((await commit(undefined, 'orders')).cursorAfter).toBe('2026-01-01 00:00:00');
	});

	it('discards a run that was never committed', async () => {
		await start();
		await failed([{ id: 'lost', error: 'x' }]);
		await start();
		expect(await commit()).toMatchObject({ failed: 0, retryIds: [] });
	});

	it('refuses Commit and Record without Start', async () => {
		await expect(op({ operation: 'commit', checkpointName: 'orders' })).rejects.toThrow(
			NodeOperationError,
		);
		await expect(op({ operation: 'commit', checkpointName: 'orders' })).rejects.toThrow(
			'No run of checkpoint "orders" is open: Start Run has not run',
		);
		await expect(fetched([{ id: '1' }])).rejects.toThrow('No run of checkpoint "orders" is open');
		await start();
		await commit();
		await expect(op({ operation: 'commit', checkpointName: 'orders' })).rejects.toThrow(
			/Start Run has not run/,
		);
	});

	it('reports an empty record id per item', async () => {
		await start();
		await expect(
			fetched([
				{ id: '1', cursor: 1 },
				{ id: '', cursor: 2 },
			]),
		).rejects.toThrow('Item 1: Record ID is empty');
		const result = await op(
			{
				operation: 'record',
				checkpointName: 'orders',
				outcome: 'fetched',
				recordId: ID,
				recordCursor: CURSOR,
			},
			[
				{ id: '1', cursor: 1 },
				{ id: '  ', cursor: 2 },
				{ id: '3', cursor: 3 },
			],
			true,
		);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.json[1]).toEqual({ error: 'Item 1: Record ID is empty', checkpoint: 'orders' });
		expect(result.outputs[0][1].error).toBeInstanceOf(NodeOperationError);
		expect(await commit()).toMatchObject({ fetched: 2, cursorAfter: 3 });
	});

	it('reports a bad cursor naming the record', async () => {
		await start();
		await expect(fetched([{ id: '000000042', cursor: { time: '10:00:00' } }])).rejects.toThrow(
			/Record 000000042: Record Cursor: invalid cursor/,
		);
		await expect(
			op({ operation: 'start', checkpointName: 'other', initialCursor: '{"date":' }),
		).rejects.toThrow(/Initial Cursor: .*not valid JSON/);
	});

	it('resets the cursor, the retry list, everything; Get State shows the state', async () => {
		await start('orders', '2026-01-01 00:00:00');
		await fetched([{ id: 'a', cursor: '2026-01-03 00:00:00' }]);
		await failed([{ id: 'a', error: 'e' }]);
		await commit();
		let state = (await op({ operation: 'get', checkpointName: 'orders' })).json[0];
		expect(state).toMatchObject({
			cursor: '2026-01-03 00:00:00',
			retryIds: ['a'],
			pendingRun: null,
			lastRun: { failed: 1, status: 'failed' },
		});
		state = (
			await op({
				operation: 'reset',
				checkpointName: 'orders',
				what: 'cursor',
				cursor: '2026-01-02 00:00:00',
			})
		).json[0];
		expect(state.cursor).toBe('2026-01-02 00:00:00');
		state = (await op({ operation: 'reset', checkpointName: 'orders', what: 'retry' })).json[0];
		expect(state.retryIds).toEqual([]);
		state = (await op({ operation: 'reset', checkpointName: 'orders', what: 'all' })).json[0];
		expect(state).toMatchObject({ cursor: null, retryIds: [], parkedIds: [], lastRun: null });
		expect((await start('orders', '2026-02-01 00:00:00')).cursor).toBe('2026-02-01 00:00:00');
	});
});
