import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { ItemRecord } from '../../../../shared/runner';
import type { ServiceLayerClient } from '../../../shared/transport/ServiceLayerClient';
import { actionProperties, runDocumentAction } from './documentAction';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['close'] } },
	actionProperties,
);

export async function execute(
	this: IExecuteFunctions,
	client: ServiceLayerClient,
	i: number,
	record: ItemRecord,
): Promise<IDataObject> {
	return await runDocumentAction(this, client, i, record, 'Close');
}
