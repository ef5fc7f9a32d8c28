/**
 * Builds realistic Magento 2 order JSON (as GET /V1/orders/{id} returns it) from a short description,
 * computing every amount the way Magento's totals collectors do, so that
 * grand_total = subtotal + shipping_amount + tax_amount + discount_amount
 * where tax_amount already includes shipping_tax_amount and discount_amount is negative (Magento's signs).
 */
import type { MagentoAddress, MagentoInvoice, MagentoOrder, MagentoOrderItem } from './types';

export interface ProductRef {
	sku: string;
	name: string;
	productId: number;
	price: number;
	weight?: number;
}

export type LineSpec =
	| { kind: 'simple' | 'virtual'; product: ProductRef; qty: number; discountPercent?: number }
	| {
			kind: 'configurable';
			parent: ProductRef;
			child: ProductRef;
			qty: number;
			discountPercent?: number;
	  }
	| {
			kind: 'bundle';
			parent: ProductRef;
			children: Array<{ product: ProductRef; qtyPerBundle: number }>;
			qty: number;
			discountPercent?: number;
			/** The product's "Ship Bundle Items" setting saved with the order (default together). */
			shipmentType?: 'together' | 'separately';
	  };

export interface AddressSpec {
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
}

export interface CustomerSpec {
	email: string;
	firstname: string;
	lastname: string;
	/** Absent for guests. */
	id?: number;
}

export interface OrderSpec {
	entityId: number;
	incrementId: string;
	storeId: number;
	createdAt: string;
	updatedAt?: string;
	customer: CustomerSpec;
	billing: AddressSpec;
	/** Absent for virtual-only orders (no shipping address, no method). */
	shipping?: AddressSpec;
	shippingMethod?: string;
	shippingDescription?: string;
	shippingAmount?: number;
	/** Tax rate on products (percent). */
	taxPercent: number;
	/** Tax rate on shipping (percent); 0 in most US states. */
	shippingTaxPercent?: number;
	taxCode?: string;
	currency?: string;
	/** base_to_order_rate (order amount = base amount × rate); 1 for USD. */
	rate?: number;
	paymentMethod: string;
	couponCode?: string;
	lines: LineSpec[];
	/** 'pending' (new, not invoiced), 'processing' (invoiced), 'holded' (invoiced, on hold), 'canceled'. */
	lifecycle: 'pending' | 'processing' | 'holded' | 'canceled';
	remoteIp?: string;
}

export interface BuiltOrder {
	order: MagentoOrder;
	invoice?: MagentoInvoice;
}

export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

interface Counters {
	nextItemId: number;
	nextInvoiceId: number;
}

const STORE_NAMES: Record<number, string> = {
	1: 'Main Website\nMain Website Store\nDefault Store View',
	2: 'Main Website\nMain Website Store\nDeutsch',
};

/** Builds one order (and its invoice when the lifecycle says it was invoiced). `counters` is advanced. */
export function buildOrder(spec: OrderSpec, counters: Counters): BuiltOrder {
	const rate = spec.rate ?? 1;
	const base = (n: number) => round2(n / rate);
	const currency = spec.currency ?? 'USD';
	const created = spec.createdAt;
	const updated = spec.updatedAt ?? spec.createdAt;
	const tp = spec.taxPercent;
	const items: MagentoOrderItem[] = [];

	const mk = (
		product: ProductRef,
		type: MagentoOrderItem['product_type'],
		qty: number,
		price: number,
		discountPercent: number,
		parentId?: number,
		nameOverride?: string,
	): MagentoOrderItem => {
		const rowTotal = round2(price * qty);
		const discount = round2((rowTotal * discountPercent) / 100);
		const tax = round2(((rowTotal - discount) * tp) / 100);
		const priceInclTax = round2(price * (1 + tp / 100));
		const item: MagentoOrderItem = {
			item_id: counters.nextItemId++,
			order_id: spec.entityId,
			quote_item_id: 0,
			store_id: spec.storeId,
			created_at: created,
			updated_at: created,
			product_id: product.productId,
			product_type: type,
			sku: product.sku,
			name: nameOverride ?? product.name,
			weight: product.weight ?? 1,
			is_virtual: type === 'virtual' ? 1 : 0,
			is_qty_decimal: 0,
			qty_ordered: qty,
			qty_shipped: 0,
			qty_invoiced: 0,
			qty_canceled: 0,
			qty_refunded: 0,
			qty_backordered: null,
			price,
			base_price: base(price),
			original_price: price === 0 ? 0 : price,
			base_original_price: base(price),
			price_incl_tax: priceInclTax,
			base_price_incl_tax: base(priceInclTax),
			row_total: rowTotal,
			base_row_total: base(rowTotal),
			row_total_incl_tax: round2(rowTotal + round2((rowTotal * tp) / 100)),
			base_row_total_incl_tax: base(round2(rowTotal + round2((rowTotal * tp) / 100))),
			row_invoiced: 0,
			base_row_invoiced: 0,
			tax_amount: tax,
			base_tax_amount: base(tax),
			tax_invoiced: 0,
			tax_percent: price === 0 ? 0 : tp,
			discount_amount: discount,
			base_discount_amount: base(discount),
			discount_percent: discountPercent,
			discount_invoiced: 0,
			amount_refunded: 0,
			no_discount: 0,
			free_shipping: 0,
		};
		if (parentId !== undefined) item.parent_item_id = parentId;
		return item;
	};

	/** Rows whose amounts make up the order totals (bundle children, not the bundle parent). */
	const counted: MagentoOrderItem[] = [];
	for (const line of spec.lines) {
		const dp = line.discountPercent ?? 0;
		if (line.kind === 'simple' || line.kind === 'virtual') {
			const it = mk(line.product, line.kind, line.qty, line.product.price, dp);
			items.push(it);
			counted.push(it);
		} else if (line.kind === 'configurable') {
			// Magento: the parent row carries the child's SKU and the price; the child row has price 0.
			const parent = mk(
				line.parent,
				'configurable',
				line.qty,
				line.parent.price,
				dp,
				undefined,
				line.parent.name,
			);
			parent.sku = line.child.sku;
			parent.product_option = {
				extension_attributes: {
					configurable_item_options: [
						{ option_id: '93', option_value: 50 },
						{ option_id: '144', option_value: 167 },
					],
				},
			};
			const child = mk(line.child, 'simple', line.qty, 0, 0, parent.item_id, line.child.name);
			child.original_price = 0;
			items.push(parent, child);
			counted.push(parent);
		} else if (line.kind === 'bundle') {
			const parentId = counters.nextItemId++;
			const children = line.children.map((c) =>
				mk(c.product, 'simple', c.qtyPerBundle * line.qty, c.product.price, dp, parentId),
			);
			const unit = round2(line.children.reduce((s, c) => s + c.product.price * c.qtyPerBundle, 0));
			const parent = mk(line.parent, 'bundle', line.qty, unit, dp);
			counters.nextItemId--; // mk took an id; give the parent the one reserved before the children
			parent.item_id = parentId;
			counters.nextItemId = Math.max(...children.map((c) => c.item_id)) + 1;
			const sum = (k: keyof MagentoOrderItem) =>
				round2(children.reduce((s, c) => s + (c[k] as number), 0));
			parent.row_total = sum('row_total');
			parent.base_row_total = sum('base_row_total');
			parent.tax_amount = sum('tax_amount');
			parent.base_tax_amount = sum('base_tax_amount');
			parent.discount_amount = sum('discount_amount');
			parent.base_discount_amount = sum('base_discount_amount');
			parent.row_total_incl_tax = sum('row_total_incl_tax');
			parent.base_row_total_incl_tax = sum('base_row_total_incl_tax');
			// Order\Item::isShipSeparately reads product_options['shipment_type'] (kept, not sent by REST).
			parent.product_options = { shipment_type: line.shipmentType === 'separately' ? 1 : 0 };
			parent.product_option = {
				extension_attributes: {
					bundle_options: line.children.map((c, i) => ({
						option_id: i + 1,
						option_qty: c.qtyPerBundle,
						option_selections: [c.product.productId],
					})),
				},
			};
			items.push(parent, ...children);
			counted.push(...children);
		}
	}

	const isVirtual = items.every(
		(i) =>
			i.is_virtual === 1 ||
			(i.parent_item_id !== undefined &&
				items.find((p) => p.item_id === i.parent_item_id)?.is_virtual === 1),
	);
	const subtotal = round2(counted.reduce((s, i) => s + i.row_total, 0));
	const itemsTax = round2(counted.reduce((s, i) => s + i.tax_amount, 0));
	const discount = round2(counted.reduce((s, i) => s + i.discount_amount, 0));
	const shippingAmount = isVirtual ? 0 : (spec.shippingAmount ?? 0);
	const shippingTax = round2((shippingAmount * (spec.shippingTaxPercent ?? 0)) / 100);
	const taxAmount = round2(itemsTax + shippingTax);
	const grandTotal = round2(subtotal + shippingAmount + taxAmount - discount);
	const totalQty = items
		.filter((i) => i.parent_item_id === undefined)
		.reduce((s, i) => s + i.qty_ordered, 0);

	const address = (a: AddressSpec, type: 'billing' | 'shipping'): MagentoAddress => ({
		address_type: type,
		entity_id: spec.entityId * 10 + (type === 'billing' ? 1 : 2),
		parent_id: spec.entityId,
		...a,
		email: spec.customer.email,
		...(spec.customer.id !== undefined ? { customer_address_id: spec.customer.id * 100 + 1 } : {}),
	});

	const billing = address(spec.billing, 'billing');
	const order: MagentoOrder = {
		entity_id: spec.entityId,
		increment_id: spec.incrementId,
		state: 'new',
		status: 'pending',
		created_at: created,
		updated_at: updated,
		store_id: spec.storeId,
		store_name: STORE_NAMES[spec.storeId] ?? 'Default Store View',
		customer_email: spec.customer.email,
		customer_firstname: spec.customer.firstname,
		customer_lastname: spec.customer.lastname,
		...(spec.customer.id !== undefined ? { customer_id: spec.customer.id } : {}),
		customer_group_id: spec.customer.id !== undefined ? 1 : 0,
		customer_is_guest: spec.customer.id !== undefined ? 0 : 1,
		customer_note_notify: 1,
		is_virtual: isVirtual ? 1 : 0,
		email_sent: 1,
		order_currency_code: currency,
		base_currency_code: 'USD',
		global_currency_code: 'USD',
		store_currency_code: 'USD',
		base_to_global_rate: 1,
		base_to_order_rate: rate,
		store_to_base_rate: 0,
		store_to_order_rate: 0,
		subtotal,
		base_subtotal: base(subtotal),
		subtotal_incl_tax: round2(subtotal + itemsTax),
		base_subtotal_incl_tax: base(round2(subtotal + itemsTax)),
		tax_amount: taxAmount,
		base_tax_amount: base(taxAmount),
		discount_amount: discount === 0 ? 0 : -discount,
		base_discount_amount: discount === 0 ? 0 : -base(discount),
		...(spec.couponCode
			? { coupon_code: spec.couponCode, discount_description: spec.couponCode }
			: {}),
		shipping_amount: shippingAmount,
		base_shipping_amount: base(shippingAmount),
		shipping_tax_amount: shippingTax,
		base_shipping_tax_amount: base(shippingTax),
		shipping_incl_tax: round2(shippingAmount + shippingTax),
		base_shipping_incl_tax: base(round2(shippingAmount + shippingTax)),
		shipping_discount_amount: 0,
		...(isVirtual ? {} : { shipping_description: spec.shippingDescription ?? 'Flat Rate - Fixed' }),
		grand_total: grandTotal,
		base_grand_total: base(grandTotal),
		total_qty_ordered: totalQty,
		total_item_count: spec.lines.length,
		total_due: grandTotal,
		base_total_due: base(grandTotal),
		weight: isVirtual
			? 0
			: items
					.filter((i) => i.parent_item_id === undefined && !i.is_virtual)
					.reduce((s, i) => s + (i.weight ?? 0) * i.qty_ordered, 0),
		remote_ip: spec.remoteIp ?? '203.0.113.' + (spec.entityId % 250),
		protect_code: (spec.entityId * 2654435761).toString(16).slice(0, 6),
		quote_id: spec.entityId + 500,
		billing_address_id: billing.entity_id,
		billing_address: billing,
		payment: {
			entity_id: spec.entityId,
			parent_id: spec.entityId,
			method: spec.paymentMethod,
			amount_ordered: grandTotal,
			base_amount_ordered: base(grandTotal),
			base_shipping_amount: base(shippingAmount),
			shipping_amount: shippingAmount,
			additional_information:
				spec.paymentMethod === 'checkmo' ? ['Check / Money order'] : [spec.paymentMethod],
			account_status: null,
			cc_last4: null,
		},
		items,
		status_histories: [],
		extension_attributes: {
			shipping_assignments: [
				{
					shipping: {
						...(spec.shipping && !isVirtual
							? {
									address: address(spec.shipping, 'shipping'),
									method: spec.shippingMethod ?? 'flatrate_flatrate',
								}
							: {}),
						total: {
							shipping_amount: shippingAmount,
							base_shipping_amount: base(shippingAmount),
							shipping_incl_tax: round2(shippingAmount + shippingTax),
							base_shipping_incl_tax: base(round2(shippingAmount + shippingTax)),
							shipping_tax_amount: shippingTax,
							base_shipping_tax_amount: base(shippingTax),
							shipping_discount_amount: 0,
							base_shipping_discount_amount: 0,
						},
					},
					items: [],
				},
			],
			payment_additional_info: [
				{
					key: 'method_title',
					value: spec.paymentMethod === 'checkmo' ? 'Check / Money order' : spec.paymentMethod,
				},
			],
			applied_taxes:
				taxAmount > 0
					? [
							{
								code: spec.taxCode ?? 'TAX',
								title: spec.taxCode ?? 'TAX',
								percent: tp,
								amount: taxAmount,
								base_amount: base(taxAmount),
							},
						]
					: [],
			item_applied_taxes: [],
		},
	};
	if (!isVirtual) order.shipping_address_id = spec.entityId * 10 + 2;

	let invoice: MagentoInvoice | undefined;
	if (spec.lifecycle === 'processing' || spec.lifecycle === 'holded') {
		invoice = invoiceAll(order, counters.nextInvoiceId++, updated);
		order.state = 'processing';
		order.status = 'processing';
		if (isVirtual) {
			order.state = 'complete';
			order.status = 'complete';
		}
	}
	if (spec.lifecycle === 'holded') {
		order.hold_before_state = order.state;
		order.hold_before_status = order.status;
		order.state = 'holded';
		order.status = 'holded';
	}
	if (spec.lifecycle === 'canceled') {
		for (const it of items) it.qty_canceled = it.qty_ordered;
		order.state = 'canceled';
		order.status = 'canceled';
		order.subtotal_canceled = subtotal;
		order.tax_canceled = taxAmount;
		order.shipping_canceled = shippingAmount;
		order.discount_canceled = discount === 0 ? 0 : -discount;
		order.total_canceled = grandTotal;
		order.total_due = 0;
		order.base_total_due = 0;
	}
	for (const it of items) it.updated_at = updated;
	// Magento lists in the shipping assignment the same item objects as in `items`.
	order.extension_attributes.shipping_assignments[0].items = items;
	return { order, invoice };
}

/** Invoices every remaining quantity (as a captured online payment would) and returns the invoice. */
export function invoiceAll(order: MagentoOrder, invoiceId: number, at: string): MagentoInvoice {
	const invoiceItems = [];
	for (const it of order.items) {
		const qty = it.qty_ordered - it.qty_invoiced - it.qty_canceled;
		if (qty <= 0) continue;
		it.qty_invoiced += qty;
		it.row_invoiced = it.row_total;
		it.base_row_invoiced = it.base_row_total;
		it.tax_invoiced = it.tax_amount;
		it.discount_invoiced = it.discount_amount;
		invoiceItems.push({
			entity_id: invoiceId * 100 + invoiceItems.length + 1,
			parent_id: invoiceId,
			order_item_id: it.item_id,
			product_id: it.product_id,
			sku: it.sku,
			name: it.name,
			qty,
			price: it.price,
			row_total: it.row_total,
			tax_amount: it.tax_amount,
			discount_amount: it.discount_amount,
		});
	}
	order.total_invoiced = order.grand_total;
	order.base_total_invoiced = order.base_grand_total;
	order.total_paid = order.grand_total;
	order.base_total_paid = order.base_grand_total;
	order.payment.amount_paid = order.grand_total;
	order.total_due = 0;
	order.base_total_due = 0;
	return {
		entity_id: invoiceId,
		increment_id: String(invoiceId).padStart(9, '0'),
		order_id: order.entity_id,
		store_id: order.store_id,
		state: 2,
		can_void_flag: 0,
		email_sent: 1,
		subtotal: order.subtotal,
		tax_amount: order.tax_amount,
		shipping_amount: order.shipping_amount,
		discount_amount: order.discount_amount,
		grand_total: order.grand_total,
		base_grand_total: order.base_grand_total,
		order_currency_code: order.order_currency_code,
		total_qty: invoiceItems
			.filter(
				(i) => order.items.find((o) => o.item_id === i.order_item_id)?.parent_item_id === undefined,
			)
			.reduce((s, i) => s + i.qty, 0),
		created_at: at,
		updated_at: at,
		items: invoiceItems,
		comments: [],
	};
}
