/** Where a checkpoint lives: the workflow's global static data, one key per checkpoint name. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { readState, type CheckpointState } from './state';

export const stateKey = (checkpoint: string) => `syncCheckpoint:${checkpoint}`;

/** The Checkpoint Name parameter, trimmed; a clear error when empty. */
export function checkpointName(ctx: IExecuteFunctions): string {
	const name = String(ctx.getNodeParameter('checkpointName', 0, '') ?? '').trim();
	if (!name)
		throw new NodeOperationError(ctx.getNode(), 'Checkpoint Name is empty', {
			description: 'Give the checkpoint a name, e.g. "orders"; Start Run, Record and Commit Run must use the same name.',
		});
	return name;
}

export function loadState(ctx: IExecuteFunctions, checkpoint: string): CheckpointState {
	return readState(ctx.getWorkflowStaticData('global')[stateKey(checkpoint)]);
}

/**
 * Writes the state into the object n8n gave us: n8n watches it and saves it with the workflow after
 * trigger, webhook and CLI executions (not after manual runs in the editor).
 */
export function saveState(ctx: IExecuteFunctions, checkpoint: string, state: CheckpointState): void {
	const staticData = ctx.getWorkflowStaticData('global');
	staticData[stateKey(checkpoint)] = JSON.parse(JSON.stringify(state)) as IDataObject;
}

/** The checkpoint's store for one execution: what Start, Record, Commit, Reset and Get read and write. */
export class CheckpointStore {
	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly checkpoint: string,
	) {}

	/** The store of the checkpoint named by the node's Checkpoint Name parameter. */
	static open(ctx: IExecuteFunctions): CheckpointStore {
		return new CheckpointStore(ctx, checkpointName(ctx));
	}

	load(): CheckpointState {
		return loadState(this.ctx, this.checkpoint);
	}

	save(state: CheckpointState): void {
		saveState(this.ctx, this.checkpoint, state);
	}
}
