import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { MagentoClient } from '../../transport/MagentoClient';
import { orderRefProperties } from '../common';
import { type ItemRecord } from '../../helpers/orders';
import { orderAction } from '../../helpers/orderAction';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['unhold'] } },
	[...orderRefProperties],
);

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	return await orderAction.call(this, client, itemIndex, record, 'unhold');
}

export { serialiseByOrder as serialiseBy } from '../common';
