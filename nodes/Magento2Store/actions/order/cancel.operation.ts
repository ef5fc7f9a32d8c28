import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { MagentoClient } from '../../transport/client';
import { orderRefProperties, type ItemRecord } from '../common';
import { orderAction } from '../orderAction';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['cancel'] } },
	[...orderRefProperties],
);

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	return await orderAction.call(this, client, itemIndex, record, 'cancel');
}
