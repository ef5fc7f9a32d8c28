/**
 * Order business rules of Magento 2.4 (Sales module), applied to the emulator's state: ship (ShipOrder +
 * ShipmentDocumentFactory + ShipmentFactory + CanShip/QuantityValidator/TrackValidator, and from 2.4.2 the
 * Bundle module's BundleShipmentTypeValidator), invoice (InvoiceOrder +
 * CanInvoice/InvoiceQuantityValidator), hold/unhold/cancel (Order::canHold/canUnhold/canCancel), comments
 * (OrderService::addComment), and the order state resolver.
 */
import { badRequest, entityNotFound, MagentoHttpError } from './errors';
import { round2 } from './orderBuilder';
import { commentSetsStatus, validatesBundleShipmentType } from './release';
import type {
	MagentoEmail,
	MagentoInvoice,
	MagentoOrder,
	MagentoOrderItem,
	MagentoProduct,
	MagentoShipment,
	MagentoStatusHistory,
} from './types';

export interface SalesState {
	orders: MagentoOrder[];
	shipments: MagentoShipment[];
	invoices: MagentoInvoice[];
	/** The catalogue (`GET /V1/products`). */
	products: MagentoProduct[];
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
	/** The Magento release, e.g. '2.4.8' (see release.ts). */
	release: string;
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
/**
 * `Order\Item::isShipSeparately`: the bundle's `product_options['shipment_type']` saved with the
 * order (a child reads its parent's). Configurables never ship separately.
 */
const isShipSeparately = (o: MagentoOrder, it: MagentoOrderItem) => {
	const owner = parentOf(o, it) ?? it;
	return owner.product_type === 'bundle' && Number(owner.product_options?.shipment_type) === 1;
};
/**
 * `Order\Item::isDummy(true)`: a row that follows another when shipping. Shipped together (and
 * configurables), the children are dummies; shipped separately, the bundle parent is.
 */
const isShipDummy = (o: MagentoOrder, it: MagentoOrderItem) => {
	const hasChildren = childrenOf(o, it).length > 0;
	if (hasChildren) return isShipSeparately(o, it);
	if (parentOf(o, it)) return !isShipSeparately(o, it);
	return false;
};
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

/** `Order::canShip`: not held / in payment review / canceled / virtual, and a real row (not locked_do_ship) left to ship. */
export function canShip(o: MagentoOrder): boolean {
	if (['holded', 'payment_review', 'canceled'].includes(o.state) || o.is_virtual) return false;
	return o.items.some(
		(it) => !it.is_virtual && !it.locked_do_ship && !isShipDummy(o, it) && qtyToShip(it) > 0,
	);
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

const BUNDLE_TYPE_MESSAGE = (sku: string, type: string, instead: string) =>
	`Cannot create shipment as bundle product "${sku}" has shipment type "${type}". ${instead} should be shipped instead.`;

/**
 * `BundleShipmentTypeValidator::validate` (2.4.2+) for each requested row (ShipOrder validation
 * `getRequestedOrderItems`: only the ids in the request's `items`): a dummy row is refused, the
 * parent of a bundle shipped separately and the child of one shipped together.
 */
function bundleTypeMessages(o: MagentoOrder, requestedIds: Set<number>): string[] {
	const out: string[] = [];
	for (const it of o.items) {
		if (!requestedIds.has(it.item_id) || !isShipDummy(o, it)) continue;
		const parent = parentOf(o, it);
		if (childrenOf(o, it).length > 0 && it.product_type === 'bundle')
			out.push(BUNDLE_TYPE_MESSAGE(it.sku, 'Separately', 'Bundle product options'));
		if (parent?.product_type === 'bundle')
			out.push(BUNDLE_TYPE_MESSAGE(parent.sku, 'Together', 'Bundle product itself'));
	}
	return out;
}

/** `ShipmentFactory::canShipItem`. `requested` is never empty here (see ship()). */
function canShipItem(
	o: MagentoOrder,
	it: MagentoOrderItem,
	requested: Map<number, number>,
): boolean {
	if (it.is_virtual || it.locked_do_ship) return false;
	if (!isShipDummy(o, it)) return qtyToShip(it) > 0;
	const children = childrenOf(o, it);
	if (children.length > 0)
		return (
			isShipSeparately(o, it) ||
			children.some((c) => !c.is_virtual && (requested.get(c.item_id) ?? 0) > 0)
		);
	const parent = parentOf(o, it);
	return parent !== undefined && (requested.get(parent.item_id) ?? 0) > 0;
}

/** POST /V1/order/{id}/ship → new shipment id. */
export function ship(ctx: SalesContext, orderId: number, body: ShipBody): number {
	const o = findOrder(ctx, orderId);
	const requested = new Map<number, number>();
	const asked = body.items ?? [];
	if (asked.length === 0) {
		// ShipmentDocumentFactory::getQuantitiesFromOrderItems: every non-virtual row that has no
		// parent or ships separately, at its ordered quantity.
		for (const it of o.items)
			if (!it.is_virtual && (!parentOf(o, it) || isShipSeparately(o, it)))
				requested.set(it.item_id, it.qty_ordered);
	} else {
		for (const r of asked) requested.set(Number(r.order_item_id), Number(r.qty));
	}
	// ShipmentFactory::prepareItems: rows that cannot ship are skipped; a real row's qty is clamped to
	// what is left (min()); a dummy child follows its requested parent (its bundle_selection_attributes
	// qty × the parent's, not counted in total_qty); any other dummy row, i.e. the parent of a bundle
	// shipped separately, is added with qty 1 (and counted). Rows with qty 0 are not saved
	// (Shipment::register).
	const lines: Array<{ item: MagentoOrderItem; qty: number; counted: boolean }> = [];
	for (const it of o.items) {
		if (!canShipItem(o, it, requested)) continue;
		let qty: number;
		let counted = true;
		if (isShipDummy(o, it)) {
			const parent = parentOf(o, it);
			if (parent && requested.has(parent.item_id)) {
				counted = false;
				qty =
					parent.product_type === 'bundle'
						? Math.min(
								(it.qty_ordered / parent.qty_ordered) * requested.get(parent.item_id)!,
								qtyToShip(it),
							)
						: 0;
			} else qty = 1;
		} else {
			const want = requested.get(it.item_id);
			if (want === undefined || !(want > 0)) continue;
			qty = Math.min(want, qtyToShip(it));
		}
		qty = Math.trunc(qty);
		if (qty > 0) lines.push({ item: it, qty, counted });
	}
	const tracks = body.tracks ?? [];
	const messages: string[] = [];
	if (['payment_review', 'holded', 'canceled'].includes(o.state) || o.is_virtual) {
		messages.push(`A shipment cannot be created when an order has a status of ${o.status}`);
	} else if (!canShip(o)) {
		messages.push('The order does not allow a shipment to be created.');
	}
	// QuantityValidator: the total over the shipment's rows (a dummy row counts as available).
	if (lines.reduce((s, l) => s + l.qty, 0) <= 0)
		messages.push("You can't create a shipment without products.");
	for (const t of tracks) if (!t.track_number) messages.push('Please enter a tracking number.');
	if (validatesBundleShipmentType(ctx.release))
		messages.push(...bundleTypeMessages(o, new Set(asked.map((r) => Number(r.order_item_id)))));
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
	for (const { item, qty, counted } of lines) {
		// Shipment\Item::register: the order row's qty_shipped grows by the shipment row's qty.
		item.qty_shipped += qty;
		// (Emulator convention: a configurable child, whose shipment row has qty 0, follows its parent.)
		if (item.product_type === 'configurable')
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
		if (counted) shipment.total_qty += qty;
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

/** POST /V1/orders/{id}/comments → true. Before 2.4.7 the order takes the status given (none → NULL); from 2.4.7 it keeps its own. updated_at moves only with the status. */
export function addComment(ctx: SalesContext, orderId: number, body: CommentBody): true {
	const h = body.statusHistory;
	if (!h || typeof h !== 'object')
		throw badRequest('"%fieldName" is required. Enter and try again.', {
			fieldName: 'statusHistory',
		});
	const o = findOrder(ctx, orderId);
	const now = ctx.now();
	const statusBefore = o.status;
	// Before 2.4.7 Order::addStatusHistory sets the order's status to the history row's, and a row
	// without one clears it (NULL, magento2#34180); from 2.4.7 the comment leaves the status alone.
	let status: string | null = o.status;
	if (commentSetsStatus(ctx.release)) {
		status = h.status ? h.status : null;
		o.status = status as string;
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
