import {
	commitRun,
	describeState,
	emptyState,
	readState,
	recordOutcomes,
	resetState,
	retryIds,
	startRun,
	type CheckpointState,
	type Outcome,
} from '../../../nodes/SyncCheckpoint/state';

const T0 = '2026-01-01T00:00:00.000Z';

function run(
	state: CheckpointState,
	outcomes: Outcome[],
	now: string,
	maxAttempts = 5,
	initialCursor: string | null = null,
) {
	const started = startRun(state, { runId: `run-${now}`, now, initialCursor }).state;
	const recorded = { ...started, pending: recordOutcomes(started.pending!, outcomes) };
	return commitRun(recorded, { checkpoint: 'orders', now, maxAttempts });
}

describe('checkpoint state', () => {
	it('reads whatever static data holds into a complete state', () => {
		expect(readState(undefined)).toEqual(emptyState());
		expect(readState({ cursor: 5 })).toEqual({ ...emptyState(), cursor: 5 });
		expect(readState({ pending: { runId: 'r' } }).pending).toEqual({
			runId: 'r',
			cursorBefore: null,
			fetched: {},
			succeeded: {},
			failed: {},
		});
	});

	it('starts from the initial cursor only while no cursor is stored, and discards a stale run', () => {
		const first = startRun(emptyState(), {
			runId: 'a',
			now: T0,
			initialCursor: '2026-01-01 00:00:00',
		});
		expect(first.pending.cursorBefore).toBe('2026-01-01 00:00:00');
		expect(first.discarded).toBeNull();
		const again = startRun(
			{ ...first.state, cursor: '2026-02-01 00:00:00' },
			{ runId: 'b', now: T0, initialCursor: '2026-01-01 00:00:00' },
		);
		expect(again.pending.cursorBefore).toBe('2026-02-01 00:00:00');
		expect(again.discarded?.runId).toBe('a');
	});

	it('merges repeated outcomes: greatest cursor, created wins, last error', () => {
		const { pending } = startRun(emptyState(), { runId: 'a', now: T0, initialCursor: null });
		const merged = recordOutcomes(pending, [
			{ kind: 'fetched', id: '1', cursor: '2026-01-02 00:00:00' },
			{ kind: 'fetched', id: '1', cursor: '2026-01-01 00:00:00' },
			{ kind: 'succeeded', id: '2', created: true },
			{ kind: 'succeeded', id: '2', created: false },
			{ kind: 'failed', id: '3', error: 'first' },
			{ kind: 'failed', id: '3', error: 'second' },
		]);
		expect(merged.fetched).toEqual({ '1': '2026-01-02 00:00:00' });
		expect(merged.succeeded).toEqual({ '2': true });
		expect(merged.failed).toEqual({ '3': 'second' });
		expect(pending.fetched).toEqual({}); // input untouched
	});

	it('puts failures on the retry list, parks them at maxAttempts, clears them on success', () => {
		let state = emptyState();
		const fail: Outcome[] = [
			{ kind: 'fetched', id: 'X', cursor: null },
			{ kind: 'failed', id: 'X', error: 'boom' },
		];
		let result = run(state, fail, '2026-01-01T01:00:00.000Z', 3);
		expect(result.summary.failures).toEqual([
			{ id: 'X', error: 'boom', attempts: 1, parked: false },
		]);
		expect(result.summary.status).toBe('failed');
		state = result.state;
		expect(retryIds(state)).toEqual(['X']);
		state = run(state, fail, '2026-01-01T02:00:00.000Z', 3).state;
		result = run(state, fail, '2026-01-01T03:00:00.000Z', 3);
		expect(result.summary.failures[0]).toMatchObject({ attempts: 3, parked: true });
		expect(result.summary.retryIds).toEqual([]);
		expect(result.summary.parked).toEqual([
			{
				id: 'X',
				attempts: 3,
				lastError: 'boom',
				firstFailedAt: '2026-01-01T01:00:00.000Z',
				lastFailedAt: '2026-01-01T03:00:00.000Z',
			},
		]);
		state = result.state;
		result = run(state, [], '2026-01-01T04:00:00.000Z', 3);
		expect(result.summary).toMatchObject({ parkedCount: 1, status: 'partial', failed: 0 });
		result = run(
			result.state,
			[{ kind: 'succeeded', id: 'X', created: true }],
			'2026-01-01T05:00:00.000Z',
			3,
		);
		expect(result.summary).toMatchObject({
			parkedCount: 0,
			parked: [],
			retryIds: [],
			status: 'ok',
			created: 1,
		});
	});

	it('counts a record that failed in some step as failed even if it also succeeded', () => {
		const { summary } = run(
			emptyState(),
			[
				{ kind: 'succeeded', id: 'A', created: true },
				{ kind: 'failed', id: 'A', error: 'comment failed' },
				{ kind: 'succeeded', id: 'B', created: false },
			],
			T0,
		);
		expect(summary).toMatchObject({
			succeeded: 1,
			created: 0,
			alreadyPresent: 1,
			failed: 1,
			status: 'partial',
			retryIds: ['A'],
		});
	});

	it('resets parked (all or some), retry, cursor, everything', () => {
		const state: CheckpointState = {
			...emptyState(),
			cursor: 5,
			retry: { R: { id: 'R', attempts: 1, lastError: 'e', firstFailedAt: T0, lastFailedAt: T0 } },
			parked: {
				P: { id: 'P', attempts: 5, lastError: 'e', firstFailedAt: T0, lastFailedAt: T0 },
				Q: { id: 'Q', attempts: 5, lastError: 'e', firstFailedAt: T0, lastFailedAt: T0 },
			},
		};
		expect(Object.keys(resetState(state, 'parked', { now: T0, ids: ['P'] }).parked)).toEqual(['Q']);
		expect(resetState(state, 'parked', { now: T0 }).parked).toEqual({});
		expect(resetState(state, 'retry', { now: T0 }).retry).toEqual({});
		expect(resetState(state, 'cursor', { now: T0, cursor: 1 }).cursor).toBe(1);
		expect(resetState(state, 'all', { now: T0 })).toEqual({ ...emptyState(), updatedAt: T0 });
		expect(Object.keys(state.parked)).toEqual(['P', 'Q']); // input untouched
		expect(describeState('orders', state)).toMatchObject({
			checkpoint: 'orders',
			cursor: 5,
			retryIds: ['R'],
			parkedIds: ['P', 'Q'],
			parkedCount: 2,
			pendingRun: null,
		});
	});

	it('refuses to commit without an open run', () => {
		expect(() =>
			commitRun(emptyState(), { checkpoint: 'orders', now: T0, maxAttempts: 5 }),
		).toThrow(/no run is open/);
	});
});
