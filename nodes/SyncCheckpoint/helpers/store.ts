/**
 * Where a checkpoint lives, and how runs of it are kept apart.
 *
 * - The **committed state** (cursor, retry list, parked records, last run, version) lives in a
 *   coordination store: this n8n process's memory, or Redis. A copy is kept in the workflow's
 *   static data (`syncCheckpoint:<name>`), which n8n saves with the workflow: it carries the state
 *   across restarts of a process store and is what the first run reads. Of the two copies the one
 *   with the higher version wins.
 * - The **lease**: Start takes it (atomically, in the store) and a run that finds it held ends at
 *   once as "skipped". Every Record renews it; Commit writes the state and gives the lease up in one
 *   atomic step, only while the run still holds the lease (or nobody does) and nobody committed
 *   since the run started (fencing by version). A run whose lease ran out and was taken over can
 *   therefore never write an older state over a newer one.
 * - The **open run** (what Record saw between Start and Commit) lives in this process's memory, per
 *   execution: one execution runs in one process, in regular and in queue mode.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import {
	NAMESPACE,
	openCoordination,
	type CoordinationKind,
	type CoordinationStore,
	type Holder,
} from '../../shared/coordination';
import { emptyState, readState, type CheckpointState, type PendingRun } from './state';

export const stateKey = (checkpoint: string) => `syncCheckpoint:${checkpoint}`;

/** The Checkpoint Name parameter, trimmed; a clear error when empty. */
export function checkpointName(ctx: IExecuteFunctions): string {
	const name = String(ctx.getNodeParameter('checkpointName', 0, '') ?? '').trim();
	if (!name)
		throw new NodeOperationError(ctx.getNode(), 'Checkpoint Name is empty', {
			description:
				'Give the checkpoint a name, e.g. "orders"; Start Run, Record and Commit Run must use the same name.',
		});
	return name;
}

/** The state copy in the workflow's static data. */
export function loadState(ctx: IExecuteFunctions, checkpoint: string): CheckpointState {
	return readState(ctx.getWorkflowStaticData('global')[stateKey(checkpoint)]);
}

/**
 * Writes the state copy into the object n8n gave us: n8n saves it with the workflow after
 * trigger, webhook and CLI executions (not after manual runs in the editor).
 */
export function saveState(
	ctx: IExecuteFunctions,
	checkpoint: string,
	state: CheckpointState,
): void {
	const staticData = ctx.getWorkflowStaticData('global');
	staticData[stateKey(checkpoint)] = JSON.parse(
		JSON.stringify({ ...state, pending: null }),
	) as IDataObject;
}

/** Open runs of this process, by execution and checkpoint. */
const openRuns = new Map<string, { run: PendingRun; openedAt: number }>();
const OPEN_RUN_MAX_AGE_MS = 24 * 3600_000;

export interface CommittedState {
	state: CheckpointState;
	/** Version of the state in the coordination store (0 when it has none). */
	storeVersion: number;
}

/** The checkpoint for one execution: its committed state, its lease and the execution's open run. */
export class CheckpointStore {
	private constructor(
		private readonly ctx: IExecuteFunctions,
		readonly checkpoint: string,
		readonly coordination: CoordinationStore,
		/** Key of the checkpoint in the coordination store. */
		readonly key: string,
	) {}

	/** The checkpoint named by the node's parameters, with the coordination store it chose. */
	static async open(ctx: IExecuteFunctions): Promise<CheckpointStore> {
		const checkpoint = checkpointName(ctx);
		const kind = ctx.getNodeParameter('coordination', 0, 'process') as CoordinationKind;
		const coordination = await openCoordination(ctx, kind);
		const workflowId = String(ctx.getWorkflow().id ?? 'workflow');
		return new CheckpointStore(
			ctx,
			checkpoint,
			coordination,
			`${NAMESPACE}:checkpoint:${workflowId}:${checkpoint}`,
		);
	}

	/** This execution, as the holder of the lease. */
	holder(): Holder {
		return {
			executionId: String(this.ctx.getExecutionId() ?? 'unknown'),
			since: new Date().toISOString(),
		};
	}

	/** The committed state: the coordination store's or the static data copy, whichever is newer. */
	async loadCommitted(): Promise<CommittedState> {
		const copy = loadState(this.ctx, this.checkpoint);
		const stored = await this.coordination.load<CheckpointState>(this.key);
		const storeVersion = stored?.version ?? 0;
		if (stored && storeVersion >= (copy.version ?? 0))
			return { state: { ...readState(stored.value), version: storeVersion }, storeVersion };
		return { state: { ...copy, pending: null }, storeVersion };
	}

	/**
	 * Commits `state` as the next version (atomically with giving up the lease); false when the run
	 * lost its lease to a newer run or the state moved on since `run` started.
	 */
	async commit(
		run: PendingRun,
		state: CheckpointState,
	): Promise<{ committed: true; state: CheckpointState } | { committed: false; reason: string }> {
		const lease = run.lease;
		const version = Math.max(lease?.version ?? 0, lease?.storeVersion ?? 0) + 1;
		const next: CheckpointState = { ...state, pending: null, version };
		const outcome = await this.coordination.commit(
			this.key,
			lease?.token ?? 0,
			lease?.storeVersion ?? 0,
			version,
			next,
		);
		if (!outcome.committed) {
			const reason =
				outcome.reason === 'held'
					? `the lease ran out and run ${outcome.heldBy?.executionId ?? '?'} (since ${outcome.heldBy?.since ?? '?'}) holds it now`
					: 'another run committed the checkpoint after this run started';
			return { committed: false, reason };
		}
		saveState(this.ctx, this.checkpoint, next);
		return { committed: true, state: next };
	}

	private runKey(): string {
		return `${String(this.ctx.getExecutionId() ?? 'unknown')}|${this.key}`;
	}

	/** The open run of this execution, if Start ran. */
	openRun(): PendingRun | undefined {
		return openRuns.get(this.runKey())?.run;
	}

	setOpenRun(run: PendingRun): void {
		const now = Date.now();
		for (const [key, entry] of openRuns)
			if (now - entry.openedAt > OPEN_RUN_MAX_AGE_MS) openRuns.delete(key);
		openRuns.set(this.runKey(), { run, openedAt: openRuns.get(this.runKey())?.openedAt ?? now });
	}

	closeOpenRun(): void {
		openRuns.delete(this.runKey());
	}

	/** Whether this execution is a test run in the editor (n8n saves no static data after those). */
	isEditorTestRun(): boolean {
		return this.ctx.getMode() === 'manual';
	}

	async close(): Promise<void> {
		await this.coordination.close();
	}
}

export { emptyState };
