import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { actionProperties, runDocumentAction } from './documentAction';

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['close'] } }, actionProperties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runDocumentAction(this, items, 'Close');
}
