import { randomUUID } from 'node:crypto';
import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { outcomeOf } from '../../../shared/outcome';
import { Routed } from '../../../shared/runner';
import { parseCursorInput } from '../../helpers/cursor';
import { parkedList, retryIds, startRun } from '../../helpers/state';
import type { CheckpointStore } from '../../helpers/store';

export const DEFAULT_LEASE_SECONDS = 900;
export const DEFAULT_MAX_RECORDS = 1000;

const properties: INodeProperties[] = [
	{
		displayName:
			"Wire it as: Start Run → fetch (changed since <code>cursor</code>, plus <code>retryIds</code>, at most <code>maxRecords</code>) → Record (Fetched) → process → Record (Succeeded / Failed). Connect Start Run's <b>Run</b> output a second time, directly, to Commit Run placed below the processing branch: with execution order v1 n8n runs it last, also when nothing was fetched. When another run of this checkpoint is still going, the item leaves by the <b>Skipped</b> output instead and nothing is read or written.",
		name: 'startNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Initial Cursor',
		name: 'initialCursor',
		type: 'string',
		default: '',
		placeholder: '2026-01-01 00:00:00',
		description:
			'Where the first run starts reading, used only while the checkpoint has no cursor yet. A timestamp (e.g. 2026-01-01 00:00:00), a watermark as JSON (e.g. {"date":"2026-01-01","time":"00:00:00","docEntry":0}) or a number. Empty = from the beginning.',
	},
	{
		displayName: 'Options',
		name: 'startOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Lease Timeout (Seconds)',
				name: 'leaseSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 900,
				description:
					'How long the run keeps the checkpoint without recording progress; every Record renews it. When a run dies (e.g. its worker is killed), the next run can start this long after its last Record. Make it longer than the slowest step between two Records.',
			},
			{
				displayName: 'Max Records Per Run',
				name: 'maxRecords',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_RECORDS,
				description:
					"Upper bound of records one run fetches (output as <code>maxRecords</code>, for the fetch's Limit); the rest waits for the next runs, the cursor moving only past what was fetched. Keeps one execution's memory bounded when a big backlog builds up.",
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['start'] } }, properties);

export const once = true;

/** Run, and Skipped (another run holds the checkpoint). */
export const outputs = 2;

/**
 * Takes the checkpoint's lease and opens a run: outputs the cursor to read from, the ids to fetch
 * again and the run's record limit. When another run holds the lease, outputs a "skipped" summary
 * on the second output and touches nothing.
 */
export async function execute(
	this: IExecuteFunctions,
	store: CheckpointStore,
): Promise<IDataObject | Routed> {
	const { checkpoint } = store;
	let initialCursor;
	try {
		initialCursor = parseCursorInput(this.getNodeParameter('initialCursor', 0, ''));
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Initial Cursor: ${(error as Error).message}`);
	}
	const options = this.getNodeParameter('startOptions', 0, {}) as {
		leaseSeconds?: number;
		maxRecords?: number;
	};
	const ttlMs = Math.max(1, Number(options.leaseSeconds) || DEFAULT_LEASE_SECONDS) * 1000;
	const maxRecords = Math.max(1, Math.floor(Number(options.maxRecords) || DEFAULT_MAX_RECORDS));
	const holder = store.holder();
	const acquired = await store.coordination.acquire(store.key, holder, ttlMs);
	if (!acquired.acquired) {
		const { heldBy } = acquired;
		return new Routed(1, {
			checkpoint,
			status: 'skipped',
			reason: `another run of checkpoint "${checkpoint}" is in progress`,
			heldBy: {
				executionId: heldBy.executionId,
				since: heldBy.since,
				expiresAt: new Date(heldBy.expiresAt).toISOString(),
			},
			skippedAt: holder.since,
			executionId: holder.executionId,
			coordination: store.coordination.kind,
		});
	}
	const opened = await outcomeOf(async () => {
		const { state, storeVersion } = await store.loadCommitted();
		const { pending } = startRun(state, { runId: randomUUID(), now: holder.since, initialCursor });
		pending.lease = {
			token: acquired.lease.token,
			ttlMs,
			storeVersion,
			version: state.version ?? 0,
		};
		pending.maxRecords = maxRecords;
		// What a run that died before its commit had fetched is fetched again (an editor test run
		// leaves it for the next saved run: its commit never reaches the checkpoint).
		const interrupted = store.isEditorTestRun()
			? undefined
			: await store.coordination.takeOverNotes(store.key, acquired.lease);
		if (interrupted) pending.interrupted = interrupted;
		store.setOpenRun(pending);
		const parked = parkedList(state);
		return {
			checkpoint,
			runId: pending.runId,
			startedAt: pending.startedAt,
			cursor: pending.cursorBefore,
			retryIds: retryIds({ ...state, pending }),
			parkedIds: parked.map((p) => p.id),
			parked: parked as unknown as IDataObject[],
			maxRecords,
			...(interrupted
				? {
						interrupted: {
							executionId: interrupted.executionId,
							since: interrupted.since,
							count: interrupted.ids.length,
						},
					}
				: {}),
		};
	});
	if (opened.ok) return opened.value;
	await store.coordination.release(store.key, acquired.lease.token);
	throw opened.error;
}
