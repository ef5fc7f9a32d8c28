/** The Simplify option of Order → Get and Get Many: a compact order instead of Magento's full one. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { MagentoOrder, MagentoOrderItem } from '../../shared/magentoOrder';

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a simplified version of the response instead of the raw data: the entity and increment IDs, status and state, dates, customer e-mail and name, grand total and currency, store, the item rows (SKU, name, quantities ordered and shipped, price, product type; the simple rows under a configurable, which repeat its SKU, are left out), the shipping city and country and the payment method',
};

const text = (v: unknown): string | null =>
	v === undefined || v === null || v === '' ? null : String(v);

function customerName(order: MagentoOrder): string | null {
	const own = [order.customer_firstname, order.customer_lastname].map(text).filter(Boolean);
	if (own.length) return own.join(' ');
	// Guest orders carry the name on the billing address only.
	const billing = order.billing_address;
	const named = [billing?.firstname, billing?.lastname].map(text).filter(Boolean);
	return named.length ? named.join(' ') : null;
}

function itemRows(items: MagentoOrderItem[]): IDataObject[] {
	const byId = new Map(items.map((i) => [Number(i.item_id), i]));
	return items
		.filter((i) => {
			const parent = i.parent_item_id ? byId.get(Number(i.parent_item_id)) : i.parent_item;
			return parent?.product_type !== 'configurable';
		})
		.map((i) => ({
			sku: text(i.sku),
			name: text(i.name),
			qty_ordered: Number(i.qty_ordered ?? 0),
			qty_shipped: Number(i.qty_shipped ?? 0),
			price: Number(i.price ?? 0),
			product_type: text(i.product_type),
		}));
}

/** The compact order; the fields Get Many adds (alsoFetched, remaining) are kept when present. */
export function simplifyOrder(order: MagentoOrder & IDataObject): IDataObject {
	const address = order.extension_attributes?.shipping_assignments?.[0]?.shipping?.address;
	const payment = order.payment as IDataObject | undefined;
	const compact: IDataObject = {
		entity_id: order.entity_id,
		increment_id: order.increment_id,
		status: order.status ?? null,
		state: order.state ?? null,
		created_at: order.created_at ?? null,
		updated_at: order.updated_at ?? null,
		customer_email: text(order.customer_email),
		customer_name: customerName(order),
		grand_total: order.grand_total === undefined ? null : Number(order.grand_total),
		currency: text(order.order_currency_code),
		store_id: order.store_id ?? null,
		items: itemRows(order.items ?? []),
		shipping_city: text(address?.city),
		shipping_country: text(address?.country_id),
		payment_method: text(payment?.method),
	};
	if ('alsoFetched' in order) compact.alsoFetched = order.alsoFetched;
	if ('remaining' in order) compact.remaining = order.remaining;
	return compact;
}
