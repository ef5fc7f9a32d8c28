import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { MagentoClient } from '../../transport/MagentoClient';
import { orderRefProperties } from '../common';
import { loadOrder, type ItemRecord } from '../../helpers/orders';
import { simplifyOrder, simplifyProperty } from '../../helpers/simplify';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	[...orderRefProperties, simplifyProperty],
);

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	const order = await loadOrder.call(this, client, itemIndex, record);
	if (this.getNodeParameter('simplify', itemIndex, false) as boolean)
		return [simplifyOrder(order as typeof order & IDataObject)];
	return [order as unknown as IDataObject];
}

export { serialiseByOrder as serialiseBy } from '../common';
