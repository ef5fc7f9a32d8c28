/**
 * Which order items to ship or invoice, from SKU + quantity lines (e.g. SAP delivery lines).
 * Configurable: the parent row carries the child's SKU and is the row Magento ships; a child SKU
 * maps to its parent row. Bundles, as Magento's `Order\Item::isDummy(true)` decides: shipped
 * together, the bundle row carries the quantity and its children follow; shipped separately, the
 * children are shipped as their own rows and the bundle row is a dummy. The REST order item does
 * not say which (Magento keeps `shipment_type` in `product_options`, which REST does not expose),
 * so the callers pass the bundles shipped separately (`separate`: their order item ids, from the
 * product's `shipment_type`, see bundles.ts). Pure functions.
 */
import type { IDataObject } from 'n8n-workflow';
import type { MagentoOrderItem } from '../../shared/magentoOrder';

/** A Magento order item (the package's one order type) with its id and SKU, as the REST API returns them. */
export type OrderItem = MagentoOrderItem & { item_id: number; sku: string };

export interface SkuLine {
	sku: string;
	qty: number;
}

export interface ItemQty {
	order_item_id: number;
	qty: number;
}

export type Purpose = 'ship' | 'invoice';

export class ItemSelectionError extends Error {
	constructor(
		message: string,
		readonly sku?: string,
	) {
		super(message);
		this.name = 'ItemSelectionError';
	}
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;
const round = (n: number) => Math.round(n * 10000) / 10000;

/** Quantity still to ship / invoice on an order item. */
export function remainingQty(item: OrderItem, purpose: Purpose): number {
	const done =
		purpose === 'ship' ? num(item.qty_shipped) + num(item.qty_refunded) : num(item.qty_invoiced);
	return Math.max(0, round(num(item.qty_ordered) - done - num(item.qty_canceled)));
}

function isVirtual(item: OrderItem): boolean {
	return (
		item.is_virtual === 1 ||
		item.is_virtual === true ||
		item.product_type === 'virtual' ||
		item.product_type === 'downloadable'
	);
}

/** Order item ids of the bundles that ship separately (everything else ships together). */
export type SeparateBundles = ReadonlySet<number>;

/**
 * Bundles ship "together" (children follow the parent) unless `separate` names the bundle row, or
 * the item itself says "separately" (`shipment_type` 1, present when the order did not come from
 * Magento's REST API).
 */
export function shipsSeparately(bundle: OrderItem, separate?: SeparateBundles): boolean {
	if (separate?.has(Number(bundle.item_id))) return true;
	const sources = [
		bundle.product_options,
		bundle.product_option,
		(bundle.product_option as IDataObject | undefined)?.extension_attributes,
	];
	return sources.some((src) => {
		const t = (src as IDataObject | undefined)?.shipment_type;
		return t === 1 || t === '1' || t === 'separately';
	});
}

/** Whether Magento treats the row as a "dummy" that follows its parent (or its children) for this purpose. */
function isDummy(
	item: OrderItem,
	items: OrderItem[],
	byId: Map<number, OrderItem>,
	purpose: Purpose,
	separate?: SeparateBundles,
): boolean {
	const parent = item.parent_item_id ? byId.get(Number(item.parent_item_id)) : undefined;
	if (parent?.product_type === 'configurable') return true;
	const hasChildren = items.some((c) => Number(c.parent_item_id) === Number(item.item_id));
	if (purpose === 'invoice') return item.product_type === 'bundle' && hasChildren;
	if (parent?.product_type === 'bundle') return !shipsSeparately(parent, separate);
	return item.product_type === 'bundle' && hasChildren && shipsSeparately(item, separate);
}

/** The rows Magento processes for this purpose (dummies and, for shipping, virtual rows left out). */
export function actionableItems(
	items: OrderItem[],
	purpose: Purpose,
	separate?: SeparateBundles,
): OrderItem[] {
	const byId = new Map(items.map((i) => [Number(i.item_id), i]));
	return items.filter(
		(item) =>
			!isDummy(item, items, byId, purpose, separate) && !(purpose === 'ship' && isVirtual(item)),
	);
}

/** Whether anything is left to ship / invoice on the order, by its own quantities. */
export function hasRemaining(
	items: OrderItem[],
	purpose: Purpose,
	separate?: SeparateBundles,
): boolean {
	return actionableItems(items, purpose, separate).some((i) => remainingQty(i, purpose) > 0);
}

/**
 * Whether `chosen` ships (invoices) exactly everything left on the order, so that Magento's
 * "all remaining" (no item list) does the same.
 */
export function coversEverythingLeft(
	items: OrderItem[],
	chosen: readonly ItemQty[],
	purpose: Purpose,
	separate?: SeparateBundles,
): boolean {
	const wanted = new Map<number, number>();
	for (const c of chosen)
		wanted.set(c.order_item_id, round((wanted.get(c.order_item_id) ?? 0) + c.qty));
	const left = actionableItems(items, purpose, separate).filter(
		(i) => remainingQty(i, purpose) > 0,
	);
	if (left.length !== wanted.size) return false;
	return left.every((i) => wanted.get(Number(i.item_id)) === remainingQty(i, purpose));
}

export interface Selection {
	items: ItemQty[];
	/** SKUs that are virtual (nothing to ship) and were skipped. */
	skipped: Array<{ sku: string; qty: number; reason: string }>;
}

/**
 * Maps SKU lines to order items and quantities. Lines with the same SKU are summed; a SKU on several
 * rows is spread over them by what is left. A configurable child SKU selects its parent row. A child
 * of a bundle shipped together selects the bundle row, as many bundles as the child lines imply
 * (the most over the children); children of bundles shipped separately (`separate`, and all bundle
 * children when invoicing) select their own rows. Throws ItemSelectionError for unknown SKUs, bad quantities
 * or more than is left.
 */
export function selectItemsBySku(
	orderLabel: string,
	items: OrderItem[],
	lines: SkuLine[],
	purpose: Purpose,
	separate?: SeparateBundles,
): Selection {
	const byId = new Map(items.map((i) => [Number(i.item_id), i]));
	/** Row Magento acts on for `item`, and how many of `item` make one of that row. */
	const targetOf = (item: OrderItem): { target: OrderItem; per: number; bundle: boolean } => {
		const parent = item.parent_item_id ? byId.get(Number(item.parent_item_id)) : undefined;
		if (parent?.product_type === 'configurable') return { target: parent, per: 1, bundle: false };
		if (
			purpose === 'ship' &&
			parent?.product_type === 'bundle' &&
			!shipsSeparately(parent, separate)
		) {
			const per = num(parent.qty_ordered) > 0 ? num(item.qty_ordered) / num(parent.qty_ordered) : 1;
			return { target: parent, per: per > 0 ? per : 1, bundle: true };
		}
		return { target: item, per: 1, bundle: false };
	};
	const wanted = new Map<string, number>();
	for (const line of lines) {
		const sku = String(line.sku ?? '').trim();
		const qty = Number(line.qty);
		if (!sku) throw new ItemSelectionError(`Order ${orderLabel}: a line has no SKU`);
		if (!Number.isFinite(qty) || qty <= 0)
			throw new ItemSelectionError(
				`Order ${orderLabel}: quantity for SKU "${sku}" must be a positive number (got ${String(line.qty)})`,
				sku,
			);
		wanted.set(sku, round((wanted.get(sku) ?? 0) + qty));
	}
	const allocated = new Map<number, number>();
	const bundles = new Map<number, { qty: number; sku: string }>();
	const skipped: Selection['skipped'] = [];
	for (const [sku, qty] of wanted) {
		let matches = items.filter((i) => i.sku === sku);
		if (matches.length === 0)
			matches = items.filter((i) => String(i.sku).toLowerCase() === sku.toLowerCase());
		if (matches.length === 0)
			throw new ItemSelectionError(
				`Order ${orderLabel}: SKU "${sku}" is not an item of this order`,
				sku,
			);
		// The SKU of a bundle shipped separately (e.g. SAP kept the bundle as one line): its items,
		// in the bundle's proportions, since Magento ships those rows and refuses the bundle row.
		const separateBundle =
			purpose === 'ship'
				? matches.find(
						(m) =>
							m.product_type === 'bundle' &&
							shipsSeparately(m, separate) &&
							items.some((c) => Number(c.parent_item_id) === Number(m.item_id)),
					)
				: undefined;
		if (separateBundle) {
			for (const child of items.filter(
				(c) => Number(c.parent_item_id) === Number(separateBundle.item_id) && !isVirtual(c),
			)) {
				const per =
					num(separateBundle.qty_ordered) > 0
						? num(child.qty_ordered) / num(separateBundle.qty_ordered)
						: 1;
				const take = round(qty * per);
				const id = Number(child.item_id);
				const total = round((allocated.get(id) ?? 0) + take);
				if (total > remainingQty(child, purpose))
					throw new ItemSelectionError(
						`Order ${orderLabel}: cannot ship ${qty} × bundle "${sku}": only ${remainingQty(child, purpose)} of its item "${child.sku}" left to ship`,
						sku,
					);
				allocated.set(id, total);
			}
			continue;
		}
		const mapped = matches.map(targetOf);
		const bundleChild = mapped.find((m) => m.bundle);
		if (bundleChild) {
			const id = Number(bundleChild.target.item_id);
			const count = round(Math.ceil(qty / bundleChild.per - 1e-9));
			if (count > (bundles.get(id)?.qty ?? 0)) bundles.set(id, { qty: count, sku });
			continue;
		}
		const targets = [...new Map(mapped.map((m) => [Number(m.target.item_id), m.target])).values()];
		if (purpose === 'ship' && targets.every(isVirtual)) {
			skipped.push({ sku, qty, reason: 'virtual item, nothing to ship' });
			continue;
		}
		let left = qty;
		for (const target of targets.filter((t) => !(purpose === 'ship' && isVirtual(t)))) {
			const free = remainingQty(target, purpose) - (allocated.get(Number(target.item_id)) ?? 0);
			const take = Math.min(left, Math.max(0, free));
			if (take > 0) {
				allocated.set(
					Number(target.item_id),
					round((allocated.get(Number(target.item_id)) ?? 0) + take),
				);
				left = round(left - take);
			}
			if (left <= 0) break;
		}
		if (left > 0) {
			throw new ItemSelectionError(
				`Order ${orderLabel}: cannot ${purpose} ${qty} × SKU "${sku}", only ${round(qty - left)} left to ${purpose}`,
				sku,
			);
		}
	}
	for (const [id, { qty, sku }] of bundles) {
		const bundle = byId.get(id)!;
		const total = round((allocated.get(id) ?? 0) + qty);
		const left = remainingQty(bundle, purpose);
		if (total > left)
			throw new ItemSelectionError(
				`Order ${orderLabel}: SKU "${sku}" asks to ${purpose} ${total} × bundle "${bundle.sku}", only ${left} left to ${purpose}`,
				sku,
			);
		allocated.set(id, total);
	}
	return { items: [...allocated].map(([order_item_id, qty]) => ({ order_item_id, qty })), skipped };
}
