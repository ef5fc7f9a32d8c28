/**
 * Order business rules of Magento 2.4 (Sales module), applied to the emulator's state: ship (ShipOrder +
 * ShipmentDocumentFactory + ShipmentFactory + CanShip/QuantityValidator/TrackValidator), invoice (InvoiceOrder +
 * CanInvoice/InvoiceQuantityValidator), hold/unhold/cancel (Order::canHold/canUnhold/canCancel), comments
 * (OrderService::addComment), and the order state resolver.
 */
import { badRequest, entityNotFound, MagentoHttpError } from './errors';
import { round2 } from './orderBuilder';
import type {
	MagentoEmail,
	MagentoInvoice,
	MagentoOrder,
	MagentoOrderItem,
	MagentoShipment,
	MagentoStatusHistory,
} from './types';

export interface SalesState {
	orders: MagentoOrder[];
	shipments: MagentoShipment[];
	invoices: MagentoInvoice[];
	/** Order comments added through POST /V1/orders/{id}/comments, in arrival order. */
	comments: Array<MagentoStatusHistory & { order_increment_id: string }>;
	emails: MagentoEmail[];
	/** Next ids (kept in the state so that a reset restores them). */
	sequence: {
		shipment: number;
		invoice: number;
		history: number;
		track: number;
		shipmentItem: number;
	};
}

export interface SalesContext {
	state: SalesState;
	now: () => string;
	version: '2.3' | '2.4';
}

export function findOrder(ctx: SalesContext, id: number): MagentoOrder {
	const o = ctx.state.orders.find((x) => x.entity_id === id);
	if (!o) throw entityNotFound();
	return o;
}

const parentOf = (o: MagentoOrder, it: MagentoOrderItem) =>
	it.parent_item_id !== undefined
		? o.items.find((p) => p.item_id === it.parent_item_id)
		: undefined;
const childrenOf = (o: MagentoOrder, it: MagentoOrderItem) =>
	o.items.filter((c) => c.parent_item_id === it.item_id);
/** Children of configurables and of bundles shipped together are "dummy" for shipping: they follow their parent. */
const isShipDummy = (o: MagentoOrder, it: MagentoOrderItem) => parentOf(o, it) !== undefined;
/** For invoicing, configurable children and dynamic-price bundle parents are dummies. */
const isInvoiceDummy = (o: MagentoOrder, it: MagentoOrderItem) => {
	const p = parentOf(o, it);
	if (p) return p.product_type === 'configurable';
	return it.product_type === 'bundle';
};
export const qtyToShip = (it: MagentoOrderItem) =>
	Math.max(it.qty_ordered - it.qty_shipped - it.qty_refunded - it.qty_canceled, 0);
export const qtyToInvoice = (it: MagentoOrderItem) =>
	Math.max(it.qty_ordered - it.qty_invoiced - it.qty_canceled, 0);

export function canShip(o: MagentoOrder): boolean {
	if (['holded', 'payment_review', 'canceled'].includes(o.state) || o.is_virtual) return false;
	return o.items.some((it) => !it.is_virtual && !isShipDummy(o, it) && qtyToShip(it) > 0);
}

export function canInvoice(o: MagentoOrder): boolean {
	if (['holded', 'payment_review', 'canceled', 'complete', 'closed'].includes(o.state))
		return false;
	return o.items.some((it) => !isInvoiceDummy(o, it) && qtyToInvoice(it) > 0);
}

/** OrderStateResolver: complete once nothing is left to invoice or ship, processing until then. */
function resolveState(o: MagentoOrder): void {
	if (['canceled', 'holded', 'closed'].includes(o.state)) return;
	const state = !canInvoice(o) && !canShip(o) ? 'complete' : 'processing';
	o.state = state;
	o.status = state;
}

interface ShipBody {
	items?: Array<{ order_item_id: number | string; qty: number | string }>;
	notify?: boolean;
	appendComment?: boolean;
	comment?: { comment?: string; is_visible_on_front?: number };
	tracks?: Array<{ track_number?: string; title?: string; carrier_code?: string }>;
	packages?: unknown[];
	arguments?: unknown;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

/** POST /V1/order/{id}/ship → new shipment id. */
export function ship(ctx: SalesContext, orderId: number, body: ShipBody): number {
	const o = findOrder(ctx, orderId);
	const requested = new Map<number, number>();
	if (!body.items || body.items.length === 0) {
		// ShipmentDocumentFactory::getQuantitiesFromOrderItems: every non-virtual, non-child item at its ordered qty.
		for (const it of o.items)
			if (!it.is_virtual && !parentOf(o, it)) requested.set(it.item_id, it.qty_ordered);
	} else {
		for (const r of body.items) requested.set(Number(r.order_item_id), Number(r.qty));
	}
	// ShipmentFactory::prepareItems: unknown ids and virtual items are skipped; qty is clamped to what is left.
	const lines: Array<{ item: MagentoOrderItem; qty: number }> = [];
	for (const it of o.items) {
		if (it.is_virtual || isShipDummy(o, it)) continue;
		const want = requested.get(it.item_id);
		if (want === undefined || !(want > 0)) continue;
		lines.push({ item: it, qty: Math.trunc(Math.min(want, qtyToShip(it))) });
	}
	const tracks = body.tracks ?? [];
	const messages: string[] = [];
	if (['payment_review', 'holded', 'canceled'].includes(o.state) || o.is_virtual) {
		messages.push(`A shipment cannot be created when an order has a status of ${o.status}`);
	} else if (!canShip(o)) {
		messages.push('The order does not allow a shipment to be created.');
	}
	if (lines.reduce((s, l) => s + l.qty, 0) <= 0)
		messages.push("You can't create a shipment without products.");
	for (const t of tracks) if (!t.track_number) messages.push('Please enter a tracking number.');
	if (messages.length)
		throw new MagentoHttpError(400, {
			message: 'Shipment Document Validation Error(s):\n' + messages.join('\n'),
		});

	const now = ctx.now();
	const seq = ctx.state.sequence;
	const id = seq.shipment++;
	const shipment: MagentoShipment = {
		entity_id: id,
		increment_id: String(id).padStart(9, '0'),
		order_id: o.entity_id,
		store_id: o.store_id,
		...(o.customer_id !== undefined ? { customer_id: o.customer_id } : {}),
		billing_address_id: o.billing_address_id,
		...(o.shipping_address_id !== undefined
			? { shipping_address_id: o.shipping_address_id as number }
			: {}),
		total_qty: 0,
		email_sent: null,
		created_at: now,
		updated_at: now,
		items: [],
		tracks: [],
		comments: [],
		packages: body.packages ?? [],
	};
	for (const { item, qty } of lines) {
		if (qty <= 0) continue;
		item.qty_shipped += qty;
		for (const child of childrenOf(o, item))
			child.qty_shipped += qty * (child.qty_ordered / item.qty_ordered);
		item.updated_at = now;
		shipment.items.push({
			entity_id: seq.shipmentItem++,
			parent_id: id,
			order_item_id: item.item_id,
			product_id: item.product_id,
			sku: item.sku,
			name: item.name,
			qty,
			price: item.price,
			weight: item.weight,
		});
		shipment.total_qty += qty;
	}
	for (const t of tracks) {
		shipment.tracks.push({
			entity_id: seq.track++,
			parent_id: id,
			order_id: o.entity_id,
			track_number: String(t.track_number),
			title: t.title ?? '',
			carrier_code: t.carrier_code ?? 'custom',
			description: null,
			qty: null,
			weight: null,
			created_at: now,
			updated_at: now,
		});
	}
	const commentText = body.comment?.comment;
	if (commentText) {
		shipment.comments.push({
			entity_id: seq.history++,
			parent_id: id,
			comment: commentText,
			is_customer_notified: truthy(body.appendComment) && truthy(body.notify) ? 1 : 0,
			is_visible_on_front: Number(body.comment?.is_visible_on_front ?? 0),
			created_at: now,
		});
	}
	ctx.state.shipments.push(shipment);
	const before = `${o.state}/${o.status}`;
	resolveState(o);
	// sales_order.updated_at is ON UPDATE CURRENT_TIMESTAMP (Sales/etc/db_schema.xml) and Sales
	// resources never write it themselves (Sales/Model/ResourceModel/EntityAbstract::_prepareDataForSave
	// unsets it): it moves only when a header column changes — here the state/status, e.g.
	// processing → complete. A partial shipment that leaves both as they are does not move it.
	if (`${o.state}/${o.status}` !== before) o.updated_at = now;
	if (truthy(body.notify)) {
		shipment.email_sent = 1;
		ctx.state.emails.push({
			type: 'shipment',
			to: o.customer_email,
			orderId: o.entity_id,
			incrementId: o.increment_id,
			documentId: id,
			subject: `Your ${o.store_id === 2 ? 'Deutsch' : 'Main Website Store'} order has shipped`,
			trackingNumbers: shipment.tracks.map((t) => t.track_number),
			...(truthy(body.appendComment) && commentText ? { comment: commentText } : {}),
			sentAt: now,
		});
	}
	return id;
}

interface InvoiceBody {
	capture?: boolean;
	items?: Array<{ order_item_id: number | string; qty: number | string }>;
	notify?: boolean;
	appendComment?: boolean;
	comment?: { comment?: string; is_visible_on_front?: number };
}

/** POST /V1/order/{id}/invoice → new invoice id. */
export function invoice(ctx: SalesContext, orderId: number, body: InvoiceBody): number {
	const o = findOrder(ctx, orderId);
	const asked = new Map<number, number>();
	for (const r of body.items ?? []) asked.set(Number(r.order_item_id), Number(r.qty));
	const lines: Array<{ item: MagentoOrderItem; qty: number }> = [];
	const messages: string[] = [];
	if (['payment_review', 'holded', 'canceled', 'complete', 'closed'].includes(o.state)) {
		messages.push(`An invoice cannot be created when an order has a status of ${o.status}`);
	} else if (!canInvoice(o)) {
		messages.push('The order does not allow an invoice to be created.');
	}
	for (const it of o.items) {
		if (isInvoiceDummy(o, it)) continue;
		let qty: number;
		if (asked.size === 0) qty = qtyToInvoice(it);
		else {
			// A bundle child follows its parent when the parent is asked for.
			const p = parentOf(o, it);
			if (asked.has(it.item_id)) qty = asked.get(it.item_id)!;
			else if (p && p.product_type === 'bundle' && asked.has(p.item_id))
				qty = asked.get(p.item_id)! * (it.qty_ordered / p.qty_ordered);
			else continue;
			if (qty > qtyToInvoice(it)) {
				messages.push(
					`The quantity to invoice must not be greater than the uninvoiced quantity for product SKU "${it.sku}".`,
				);
				continue;
			}
		}
		if (qty > 0) lines.push({ item: it, qty });
	}
	if (messages.length === 0 && lines.reduce((s, l) => s + l.qty, 0) <= 0)
		messages.push("The invoice can't be created without products. Add products and try again.");
	if (messages.length)
		throw new MagentoHttpError(400, {
			message: 'Invoice Document Validation Error(s):\n' + messages.join('\n'),
		});

	const now = ctx.now();
	const id = ctx.state.sequence.invoice++;
	const firstInvoice = !ctx.state.invoices.some((i) => i.order_id === o.entity_id);
	let subtotal = 0;
	let tax = 0;
	let discount = 0;
	const items = lines.map(({ item, qty }, n) => {
		const share = qty / item.qty_ordered;
		const row = round2(item.row_total * share);
		const t = round2(item.tax_amount * share);
		const d = round2(item.discount_amount * share);
		subtotal += row;
		tax += t;
		discount += d;
		item.qty_invoiced += qty;
		item.row_invoiced = round2(item.row_invoiced + row);
		item.tax_invoiced = round2(item.tax_invoiced + t);
		item.discount_invoiced = round2(item.discount_invoiced + d);
		item.updated_at = now;
		const parent = parentOf(o, item);
		for (const child of childrenOf(o, item))
			child.qty_invoiced += qty * (child.qty_ordered / item.qty_ordered);
		if (parent && parent.product_type === 'bundle')
			parent.qty_invoiced = Math.min(
				...childrenOf(o, parent).map((c) => (c.qty_invoiced / c.qty_ordered) * parent.qty_ordered),
			);
		return {
			entity_id: id * 100 + n + 1,
			parent_id: id,
			order_item_id: item.item_id,
			product_id: item.product_id,
			sku: item.sku,
			name: item.name,
			qty,
			price: item.price,
			row_total: row,
			tax_amount: t,
			discount_amount: d,
		};
	});
	const shipping = firstInvoice ? o.shipping_amount : 0;
	const shippingTax = firstInvoice ? o.shipping_tax_amount : 0;
	const grand = round2(subtotal + tax + shipping + shippingTax - discount);
	const inv: MagentoInvoice = {
		entity_id: id,
		increment_id: String(id).padStart(9, '0'),
		order_id: o.entity_id,
		store_id: o.store_id,
		state: 2,
		can_void_flag: 0,
		email_sent: truthy(body.notify) ? 1 : null,
		subtotal: round2(subtotal),
		tax_amount: round2(tax + shippingTax),
		shipping_amount: shipping,
		discount_amount: discount === 0 ? 0 : -round2(discount),
		grand_total: grand,
		base_grand_total: round2(grand / (o.base_to_order_rate || 1)),
		order_currency_code: o.order_currency_code,
		total_qty: lines.filter((l) => !parentOf(o, l.item)).reduce((s, l) => s + l.qty, 0),
		created_at: now,
		updated_at: now,
		items,
		comments: [],
	};
	ctx.state.invoices.push(inv);
	o.total_invoiced = round2(((o.total_invoiced as number) ?? 0) + grand);
	o.total_paid = round2(((o.total_paid as number) ?? 0) + grand);
	o.total_due = round2(Math.max(o.grand_total - (o.total_paid as number), 0));
	if (o.state === 'new') {
		o.state = 'processing';
		o.status = 'processing';
	}
	resolveState(o);
	o.updated_at = now;
	if (truthy(body.notify)) {
		ctx.state.emails.push({
			type: 'invoice',
			to: o.customer_email,
			orderId: o.entity_id,
			incrementId: o.increment_id,
			documentId: id,
			subject: `Invoice for your order #${o.increment_id}`,
			trackingNumbers: [],
			...(truthy(body.appendComment) && body.comment?.comment
				? { comment: body.comment.comment }
				: {}),
			sentAt: now,
		});
	}
	return id;
}

export function hold(ctx: SalesContext, orderId: number): true {
	const o = findOrder(ctx, orderId);
	if (['canceled', 'complete', 'closed', 'holded', 'payment_review'].includes(o.state))
		throw badRequest('A hold action is not available.');
	o.hold_before_state = o.state;
	o.hold_before_status = o.status;
	o.state = 'holded';
	o.status = 'holded';
	o.updated_at = ctx.now();
	return true;
}

export function unhold(ctx: SalesContext, orderId: number): true {
	const o = findOrder(ctx, orderId);
	if (o.state !== 'holded') throw badRequest('You cannot remove the hold.');
	o.state = (o.hold_before_state as string) ?? 'processing';
	o.status = (o.hold_before_status as string) ?? 'processing';
	o.hold_before_state = null;
	o.hold_before_status = null;
	o.updated_at = ctx.now();
	return true;
}

/** OrderManagement::cancel answers `false` (HTTP 200) when the order cannot be canceled. */
export function cancel(ctx: SalesContext, orderId: number): boolean {
	const o = findOrder(ctx, orderId);
	if (['holded', 'payment_review', 'canceled', 'complete', 'closed'].includes(o.state))
		return false;
	const allInvoiced = !o.items.some((it) => !isInvoiceDummy(o, it) && qtyToInvoice(it) > 0);
	if (allInvoiced) return false;
	for (const it of o.items)
		it.qty_canceled += Math.max(
			it.qty_ordered - Math.max(it.qty_shipped, it.qty_invoiced) - it.qty_canceled,
			0,
		);
	const toRefund = o.items.some((it) => it.qty_invoiced - it.qty_refunded > 0);
	const state = !toRefund
		? 'canceled'
		: o.items.some((it) => !it.is_virtual && !isShipDummy(o, it) && qtyToShip(it) > 0)
			? 'processing'
			: 'complete';
	o.state = state;
	o.status = state;
	o.total_canceled = round2(o.grand_total - ((o.total_invoiced as number) ?? 0));
	o.updated_at = ctx.now();
	return true;
}

interface CommentBody {
	statusHistory?: {
		comment?: string;
		is_customer_notified?: number | boolean;
		is_visible_on_front?: number | boolean;
		parent_id?: number;
		status?: string;
	};
}

/** POST /V1/orders/{id}/comments → true. 2.4 keeps the order's status; 2.3 takes the status given. updated_at moves only with the status. */
export function addComment(ctx: SalesContext, orderId: number, body: CommentBody): true {
	const h = body.statusHistory;
	if (!h || typeof h !== 'object')
		throw badRequest('"%fieldName" is required. Enter and try again.', {
			fieldName: 'statusHistory',
		});
	const o = findOrder(ctx, orderId);
	const now = ctx.now();
	const statusBefore = o.status;
	let status = o.status;
	if (ctx.version === '2.3' && h.status) {
		status = h.status;
		o.status = h.status;
	}
	const entry: MagentoStatusHistory = {
		entity_id: ctx.state.sequence.history++,
		parent_id: o.entity_id,
		comment: h.comment ?? '',
		created_at: now,
		entity_name: 'order',
		is_customer_notified: truthy(h.is_customer_notified) ? 1 : 0,
		is_visible_on_front: truthy(h.is_visible_on_front) ? 1 : 0,
		status,
	};
	o.status_histories.unshift(entry);
	ctx.state.comments.push({ ...entry, order_increment_id: o.increment_id });
	// The history row is its own table; the order row (and so its ON UPDATE updated_at, see ship)
	// changes only when the comment changes the order's status.
	if (o.status !== statusBefore) o.updated_at = now;
	if (truthy(h.is_customer_notified)) {
		ctx.state.emails.push({
			type: 'order_comment',
			to: o.customer_email,
			orderId: o.entity_id,
			incrementId: o.increment_id,
			subject: `Update to your order #${o.increment_id}`,
			trackingNumbers: [],
			comment: (h.comment ?? '').replace(/<[^>]*>/g, '').trim(),
			sentAt: now,
		});
	}
	return true;
}
