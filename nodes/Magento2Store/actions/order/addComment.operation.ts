import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { MagentoClient } from '../../transport/MagentoClient';
import { orderRefProperties } from '../common';
import { loadOrder, type ItemRecord, type MagentoOrder } from '../../helpers/orders';
import { ORDER_STATUSES } from './getMany.operation';

const properties: INodeProperties[] = [
	...orderRefProperties,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'Created in SAP B1 as sales order 1234',
	},
	{
		displayName: 'Notify Customer',
		name: 'notifyCustomer',
		type: 'boolean',
		default: false,
		description: 'Whether Magento should e-mail the comment to the customer',
	},
	{
		displayName: 'Visible on Storefront',
		name: 'visibleOnFront',
		type: 'boolean',
		default: false,
		description: 'Whether the customer sees the comment in their account',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [{ name: 'Keep Current Status', value: '' }, ...ORDER_STATUSES],
		default: '',
		description:
			"Status recorded with the comment. Before Magento 2.4.7 the order takes this status too (Keep Current Status sends the order's current one, because a comment without a status would clear it); from 2.4.7 Magento ignores a status sent with a comment.",
	},
	{
		displayName: 'Current Order Status',
		name: 'currentStatus',
		type: 'string',
		default: '',
		placeholder: '={{ $json.status }}',
		description:
			"Optional: the order's status as you have it (e.g. from Get Many). With Order Identified By = Entity ID and Status = Keep Current Status, the node then sends the comment without reading the order first (one request instead of two).",
	},
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['addComment'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	const comment = String(this.getNodeParameter('comment', itemIndex));
	const status = String(this.getNodeParameter('status', itemIndex, '') ?? '');
	const known = String(this.getNodeParameter('currentStatus', itemIndex, '') ?? '').trim();
	const idType = this.getNodeParameter('orderIdType', itemIndex) as string;
	const id = String(this.getNodeParameter('orderId', itemIndex) ?? '').trim();
	// With the entity ID and the order's current status at hand (e.g. from Get Many), the comment
	// needs no read of the order first: one request per order.
	const skipRead = idType === 'entityId' && /^\d+$/.test(id) && known !== '';
	let order: MagentoOrder | undefined;
	if (skipRead) record.orderId = Number(id);
	else order = await loadOrder.call(this, client, itemIndex, record);
	const entityId = order?.entity_id ?? Number(id);
	const statusHistory: IDataObject = {
		comment,
		is_customer_notified: this.getNodeParameter('notifyCustomer', itemIndex) ? 1 : 0,
		is_visible_on_front: this.getNodeParameter('visibleOnFront', itemIndex) ? 1 : 0,
		parent_id: entityId,
		// Before Magento 2.4.7 the order takes the history row's status (none: NULL), so send the current one.
		status: status || order?.status || known,
	};
	const histories = (o: MagentoOrder) =>
		((o.status_histories as IDataObject[] | undefined) ?? []).filter((h) => h.comment === comment)
			.length;
	const before = order ? histories(order) : 0;
	const { result } = await client.write<boolean>({
		path: `/orders/${entityId}/comments`,
		body: { statusHistory },
		expect: { kind: 'boolean' },
		// After a possibly committed attempt: the comment is there (once more than before) → done.
		recover: async () =>
			histories(await client.getOrder<MagentoOrder>(entityId)) > before ? true : undefined,
	});
	return [
		{
			success: result,
			orderId: entityId,
			...(order ? { incrementId: order.increment_id } : {}),
			comment,
		},
	];
}

export { serialiseByOrder as serialiseBy } from '../common';
