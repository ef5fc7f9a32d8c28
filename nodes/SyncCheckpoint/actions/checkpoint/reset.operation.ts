import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { parseCursorInput } from '../../helpers/cursor';
import { describeState, resetState, type PendingRun, type ResetWhat } from '../../helpers/state';
import type { CheckpointStore } from '../../helpers/store';

const properties: INodeProperties[] = [
	{
		displayName: 'What to Reset',
		name: 'what',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Everything',
				value: 'all',
				description:
					'Cursor, retry list, parked list and any open run: the next run starts from the Initial Cursor',
			},
			{
				name: 'Parked Records',
				value: 'parked',
				description: 'Stop reporting parked records (all, or only the IDs given)',
			},
			{
				name: 'Retry List',
				value: 'retry',
				description: 'Stop fetching failed records again (all, or only the IDs given)',
			},
			{
				name: 'Cursor',
				value: 'cursor',
				description: 'Set the cursor to a value, e.g. to read again from a date',
			},
		],
		default: 'parked',
	},
	{
		displayName: 'Record IDs',
		name: 'ids',
		type: 'string',
		default: '',
		placeholder: '000000123, 000000124',
		description: 'Comma-separated record IDs to remove. Empty = all.',
		displayOptions: { show: { what: ['parked', 'retry'] } },
	},
	{
		displayName: 'Cursor',
		name: 'cursor',
		type: 'string',
		default: '',
		placeholder: '2026-01-01 00:00:00',
		description:
			'The new cursor: a timestamp, a watermark as JSON (e.g. {"date":"2026-01-01","time":"00:00:00","docEntry":0}) or a number. Empty = no cursor (the next run uses the Initial Cursor).',
		displayOptions: { show: { what: ['cursor'] } },
	},
];

export const description = updateDisplayOptions({ show: { operation: ['reset'] } }, properties);

/** Clears part of the state and outputs the new state. */
export const once = true;

export async function execute(
	this: IExecuteFunctions,
	store: CheckpointStore,
): Promise<IDataObject> {
	const what = this.getNodeParameter('what', 0) as ResetWhat;
	const ids = String(this.getNodeParameter('ids', 0, '') ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter((id) => id !== '');
	let cursor;
	try {
		cursor = what === 'cursor' ? parseCursorInput(this.getNodeParameter('cursor', 0, '')) : null;
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Cursor: ${(error as Error).message}`);
	}
	const holder = store.holder();
	const acquired = await store.coordination.acquire(store.key, holder, 60_000);
	if (!acquired.acquired)
		throw new NodeOperationError(
			this.getNode(),
			`Checkpoint "${store.checkpoint}" is in use by run ${acquired.heldBy.executionId} (since ${acquired.heldBy.since}); reset it when no run is going`,
		);
	const { state, storeVersion } = await store.loadCommitted();
	const next = resetState(state, what, { now: holder.since, ids, cursor });
	if (store.isEditorTestRun()) {
		await store.coordination.release(store.key, acquired.lease.token);
		return {
			...describeState(store.checkpoint, next),
			saved: false,
			note: 'Editor test run: nothing was reset (only scheduled, webhook and CLI runs change the checkpoint).',
		};
	}
	const run = {
		lease: {
			token: acquired.lease.token,
			ttlMs: 60_000,
			storeVersion,
			version: state.version ?? 0,
		},
	} as PendingRun;
	const outcome = await store.commit(run, next);
	if (!outcome.committed)
		throw new NodeOperationError(
			this.getNode(),
			`Checkpoint "${store.checkpoint}" was not reset: ${outcome.reason}`,
		);
	return describeState(store.checkpoint, outcome.state);
}
