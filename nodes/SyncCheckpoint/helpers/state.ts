/**
 * The checkpoint's state and the pure functions that move it: open a run, record outcomes, commit
 * (cursor, retry list, parking, summary), reset. No n8n here: the operations read parameters and
 * static data and call these. Every function returns new objects and never mutates its input.
 */
import type { IDataObject } from 'n8n-workflow';
import { advanceCursor, compareCursors, type Cursor } from './cursor';

export const DEFAULT_MAX_ATTEMPTS = 5;

/** A record that failed: on the retry list, or parked after too many attempts. */
export interface FailureEntry {
	id: string;
	attempts: number;
	lastError: string;
	firstFailedAt: string;
	lastFailedAt: string;
}

/** The run between Start and Commit: what Record saw, by record id. */
export interface PendingRun {
	runId: string;
	startedAt: string;
	cursorBefore: Cursor;
	/** Fetched records and their cursor (null when the record gave none). */
	fetched: Record<string, Cursor>;
	/** Succeeded records: true = created, false = already present. */
	succeeded: Record<string, boolean>;
	/** Failed records and their error message. */
	failed: Record<string, string>;
	/** The run's lease and the state version it started from (see store.ts). */
	lease?: RunLease;
	/** Max Records Per Run of this run (the fetch's limit). */
	maxRecords?: number;
	/** Records the fetch left for later runs, when it said so (Record: Fetched's Records Remaining). */
	remaining?: number;
	/** Records an earlier run fetched and never committed (it died or lost its lease): fetched again now. */
	interrupted?: { executionId: string; since: string; ids: string[] };
}

/** What a run holds between Start and Commit to commit its state safely. */
export interface RunLease {
	/** Fencing token of the lease. */
	token: number;
	/** Lease timeout in ms (renewed by every Record). */
	ttlMs: number;
	/** Version of the state in the coordination store when the run started (0: none there). */
	storeVersion: number;
	/** Version of the state the run started from (store or static data, whichever was newer). */
	version: number;
}

export interface RunFailure {
	id: string;
	error: string;
	attempts: number;
	/** True when this failure parked the record. */
	parked: boolean;
}

export type RunStatus = 'ok' | 'partial' | 'failed';

export interface RunSummary {
	checkpoint: string;
	runId: string;
	startedAt: string;
	finishedAt: string;
	cursorBefore: Cursor;
	cursorAfter: Cursor;
	fetched: number;
	succeeded: number;
	created: number;
	alreadyPresent: number;
	failed: number;
	failures: RunFailure[];
	retryIds: string[];
	parked: FailureEntry[];
	parkedCount: number;
	/** Max Records Per Run, when the run was bounded. */
	maxRecords?: number;
	/** Records left for the next runs (when the fetch reported it); null when unknown. */
	remaining?: number | null;
	status: RunStatus;
}

export interface CheckpointState {
	cursor: Cursor;
	retry: Record<string, FailureEntry>;
	parked: Record<string, FailureEntry>;
	pending: PendingRun | null;
	/** The last committed run's summary, without the parked list (it is in `parked`). */
	lastRun: Omit<RunSummary, 'parked'> | null;
	updatedAt: string | null;
	/** Increases with every commit; the newer of two copies of the state wins. */
	version?: number;
}

export type Outcome =
	| { kind: 'fetched'; id: string; cursor: Cursor; remaining?: number }
	| { kind: 'succeeded'; id: string; created: boolean }
	| { kind: 'failed'; id: string; error: string };

export function emptyState(): CheckpointState {
	return {
		cursor: null,
		retry: {},
		parked: {},
		pending: null,
		lastRun: null,
		updatedAt: null,
		version: 0,
	};
}

const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A plain, complete copy of what static data holds (tolerates missing fields and n8n's proxies). */
export function readState(raw: unknown): CheckpointState {
	if (!isObject(raw)) return emptyState();
	const copy = clone(raw) as Partial<CheckpointState>;
	const pending = isObject(copy.pending) ? (copy.pending as unknown as PendingRun) : null;
	return {
		cursor: copy.cursor ?? null,
		retry: isObject(copy.retry) ? copy.retry : {},
		parked: isObject(copy.parked) ? copy.parked : {},
		pending: pending && {
			...pending,
			cursorBefore: pending.cursorBefore ?? null,
			fetched: isObject(pending.fetched) ? pending.fetched : {},
			succeeded: isObject(pending.succeeded) ? pending.succeeded : {},
			failed: isObject(pending.failed) ? pending.failed : {},
		},
		lastRun: isObject(copy.lastRun) ? copy.lastRun : null,
		updatedAt: copy.updatedAt ?? null,
		version: typeof copy.version === 'number' && Number.isFinite(copy.version) ? copy.version : 0,
	};
}

/** Ids on the retry list: failed before, not parked. The next fetch must include them. */
export function retryIds(state: CheckpointState): string[] {
	const ids = Object.keys(state.retry).filter((id) => !(id in state.parked));
	for (const id of state.pending?.interrupted?.ids ?? [])
		if (!ids.includes(id) && !(id in state.parked)) ids.push(id);
	return ids;
}

export function parkedList(state: CheckpointState): FailureEntry[] {
	return Object.values(state.parked);
}

/**
 * Opens a run. The cursor is the stored one, or `initialCursor` when none is stored yet. A pending
 * run left by an execution that never committed is discarded (returned as `discarded`).
 */
export function startRun(
	state: CheckpointState,
	run: { runId: string; now: string; initialCursor: Cursor },
): { state: CheckpointState; pending: PendingRun; discarded: PendingRun | null } {
	const pending: PendingRun = {
		runId: run.runId,
		startedAt: run.now,
		cursorBefore: clone(state.cursor ?? run.initialCursor),
		fetched: {},
		succeeded: {},
		failed: {},
	};
	return {
		state: { ...clone(state), pending, updatedAt: run.now },
		pending,
		discarded: state.pending,
	};
}

/**
 * Adds outcomes to a pending run. Repeated outcomes for one record merge: the greater cursor is
 * kept, "created" wins over "already present", the last error is kept.
 */
export function recordOutcomes(pending: PendingRun, outcomes: Outcome[]): PendingRun {
	const next = clone(pending);
	for (const outcome of outcomes) {
		if (outcome.kind === 'fetched') {
			const known = next.fetched[outcome.id];
			const keep = known !== undefined && compareCursors(known, outcome.cursor) >= 0;
			next.fetched[outcome.id] = keep ? known : clone(outcome.cursor);
			if (outcome.remaining !== undefined) next.remaining = outcome.remaining;
		} else if (outcome.kind === 'succeeded') {
			next.succeeded[outcome.id] = next.succeeded[outcome.id] === true || outcome.created;
		} else {
			next.failed[outcome.id] = outcome.error;
		}
	}
	return next;
}

function runStatus(failed: number, succeeded: number, parkedCount: number): RunStatus {
	if (failed > 0 && succeeded === 0) return 'failed';
	if (failed > 0 || parkedCount > 0) return 'partial';
	return 'ok';
}

/**
 * Closes the pending run. A record that failed in the run counts as failed even when it also
 * succeeded in some step: it goes (back) on the retry list with one attempt more and is parked
 * when its attempts reach `maxAttempts`. A record that succeeded, or was fetched and did not fail,
 * leaves the retry and parked lists. The cursor moves to the greatest fetched cursor, never back.
 */
export function commitRun(
	state: CheckpointState,
	options: { checkpoint: string; now: string; maxAttempts: number },
): { state: CheckpointState; summary: RunSummary } {
	let pending = state.pending;
	if (!pending) throw new Error('no run is open');
	const maxAttempts = Math.max(1, Math.floor(options.maxAttempts));
	const retry = clone(state.retry);
	const parked = clone(state.parked);

	// Records an interrupted run had fetched and this run did not see again go on the retry list.
	const failedMessages: Record<string, string> = { ...pending.failed };
	for (const id of pending.interrupted?.ids ?? [])
		if (!(id in pending.fetched) && !(id in pending.succeeded) && !(id in failedMessages))
			failedMessages[id] =
				`fetched by run ${pending.interrupted!.executionId} (started ${pending.interrupted!.since}), which ended before it committed, and not read again since`;
	pending = { ...pending, failed: failedMessages };
	const failedIds = Object.keys(pending.failed);
	const isFailed = (id: string) => id in pending.failed;
	const succeededIds = Object.keys(pending.succeeded).filter((id) => !isFailed(id));
	const clearedIds = new Set([
		...succeededIds,
		...Object.keys(pending.fetched).filter((id) => !isFailed(id)),
	]);
	for (const id of clearedIds) {
		delete retry[id];
		delete parked[id];
	}

	const failures: RunFailure[] = [];
	for (const id of failedIds) {
		const previous = retry[id] ?? parked[id];
		const entry: FailureEntry = {
			id,
			attempts: (previous?.attempts ?? 0) + 1,
			lastError: pending.failed[id],
			firstFailedAt: previous?.firstFailedAt ?? options.now,
			lastFailedAt: options.now,
		};
		delete retry[id];
		delete parked[id];
		const park = entry.attempts >= maxAttempts;
		if (park) parked[id] = entry;
		else retry[id] = entry;
		failures.push({ id, error: entry.lastError, attempts: entry.attempts, parked: park });
	}

	const created = succeededIds.filter((id) => pending.succeeded[id]).length;
	const next: CheckpointState = {
		cursor: advanceCursor(pending.cursorBefore, Object.values(pending.fetched)),
		retry,
		parked,
		pending: null,
		lastRun: null,
		updatedAt: options.now,
		version: state.version ?? 0,
	};
	const parkedEntries = parkedList(next);
	const summary: RunSummary = {
		checkpoint: options.checkpoint,
		runId: pending.runId,
		startedAt: pending.startedAt,
		finishedAt: options.now,
		cursorBefore: clone(pending.cursorBefore),
		cursorAfter: clone(next.cursor),
		fetched: Object.keys(pending.fetched).length,
		succeeded: succeededIds.length,
		created,
		alreadyPresent: succeededIds.length - created,
		failed: failedIds.length,
		failures,
		retryIds: retryIds(next),
		parked: parkedEntries,
		parkedCount: parkedEntries.length,
		...(pending.maxRecords !== undefined
			? { maxRecords: pending.maxRecords, remaining: pending.remaining ?? null }
			: {}),
		status: runStatus(failedIds.length, succeededIds.length, parkedEntries.length),
	};
	const lastRun: Partial<RunSummary> = { ...summary };
	delete lastRun.parked;
	next.lastRun = clone(lastRun as Omit<RunSummary, 'parked'>);
	return { state: next, summary };
}

export type ResetWhat = 'parked' | 'retry' | 'cursor' | 'all';

/**
 * Clears part of the state: the parked or retry list (only `ids` when given), the cursor (set to
 * `cursor`, null = from the beginning / the initial cursor), or everything.
 */
export function resetState(
	state: CheckpointState,
	what: ResetWhat,
	options: { now: string; ids?: string[]; cursor?: Cursor },
): CheckpointState {
	const next = clone(state);
	next.updatedAt = options.now;
	const clearList = (list: Record<string, FailureEntry>) => {
		if (!options.ids || options.ids.length === 0) return {};
		for (const id of options.ids) delete list[id];
		return list;
	};
	if (what === 'parked') next.parked = clearList(next.parked);
	else if (what === 'retry') next.retry = clearList(next.retry);
	else if (what === 'cursor') next.cursor = clone(options.cursor ?? null);
	else return { ...emptyState(), updatedAt: options.now };
	return next;
}

/** The state as an output item: lists as arrays, the open run (if any) as counts. */
export function describeState(checkpoint: string, state: CheckpointState): IDataObject {
	const pending = state.pending;
	return {
		checkpoint,
		cursor: clone(state.cursor),
		retryIds: retryIds(state),
		retry: Object.values(state.retry) as unknown as IDataObject[],
		parkedIds: Object.keys(state.parked),
		parked: parkedList(state) as unknown as IDataObject[],
		parkedCount: Object.keys(state.parked).length,
		pendingRun: pending
			? {
					runId: pending.runId,
					startedAt: pending.startedAt,
					cursorBefore: clone(pending.cursorBefore),
					fetched: Object.keys(pending.fetched).length,
					succeeded: Object.keys(pending.succeeded).length,
					failed: Object.keys(pending.failed).length,
				}
			: null,
		lastRun: clone(state.lastRun) as IDataObject | null,
		updatedAt: state.updatedAt,
	};
}
