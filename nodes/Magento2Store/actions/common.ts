/** Parameters and helpers shared by several operations. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { MagentoClient } from '../transport/client';
import type { OrderItem } from '../helpers/orderItems';

/** Mutable record of which order an item is about; the router puts it in error outputs. */
export type ItemRecord = IDataObject & { orderId?: number | string; incrementId?: string };

export type OperationExecute = (
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
) => Promise<IDataObject[]>;

export interface MagentoOrder extends IDataObject {
	entity_id: number;
	increment_id: string;
	state?: string;
	status?: string;
	items: OrderItem[];
}

export const orderRefProperties: INodeProperties[] = [
	{
		displayName: 'Order Identified By',
		name: 'orderIdType',
		type: 'options',
		options: [
			{ name: 'Increment ID (Order Number)', value: 'incrementId', description: 'The order number customers see, e.g. 000000101' },
			{ name: 'Entity ID', value: 'entityId', description: "Magento's internal order ID" },
		],
		default: 'incrementId',
	},
	{
		displayName: 'Order',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '000000101',
		description: 'The order number (increment ID) or entity ID, as chosen above',
	},
];

/** Loads the order named by the item's parameters, filling `record` with both of its ids. */
export async function loadOrder(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
): Promise<MagentoOrder> {
	const idType = this.getNodeParameter('orderIdType', itemIndex) as string;
	const id = String(this.getNodeParameter('orderId', itemIndex) ?? '').trim();
	if (!id) throw new NodeOperationError(this.getNode(), 'Order: no order ID given', { itemIndex });
	let order: MagentoOrder | undefined;
	if (idType === 'entityId') {
		record.orderId = id;
		if (!/^\d+$/.test(id))
			throw new NodeOperationError(this.getNode(), `Order entity ID "${id}" must be a number`, { itemIndex });
		order = await client.get<MagentoOrder>(`/orders/${id}`);
	} else {
		record.incrementId = id;
		const found = await client.search<MagentoOrder>(
			'/orders',
			{ filterGroups: [[{ field: 'increment_id', value: id, conditionType: 'eq' }]] },
			{ limit: 1, pageSize: 1 },
		);
		order = found.items[0];
		if (!order) throw new NodeOperationError(this.getNode(), `Order ${id} not found in Magento`, { itemIndex });
	}
	record.orderId = order.entity_id;
	record.incrementId = order.increment_id;
	return order;
}

/** Entity id of the order without loading it when the user gave the entity id. */

const ALL_DESCRIPTION = {
	ship: 'Ship everything not yet shipped',
	invoice: 'Invoice everything not yet invoiced',
};

export const itemsProperties = (purpose: 'ship' | 'invoice'): INodeProperties[] => [
	{
		displayName: 'Items',
		name: 'itemsMode',
		type: 'options',
		options: [
			{ name: 'All Remaining Items', value: 'all', description: ALL_DESCRIPTION[purpose] },
			{ name: 'By SKU (Fields)', value: 'bySku', description: 'List SKUs and quantities' },
			{ name: 'By SKU (JSON)', value: 'json', description: 'An array of lines such as SAP delivery lines: [{"sku": "...", "qty": 1}] (ItemCode / Quantity are accepted too)' },
		],
		default: 'all',
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line',
		default: {},
		displayOptions: { show: { itemsMode: ['bySku'] } },
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{ displayName: 'SKU', name: 'sku', type: 'string', default: '', description: 'Order item SKU; a configurable child SKU selects its parent row' },
					{ displayName: 'Quantity', name: 'qty', type: 'number', default: 1, typeOptions: { minValue: 0 } },
				],
			},
		],
	},
	{
		displayName: 'Lines (JSON)',
		name: 'linesJson',
		type: 'json',
		default: '[]',
		displayOptions: { show: { itemsMode: ['json'] } },
		description: 'JSON array of {"sku", "qty"} (or {"ItemCode", "Quantity"}), e.g. the lines of an SAP delivery',
	},
];

/** The SKU lines chosen in the item's parameters. */
export function readSkuLines(this: IExecuteFunctions, itemIndex: number): Array<{ sku: string; qty: number }> {
	const mode = this.getNodeParameter('itemsMode', itemIndex) as string;
	if (mode === 'bySku') {
		const lines = (this.getNodeParameter('lines.line', itemIndex, []) as IDataObject[]) ?? [];
		return lines.map((l) => ({ sku: String(l.sku ?? ''), qty: Number(l.qty) }));
	}
	let raw = this.getNodeParameter('linesJson', itemIndex, []) as unknown;
	if (typeof raw === 'string') {
		try {
			raw = JSON.parse(raw || '[]');
		} catch {
			throw new NodeOperationError(this.getNode(), 'Lines (JSON) is not valid JSON', { itemIndex });
		}
	}
	if (!Array.isArray(raw)) throw new NodeOperationError(this.getNode(), 'Lines (JSON) must be an array', { itemIndex });
	return raw.map((l: IDataObject) => ({
		sku: String(l.sku ?? l.ItemCode ?? l.itemCode ?? ''),
		qty: Number(l.qty ?? l.Quantity ?? l.quantity),
	}));
}
