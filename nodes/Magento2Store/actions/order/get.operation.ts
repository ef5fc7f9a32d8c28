import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { MagentoClient } from '../../transport/MagentoClient';
import { orderRefProperties } from '../common';
import { loadOrder, type ItemRecord } from '../../helpers/orders';

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
	return [(await loadOrder.call(this, client, itemIndex, record)) as unknown as IDataObject];
}

export { serialiseByOrder as serialiseBy } from '../common';
