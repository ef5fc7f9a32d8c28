/** JSON shapes of the Magento 2 REST entities the emulator stores and serves (snake_case as Magento sends them). */
import type { CatalogSeed, MagentoProduct } from './catalog';

export interface MagentoAddress {
	address_type: 'billing' | 'shipping';
	entity_id: number;
	parent_id: number;
	firstname: string;
	lastname: string;
	company?: string;
	street: string[];
	city: string;
	postcode: string;
	region: string;
	region_code: string;
	region_id?: number;
	country_id: string;
	telephone: string;
	email: string;
	customer_address_id?: number;
}

export interface MagentoOrderItem {
	item_id: number;
	order_id: number;
	parent_item_id?: number;
	quote_item_id?: number;
	store_id: number;
	created_at: string;
	updated_at: string;
	product_id: number;
	product_type: 'simple' | 'configurable' | 'bundle' | 'virtual';
	sku: string;
	name: string;
	weight?: number;
	is_virtual: 0 | 1;
	is_qty_decimal: 0 | 1;
	qty_ordered: number;
	qty_shipped: number;
	qty_invoiced: number;
	qty_canceled: number;
	qty_refunded: number;
	qty_backordered?: number | null;
	price: number;
	base_price: number;
	original_price: number;
	base_original_price: number;
	price_incl_tax: number;
	base_price_incl_tax: number;
	row_total: number;
	base_row_total: number;
	row_total_incl_tax: number;
	base_row_total_incl_tax: number;
	row_invoiced: number;
	base_row_invoiced: number;
	tax_amount: number;
	base_tax_amount: number;
	tax_invoiced: number;
	tax_percent: number;
	discount_amount: number;
	base_discount_amount: number;
	discount_percent: number;
	discount_invoiced: number;
	amount_refunded: number;
	no_discount: 0 | 1;
	free_shipping: 0 | 1;
	/** Bundle children: how many of this child go into one bundle (Magento keeps it in product_options.bundle_selection_attributes). */
	product_option?: Record<string, unknown>;
	/**
	 * What Magento keeps in `sales_order_item.product_options` (serialized) and reads itself, e.g. a
	 * bundle parent's `shipment_type` (0 together, 1 separately; `Order\Item::isShipSeparately`).
	 * Stored by the emulator, never sent: the REST order item (`OrderItemInterface`) has no such field.
	 */
	product_options?: { shipment_type?: 0 | 1; [key: string]: unknown };
	/** Set by modules that hold a row back from shipping (`Order\Item::getLockedDoShip`); the row cannot ship. */
	locked_do_ship?: 0 | 1 | null;
	parent_item?: MagentoOrderItem;
	[key: string]: unknown;
}

export interface MagentoStatusHistory {
	entity_id: number;
	parent_id: number;
	comment: string;
	created_at: string;
	entity_name: 'order' | 'invoice' | 'shipment' | 'creditmemo';
	is_customer_notified: number | null;
	is_visible_on_front: number;
	status: string | null;
}

export interface MagentoOrder {
	entity_id: number;
	increment_id: string;
	state: string;
	status: string;
	created_at: string;
	updated_at: string;
	store_id: number;
	store_name: string;
	customer_email: string;
	customer_firstname: string | null;
	customer_lastname: string | null;
	customer_id?: number;
	customer_group_id: number;
	customer_is_guest: 0 | 1;
	customer_note_notify: 0 | 1;
	is_virtual: 0 | 1;
	email_sent?: number;
	order_currency_code: string;
	base_currency_code: string;
	global_currency_code: string;
	store_currency_code: string;
	base_to_global_rate: number;
	base_to_order_rate: number;
	store_to_base_rate: number;
	store_to_order_rate: number;
	subtotal: number;
	base_subtotal: number;
	subtotal_incl_tax: number;
	base_subtotal_incl_tax: number;
	tax_amount: number;
	base_tax_amount: number;
	discount_amount: number;
	base_discount_amount: number;
	discount_description?: string;
	coupon_code?: string;
	shipping_amount: number;
	base_shipping_amount: number;
	shipping_tax_amount: number;
	base_shipping_tax_amount: number;
	shipping_incl_tax: number;
	base_shipping_incl_tax: number;
	shipping_discount_amount: number;
	shipping_description?: string;
	grand_total: number;
	base_grand_total: number;
	total_qty_ordered: number;
	total_item_count: number;
	total_invoiced?: number;
	base_total_invoiced?: number;
	total_paid?: number;
	total_due: number;
	weight?: number;
	remote_ip?: string;
	protect_code: string;
	quote_id: number;
	billing_address_id: number;
	billing_address: MagentoAddress;
	payment: {
		entity_id: number;
		parent_id: number;
		method: string;
		amount_ordered: number;
		base_amount_ordered: number;
		amount_paid?: number;
		additional_information: string[];
		account_status?: string | null;
		cc_last4?: string | null;
		[key: string]: unknown;
	};
	items: MagentoOrderItem[];
	status_histories: MagentoStatusHistory[];
	extension_attributes: {
		shipping_assignments: Array<{
			shipping: {
				address?: MagentoAddress;
				method?: string;
				total: Record<string, number>;
			};
			items: MagentoOrderItem[];
		}>;
		payment_additional_info?: Array<{ key: string; value: string }>;
		applied_taxes?: Array<{
			code: string;
			title: string;
			percent: number;
			amount: number;
			base_amount: number;
		}>;
		item_applied_taxes?: unknown[];
		[key: string]: unknown;
	};
	[key: string]: unknown;
}

export interface MagentoShipmentItem {
	entity_id: number;
	parent_id: number;
	order_item_id: number;
	product_id: number;
	sku: string;
	name: string;
	qty: number;
	price: number;
	weight?: number;
}

export interface MagentoShipmentTrack {
	entity_id: number;
	parent_id: number;
	order_id: number;
	track_number: string;
	title: string;
	carrier_code: string;
	description?: string | null;
	qty?: number | null;
	weight?: number | null;
	created_at: string;
	updated_at: string;
}

export interface MagentoShipmentComment {
	entity_id: number;
	parent_id: number;
	comment: string;
	is_customer_notified: number | null;
	is_visible_on_front: number;
	created_at: string;
}

export interface MagentoShipment {
	entity_id: number;
	increment_id: string;
	order_id: number;
	store_id: number;
	customer_id?: number;
	billing_address_id: number;
	shipping_address_id?: number;
	total_qty: number;
	email_sent: number | null;
	created_at: string;
	updated_at: string;
	items: MagentoShipmentItem[];
	tracks: MagentoShipmentTrack[];
	comments: MagentoShipmentComment[];
	packages: unknown[];
	extension_attributes?: Record<string, unknown>;
}

export interface MagentoInvoiceItem {
	entity_id: number;
	parent_id: number;
	order_item_id: number;
	product_id: number;
	sku: string;
	name: string;
	qty: number;
	price: number;
	row_total: number;
	tax_amount: number;
	discount_amount: number;
}

export interface MagentoInvoice {
	entity_id: number;
	increment_id: string;
	order_id: number;
	store_id: number;
	/** 1 open, 2 paid, 3 canceled. */
	state: number;
	can_void_flag: number;
	email_sent: number | null;
	subtotal: number;
	tax_amount: number;
	shipping_amount: number;
	discount_amount: number;
	grand_total: number;
	base_grand_total: number;
	order_currency_code: string;
	total_qty: number;
	created_at: string;
	updated_at: string;
	items: MagentoInvoiceItem[];
	comments: MagentoShipmentComment[];
}

export interface MagentoStore {
	id: number;
	code: string;
	name: string;
	website_id: number;
	store_group_id: number;
}

export interface MagentoIntegration {
	name: string;
	consumerId: number;
	/** 32 characters, as Magento generates them. */
	consumerKey: string;
	consumerSecret: string;
	accessToken: string;
	accessTokenSecret: string;
}

export type { MagentoProduct } from './catalog';

export interface MagentoSeed {
	/** The catalogue (`GET /V1/products`); optional: an empty catalogue without it. */
	products?: MagentoProduct[];
	stores: MagentoStore[];
	/** Products, sources, stock and prices (absent: an empty catalogue). */
	catalog?: CatalogSeed;
	integration: MagentoIntegration;
	/** Admin bearer token (as from POST /V1/integration/admin/token); always accepted as Bearer. */
	adminToken: string;
	orders: MagentoOrder[];
	shipments: MagentoShipment[];
	invoices: MagentoInvoice[];
}

/** An e-mail the store would have sent. */
export interface MagentoEmail {
	type: 'shipment' | 'invoice' | 'order_comment';
	to: string;
	orderId: number;
	incrementId: string;
	/** shipment / invoice entity id, when applicable. */
	documentId?: number;
	subject: string;
	trackingNumbers: string[];
	comment?: string;
	sentAt: string;
}
