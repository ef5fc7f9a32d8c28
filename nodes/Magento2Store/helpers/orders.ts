/** Finding the order an item is about, and reading the SKU lines to ship or invoice. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { MagentoOrder as AnyMagentoOrder } from '../../shared/magentoOrder';
import type { ItemRecord as RunnerRecord } from '../../shared/runner';
import type { MagentoClient } from '../transport/MagentoClient';
import type { OrderItem } from './orderItems';

/** Which order an item is about (both ids once known); names the order in errors and error items. */
export type ItemRecord = RunnerRecord & { orderId?: number | string; incrementId?: string };

/** A Magento order whose items carry their ids and SKUs, as the REST API returns them. */
export type MagentoOrder = AnyMagentoOrder & { items: OrderItem[] };

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
			throw new NodeOperationError(this.getNode(), `Order entity ID "${id}" must be a number`, {
				itemIndex,
			});
		order = await client.getOrder<MagentoOrder>(id);
	} else {
		record.incrementId = id;
		const found = await client.search<MagentoOrder>(
			'/orders',
			{ filterGroups: [[{ field: 'increment_id', value: id, conditionType: 'eq' }]] },
			{ limit: 1, pageSize: 1 },
		);
		order = found.items[0];
		if (!order)
			throw new NodeOperationError(this.getNode(), `Order ${id} not found in Magento`, {
				itemIndex,
			});
	}
	record.orderId = order.entity_id;
	record.incrementId = order.increment_id;
	return order;
}

/** The SKU lines chosen in the item's parameters. */
export function readSkuLines(
	this: IExecuteFunctions,
	itemIndex: number,
): Array<{ sku: string; qty: number }> {
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
	if (!Array.isArray(raw))
		throw new NodeOperationError(this.getNode(), 'Lines (JSON) must be an array', { itemIndex });
	return raw.map((l: IDataObject) => ({
		sku: String(l.sku ?? l.ItemCode ?? l.itemCode ?? ''),
		qty: Number(l.qty ?? l.Quantity ?? l.quantity),
	}));
}
