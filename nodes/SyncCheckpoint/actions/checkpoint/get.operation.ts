import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { describeState } from '../../state';
import { checkpointName, loadState } from '../../store';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { operation: ['get'] } }, properties);

/** Outputs the checkpoint's state: cursor, retry list, parked records, open run, last run. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const checkpoint = checkpointName(this);
	return [{ json: describeState(checkpoint, loadState(this, checkpoint)), pairedItem: { item: 0 } }];
}
