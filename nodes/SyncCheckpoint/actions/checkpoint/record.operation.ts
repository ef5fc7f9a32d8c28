import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { PassThrough, type ItemRecord } from '../../../shared/runner';
import { parseCursorInput } from '../../helpers/cursor';
import { recordOutcomes, type Outcome, type PendingRun } from '../../helpers/state';
import type { CheckpointStore } from '../../helpers/store';

type OutcomeParam = 'fetched' | 'succeeded' | 'failed' | 'auto';

const properties: INodeProperties[] = [
	{
		displayName: 'Outcome',
		name: 'outcome',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Auto (Failed When the Item Carries an Error)',
				value: 'auto',
				description:
					'Failed when the item has an error (as items on an error output do), succeeded otherwise',
			},
			{
				name: 'Failed',
				value: 'failed',
				description:
					'Put after the error output of a processing node: the record goes on the retry list',
			},
			{
				name: 'Fetched',
				value: 'fetched',
				description:
					'Put right after the fetch: registers each record and its cursor (the cursor advances past it at commit)',
			},
			{
				name: 'Succeeded',
				value: 'succeeded',
				description:
					'Put at the end of the success branch: the record leaves the retry and parked lists',
			},
		],
		default: 'fetched',
		description:
			'What happened to the incoming records. The node passes its items through unchanged, so it can sit inline. It may run several times and on several branches in one execution: outcomes add up until Commit Run.',
	},
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.increment_id }}',
		description:
			'Identifies the record, evaluated per item: the web order number, the delivery DocEntry… It must be the same ID the fetch accepts in its retry list',
	},
	{
		displayName: 'Record Cursor',
		name: 'recordCursor',
		type: 'string',
		default: '',
		placeholder: '={{ $json.updated_at }}',
		description:
			"The record's position, evaluated per item: a timestamp (e.g. the Magento order's updated_at field) or a watermark object with date, time and docEntry (e.g. the SAP delivery's update date, update time and DocEntry). Commit Run moves the cursor to the greatest one. Empty = the record does not move the cursor (e.g. a record fetched from the retry list).",
		displayOptions: { show: { outcome: ['fetched'] } },
	},
	{
		displayName: 'Records Remaining',
		name: 'remaining',
		type: 'string',
		default: '',
		placeholder: '={{ $json.remaining }}',
		description:
			'Optional: how many changed records the fetch left for later runs (e.g. the remaining field the Magento 2 and SAP B1 Get Many operations add when their Limit cut the list). Shown as remaining in the run summary.',
		displayOptions: { show: { outcome: ['fetched'] } },
	},
	{
		displayName: 'Created',
		name: 'createdFlag',
		type: 'boolean',
		default: true,
		description:
			'Whether the record was newly created (true) or already present (false); counts "created" vs "already present" in the run summary. After an idempotent create, set it to an expression reading the item\'s created field.',
		displayOptions: { show: { outcome: ['succeeded', 'auto'] } },
	},
	{
		displayName: 'Error Message',
		name: 'errorMessage',
		type: 'string',
		default: '={{ $json.error }}',
		description: 'Why the record failed; kept on the retry list and shown in the run summary',
		displayOptions: { show: { outcome: ['failed', 'auto'] } },
	},
];

export const description = updateDisplayOptions({ show: { operation: ['record'] } }, properties);

function errorText(value: unknown, item: INodeExecutionData): string {
	const fromValue =
		typeof value === 'string'
			? value
			: value && typeof value === 'object'
				? String((value as IDataObject).message ?? JSON.stringify(value))
				: value === undefined || value === null
					? ''
					: String(value);
	if (fromValue.trim()) return fromValue.trim();
	const fromItem = item.error?.message ?? (item.json.error as IDataObject | undefined)?.message;
	return typeof fromItem === 'string' && fromItem.trim()
		? fromItem.trim()
		: 'failed (no error message given)';
}

function createdValue(value: unknown): boolean {
	return !(value === false || value === 'false' || value === 0 || value === '0');
}

interface RecordBatch {
	run: PendingRun;
	outcomes: Outcome[];
}

/** The open run, before the items are recorded; renews the run's lease. */
export async function prepare(
	this: IExecuteFunctions,
	store: CheckpointStore,
): Promise<RecordBatch> {
	const run = store.openRun();
	if (!run)
		throw new NodeOperationError(
			this.getNode(),
			`No run of checkpoint "${store.checkpoint}" is open`,
			{
				description:
					'Record needs a Start Run with the same Checkpoint Name earlier in the same execution.',
			},
		);
	if (run.lease && !(await store.coordination.renew(store.key, run.lease.token, run.lease.ttlMs)))
		throw new NodeOperationError(
			this.getNode(),
			`Checkpoint "${store.checkpoint}": this run lost its lease`,
			{
				description:
					'The run went longer than the Lease Timeout without recording progress, and another run may have taken the checkpoint over. This run stops here; its records are fetched again by the next run (the SAP and Magento nodes are idempotent). Raise the Lease Timeout on Start Run, or lower Max Records Per Run.',
			},
		);
	return { run, outcomes: [] };
}

export const sequential = true;

/** Notes one item's outcome and passes the item through. */
export async function execute(
	this: IExecuteFunctions,
	store: CheckpointStore,
	i: number,
	record: ItemRecord,
	batch: RecordBatch,
): Promise<PassThrough> {
	record.checkpoint = store.checkpoint;
	const item = this.getInputData()[i];
	let outcome = this.getNodeParameter('outcome', i) as OutcomeParam;
	const id = String(this.getNodeParameter('recordId', i, '') ?? '').trim();
	if (!id)
		throw new NodeOperationError(this.getNode(), `Item ${i}: Record ID is empty`, {
			itemIndex: i,
			description:
				"Set Record ID to an expression that gives each record's ID, e.g. {{ $json.increment_id }}.",
		});
	if (outcome === 'auto') outcome = item.error || item.json.error ? 'failed' : 'succeeded';
	if (outcome === 'fetched') {
		let cursor;
		try {
			cursor = parseCursorInput(this.getNodeParameter('recordCursor', i, ''));
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`Record ${id}: Record Cursor: ${(error as Error).message}`,
				{ itemIndex: i },
			);
		}
		const remaining = this.getNodeParameter('remaining', i, '') as unknown;
		const left =
			remaining === '' || remaining === null || remaining === undefined
				? undefined
				: Number(remaining);
		batch.outcomes.push({
			kind: 'fetched',
			id,
			cursor,
			...(left !== undefined && Number.isFinite(left) && left >= 0 ? { remaining: left } : {}),
		});
	} else if (outcome === 'succeeded') {
		batch.outcomes.push({
			kind: 'succeeded',
			id,
			created: createdValue(this.getNodeParameter('createdFlag', i, true)),
		});
	} else {
		batch.outcomes.push({
			kind: 'failed',
			id,
			error: errorText(this.getNodeParameter('errorMessage', i, ''), item),
		});
	}
	return new PassThrough([item]);
}

/** Adds the items' outcomes to the open run, once for all items. */
export async function finish(
	this: IExecuteFunctions,
	store: CheckpointStore,
	batch: RecordBatch,
): Promise<void> {
	// Noted outside the run too, so that if this run dies before it commits, the next one fetches them again.
	const fetched = batch.outcomes.filter((o) => o.kind === 'fetched').map((o) => o.id);
	if (fetched.length && batch.run.lease)
		await store.coordination.note(store.key, batch.run.lease.token, fetched);
	store.setOpenRun(recordOutcomes(batch.run, batch.outcomes));
}
