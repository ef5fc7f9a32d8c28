import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { hasRemaining, ItemSelectionError, selectItemsBySku, type Selection } from '../../helpers/orderItems';
import { MagentoError, type MagentoClient } from '../../transport/client';
import { itemsProperties, loadOrder, orderRefProperties, readSkuLines, type ItemRecord } from '../common';

const properties: INodeProperties[] = [
	...orderRefProperties,
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

const NOTHING_LEFT = /does not allow an invoice to be created|without products/i;

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	const order = await loadOrder.call(this, client, itemIndex, record);
	const label = order.increment_id;
	const base = { orderId: order.entity_id, incrementId: label };
	const nothingLeft = (extra: IDataObject = {}) => [{ ...base, created: false, reason: 'nothing left to invoice', ...extra }];
	if (!hasRemaining(order.items ?? [], 'invoice') && order.state !== 'canceled') return nothingLeft();

	let selection: Selection = { items: [], skipped: [] };
	if (this.getNodeParameter('itemsMode', itemIndex) !== 'all') {
		try {
			selection = selectItemsBySku(label, order.items ?? [], readSkuLines.call(this, itemIndex), 'invoice');
		} catch (error) {
			if (error instanceof ItemSelectionError)
				throw new NodeOperationError(this.getNode(), error.message, { itemIndex, description: error.sku ? `SKU: ${error.sku}` : undefined });
			throw error;
		}
	}
	const notify = this.getNodeParameter('notify', itemIndex) as boolean;
	const body: IDataObject = { capture: this.getNodeParameter('capture', itemIndex) as boolean, notify, items: selection.items };
	const listInvoices = async () =>
		(await client.search<IDataObject>('/invoices', { filterGroups: [[{ field: 'order_id', value: order.entity_id }]] }, { pageSize: 100 }))
			.items;
	const known = new Set((await listInvoices()).map((i) => String(i.entity_id)));
	let recovered = false;
	let invoiceId: unknown;
	try {
		invoiceId = await client.write<unknown>({
			path: `/order/${order.entity_id}/invoice`,
			body,
			recover: async () => {
				const mine = (await listInvoices()).find((i) => !known.has(String(i.entity_id)));
				if (!mine) return undefined;
				recovered = true;
				return mine.entity_id;
			},
		});
	} catch (error) {
		if (error instanceof MagentoError && error.status === 400 && NOTHING_LEFT.test(error.message))
			return nothingLeft({ magentoMessage: error.message });
		throw error;
	}
	return [{ ...base, created: true, invoiceId: Number(invoiceId), notified: notify, items: selection.items, ...(recovered ? { recovered: true } : {}) }];
}
