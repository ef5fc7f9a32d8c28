import { updateDisplayOptions, type IDataObject, type INodeProperties } from 'n8n-workflow';
import { describeState } from '../../helpers/state';
import type { CheckpointStore } from '../../helpers/store';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { operation: ['get'] } }, properties);

/** Outputs the checkpoint's state: cursor, retry list, parked records, open run, last run. */
export const once = true;

export async function execute(this: unknown, store: CheckpointStore): Promise<IDataObject> {
	const { state } = await store.loadCommitted();
	return describeState(store.checkpoint, { ...state, pending: store.openRun() ?? null });
}
