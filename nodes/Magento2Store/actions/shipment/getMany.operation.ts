import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { MagentoClient } from '../../transport/MagentoClient';
import { orderRefProperties } from '../common';
import { loadOrder, type ItemRecord } from '../../helpers/orders';

const properties: INodeProperties[] = [
	...orderRefProperties,
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['shipment'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	const order = await loadOrder.call(this, client, itemIndex, record);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const result = await client.search<IDataObject>(
		'/shipments',
		{
			filterGroups: [[{ field: 'order_id', value: order.entity_id }]],
			sortOrders: [{ field: 'entity_id', direction: 'ASC' }],
		},
		{ limit, pageSize: 100 },
	);
	return result.items.map((s) => ({ ...s, orderIncrementId: order.increment_id }));
}

export { serialiseByOrder as serialiseBy } from '../common';
