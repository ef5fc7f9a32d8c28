import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { MagentoClient } from '../../transport/client';
import { loadOrder, orderRefProperties, type ItemRecord } from '../common';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	[...orderRefProperties],
);

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	return [await loadOrder.call(this, client, itemIndex, record)];
}
