import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { hasRemaining } from '../../helpers/orderItems';
import type { MagentoClient } from '../../transport/MagentoClient';
import { guardProperties, itemsProperties, orderRefProperties, serialiseByOrder } from '../common';
import { closeGuard, openGuard, type OrderGuard } from '../../helpers/guard';
import { loadOrder, type ItemRecord } from '../../helpers/orders';
import { listOrderDocuments, postOrderDocument, selectItems } from '../../helpers/orderDocument';

const properties: INodeProperties[] = [
	...orderRefProperties,
	...guardProperties,
	...itemsProperties('invoice'),
	{
		displayName: 'Capture',
		name: 'capture',
		type: 'boolean',
		default: true,
		description: 'Whether to capture the payment online',
	},
	{
		displayName: 'Notify Customer',
		name: 'notify',
		type: 'boolean',
		default: false,
		description: 'Whether Magento e-mails the invoice to the customer',
	},
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['invoice'], operation: ['create'] } },
	properties,
);

export const prepare = openGuard;
export const release = closeGuard;

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
	guard: OrderGuard,
): Promise<IDataObject[]> {
	return await guard.hold(
		this,
		serialiseByOrder.call(this, itemIndex),
		itemIndex,
		async () => await create.call(this, client, itemIndex, record),
	);
}

async function create(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	const order = await loadOrder.call(this, client, itemIndex, record);
	const base = { orderId: order.entity_id, incrementId: order.increment_id };
	const nothingLeft = (extra: IDataObject = {}) => [
		{ ...base, created: false, reason: 'nothing left to invoice', ...extra },
	];
	if (!hasRemaining(order.items ?? [], 'invoice') && order.state !== 'canceled')
		return nothingLeft();

	const selection = selectItems.call(this, order, itemIndex, 'invoice');
	const notify = this.getNodeParameter('notify', itemIndex) as boolean;
	const body: IDataObject = {
		capture: this.getNodeParameter('capture', itemIndex) as boolean,
		notify,
	};
	const known = await listOrderDocuments<IDataObject & { entity_id: number }>(
		client,
		'invoice',
		order.entity_id,
	);
	const posted = await postOrderDocument.call(this, client, {
		kind: 'invoice',
		order,
		body,
		items: selection.items,
		separate: new Set<number>(),
		known,
		itemIndex,
	});
	if ('nothingLeft' in posted) return nothingLeft({ magentoMessage: posted.nothingLeft });
	return [
		{
			...base,
			created: true,
			invoiceId: posted.id,
			notified: notify,
			items: selection.items,
			...(posted.allRemaining ? { sentAsAllRemaining: true } : {}),
			...(posted.recovered ? { recovered: true } : {}),
		},
	];
}

export { serialiseByOrder as serialiseBy } from '../common';
