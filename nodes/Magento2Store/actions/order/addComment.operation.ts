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
	const order = await loadOrder.call(this, client, itemIndex, record);
	const comment = String(this.getNodeParameter('comment', itemIndex));
	const status = String(this.getNodeParameter('status', itemIndex, '') ?? '');
	const statusHistory: IDataObject = {
		comment,
		is_customer_notified: this.getNodeParameter('notifyCustomer', itemIndex) ? 1 : 0,
		is_visible_on_front: this.getNodeParameter('visibleOnFront', itemIndex) ? 1 : 0,
		parent_id: order.entity_id,
		status: status || order.status,
	};
	const histories = (o: MagentoOrder) =>
		((o.status_histories as IDataObject[] | undefined) ?? []).filter((h) => h.comment === comment)
			.length;
	const before = histories(order);
	const { result } = await client.write<boolean>({
		path: `/orders/${order.entity_id}/comments`,
		body: { statusHistory },
		expect: { kind: 'boolean' },
		// A possibly committed attempt is not repeated when the comment has since appeared.
		recover: async () =>
			histories(await client.getOrder<MagentoOrder>(order.entity_id)) > before ? true : undefined,
	});
	return [{ success: result, orderId: order.entity_id, incrementId: order.increment_id, comment }];
}

export { serialiseByOrder as serialiseBy } from '../common';
