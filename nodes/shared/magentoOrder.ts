/**
 * The Magento 2 order as the REST API returns it (`GET /V1/orders/{id}`, `GET /V1/orders` items):
 * the one Magento order type of the package, read by the SAP mapping and by the Magento 2 Store
 * node. Loosely typed on purpose: Magento sends many more fields, and an n8n item's json is an
 * IDataObject.
 */

export interface MagentoAddress {
	firstname?: string | null;
	lastname?: string | null;
	company?: string | null;
	street?: string[] | string | null;
	city?: string | null;
	postcode?: string | null;
	region?: string | null;
	region_code?: string | null;
	country_id?: string | null;
	telephone?: string | null;
	email?: string | null;
	[key: string]: unknown;
}

export interface MagentoOrderItem {
	item_id?: number;
	parent_item_id?: number | null;
	parent_item?: MagentoOrderItem;
	sku?: string | null;
	name?: string | null;
	product_type?: string;
	is_virtual?: number | boolean;
	qty_ordered?: number | string;
	qty_canceled?: number | string | null;
	qty_shipped?: number | string | null;
	qty_invoiced?: number | string | null;
	qty_refunded?: number | string | null;
	price?: number | string | null;
	price_incl_tax?: number | string | null;
	row_total?: number | string | null;
	tax_amount?: number | string | null;
	tax_percent?: number | string | null;
	discount_amount?: number | string | null;
	discount_percent?: number | string | null;
	[key: string]: unknown;
}

export interface MagentoOrder {
	entity_id: number;
	increment_id: string;
	state?: string;
	status?: string;
	updated_at?: string;
	created_at?: string;
	customer_email?: string | null;
	customer_firstname?: string | null;
	customer_lastname?: string | null;
	customer_id?: number | null;
	customer_is_guest?: number | boolean;
	order_currency_code?: string;
	subtotal?: number;
	tax_amount?: number;
	/** Negative in Magento (e.g. -10.00). Includes the shipping discount. */
	discount_amount?: number | string | null;
	shipping_amount?: number | string | null;
	shipping_tax_amount?: number | string | null;
	shipping_discount_amount?: number | string | null;
	shipping_incl_tax?: number | string | null;
	shipping_description?: string | null;
	grand_total?: number | string | null;
	billing_address?: MagentoAddress | null;
	items?: MagentoOrderItem[];
	extension_attributes?: {
		shipping_assignments?: Array<{
			shipping?: {
				address?: MagentoAddress | null;
				method?: string | null;
				[key: string]: unknown;
			};
			[key: string]: unknown;
		}>;
		[key: string]: unknown;
	};
	[key: string]: unknown;
}

/** Magento's default order statuses (code → label), for the nodes' status choices. */
export const ORDER_STATUSES = [
	{ name: 'Canceled', value: 'canceled' },
	{ name: 'Closed', value: 'closed' },
	{ name: 'Complete', value: 'complete' },
	{ name: 'Fraud', value: 'fraud' },
	{ name: 'On Hold', value: 'holded' },
	{ name: 'Payment Review', value: 'payment_review' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Pending Payment', value: 'pending_payment' },
	{ name: 'Processing', value: 'processing' },
];
