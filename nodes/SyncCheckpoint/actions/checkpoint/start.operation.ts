import { randomUUID } from 'node:crypto';
import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { parseCursorInput } from '../../helpers/cursor';
import { parkedList, retryIds, startRun } from '../../helpers/state';
import type { CheckpointStore } from '../../helpers/store';

const properties: INodeProperties[] = [
	{
		displayName:
			'Wire it as: Start Run → fetch (changed since <code>cursor</code>, plus <code>retryIds</code>) → Record (Fetched) → process → Record (Succeeded / Failed). Connect Start Run a second time, directly, to Commit Run placed below the processing branch: with execution order v1 n8n runs it last, also when nothing was fetched.',
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
];

export const description = updateDisplayOptions({ show: { operation: ['start'] } }, properties);

/** Opens a run and outputs the cursor to read from and the ids to fetch again. */
export const once = true;

export async function execute(this: IExecuteFunctions, store: CheckpointStore): Promise<IDataObject> {
	const { checkpoint } = store;
	let initialCursor;
	try {
		initialCursor = parseCursorInput(this.getNodeParameter('initialCursor', 0, ''));
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Initial Cursor: ${(error as Error).message}`);
	}
	const { state, pending, discarded } = startRun(store.load(), {
		runId: randomUUID(),
		now: new Date().toISOString(),
		initialCursor,
	});
	store.save(state);
	if (discarded)
		this.logger.warn(`Sync checkpoint "${checkpoint}": run ${discarded.runId} started ${discarded.startedAt} was never committed; discarded`);
	const parked = parkedList(state);
	const json: IDataObject = {
		checkpoint,
		runId: pending.runId,
		startedAt: pending.startedAt,
		cursor: pending.cursorBefore,
		retryIds: retryIds(state),
		parkedIds: parked.map((p) => p.id),
		parked: parked as unknown as IDataObject[],
	};
	return json;
}
