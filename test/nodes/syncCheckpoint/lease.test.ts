/**
 * The checkpoint's lease, at node level: overlapping runs (a scheduled run longer than its
 * interval, Run Now during a scheduled run, two workers) never work one checkpoint at once; a run
 * that finds it held ends at once as "skipped" and touches nothing; a dead run's lease runs out;
 * a run whose lease was lost cannot write its state over a newer one. In this process's memory and
 * in Redis.
 */
import type { IDataObject, WorkflowExecuteMode } from 'n8n-workflow';
import { resetProcessStore } from '../../../nodes/shared/coordination/processStore';
import { SyncCheckpoint } from '../../../nodes/SyncCheckpoint/SyncCheckpoint.node';
import { redisCredentialType } from '../../helpers/credentials';
import { runNode, type CredentialStore } from '../../helpers/n8n';
import { startRedis, type RedisServer } from '../../helpers/redis';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: RedisServer;
beforeAll(async () => {
	redis = await startRedis();
});
afterAll(async () => redis.stop());

describe.each(['process', 'redis'] as const)('Sync Checkpoint lease (%s)', (coordination) => {
	let staticData: IDataObject;
	let checkpointName: string;
	let n = 0;
	beforeEach(() => {
		resetProcessStore();
		staticData = {};
		checkpointName = `orders-${coordination}-${++n}-${process.pid}`;
	});
	const credentials = (): CredentialStore => ({
		redis: { host: '127.0.0.1', port: redis.port, database: 0 },
	});
	const op = (
		executionId: string,
		parameters: IDataObject,
		items?: IDataObject[],
		mode?: WorkflowExecuteMode,
	) =>
		runNode(new SyncCheckpoint(), {
			parameters: { checkpointName, coordination, ...parameters },
			items,
			staticData,
			executionId,
			mode,
			credentials: coordination === 'redis' ? credentials() : {},
			credentialTypes: [redisCredentialType],
		});
	const start = (executionId: string, startOptions: IDataObject = {}, mode?: WorkflowExecuteMode) =>
		op(
			executionId,
			{ operation: 'start', initialCursor: '2026-01-01 00:00:00', startOptions },
			undefined,
			mode,
		);
	const commit = (executionId: string, mode?: WorkflowExecuteMode) =>
		op(executionId, { operation: 'commit' }, undefined, mode);

	it('lets exactly one of three concurrent runs start; the others leave by Skipped, naming the holder', async () => {
		const results = await Promise.all(['e1', 'e2', 'e3'].map((id) => start(id)));
		const running = results.filter((r) => r.outputs[0].length === 1);
		const skipped = results.filter((r) => r.outputs[1].length === 1);
		expect(running).toHaveLength(1);
		expect(skipped).toHaveLength(2);
		expect(typeof running[0].outputs[0][0].json.runId).toBe('string');
		const holder = results.indexOf(running[0]);
		for (const s of skipped) {
			expect(s.outputs[0]).toEqual([]);
			expect(s.outputs[1][0].json).toMatchObject({
				status: 'skipped',
				checkpoint: checkpointName,
				heldBy: { executionId: `e${holder + 1}` },
				coordination,
			});
		}
		// The skipped runs touched nothing; after the holder commits, the next run starts.
		await commit(`e${holder + 1}`);
		expect((await start('e4')).outputs[0]).toHaveLength(1);
	});

	it('a dead run (no Record, no Commit) holds the checkpoint only for the Lease Timeout', async () => {
		expect((await start('dead', { leaseSeconds: 1 })).outputs[0]).toHaveLength(1);
		expect((await start('next')).outputs[1]).toHaveLength(1);
		await sleep(1100);
		expect((await start('next')).outputs[0]).toHaveLength(1);
	});

	it('Record renews the lease; a run whose lease ran out and was taken over can neither record nor commit', async () => {
		await start('slow', { leaseSeconds: 1 });
		await sleep(600);
		await op(
			'slow',
			{
				operation: 'record',
				outcome: 'fetched',
				recordId: 'a',
				recordCursor: '2026-01-02 00:00:00',
			},
			[{}],
		);
		await sleep(600); // 1.2 s after Start, 0.6 s after the renewal: still held
		expect((await start('other')).outputs[1]).toHaveLength(1);
		await sleep(1100); // now it runs out
		expect((await start('other')).outputs[0]).toHaveLength(1);
		await op(
			'other',
			{
				operation: 'record',
				outcome: 'fetched',
				recordId: 'b',
				recordCursor: '2026-01-03 00:00:00',
			},
			[{}],
		);
		await expect(
			op('slow', { operation: 'record', outcome: 'failed', recordId: 'a', errorMessage: 'x' }, [
				{},
			]),
		).rejects.toThrow(/lost its lease/);
		await expect(commit('slow')).rejects.toThrow(
			/results were not saved: the lease ran out and run other/,
		);
		const summary = (await commit('other')).json[0];
		expect(summary).toMatchObject({ cursorAfter: '2026-01-03 00:00:00', fetched: 1 });
		// The late run never wrote over it.
		expect((await op('x', { operation: 'get' })).json[0]).toMatchObject({
			cursor: '2026-01-03 00:00:00',
			retryIds: [],
		});
	});

	it('a run that outlived its lease commits when nobody took over (nothing newer to protect)', async () => {
		await start('slow', { leaseSeconds: 1 });
		await op(
			'slow',
			{
				operation: 'record',
				outcome: 'fetched',
				recordId: 'a',
				recordCursor: '2026-01-02 00:00:00',
			},
			[{}],
		);
		await sleep(1100);
		expect((await commit('slow')).json[0]).toMatchObject({ cursorAfter: '2026-01-02 00:00:00' });
	});

	it('an editor test run takes the lease (no overlap) but never moves the checkpoint', async () => {
		expect((await start('editor', {}, 'manual')).outputs[0]).toHaveLength(1);
		expect((await start('scheduled')).outputs[1]).toHaveLength(1);
		await op(
			'editor',
			{
				operation: 'record',
				outcome: 'fetched',
				recordId: 'a',
				recordCursor: '2026-01-05 00:00:00',
			},
			[{}],
			'manual',
		);
		expect((await commit('editor', 'manual')).json[0]).toMatchObject({
			saved: false,
			cursorAfter: '2026-01-05 00:00:00',
		});
		const scheduled = await start('scheduled');
		expect(scheduled.outputs[0][0].json.cursor).toBe('2026-01-01 00:00:00');
	});
});
