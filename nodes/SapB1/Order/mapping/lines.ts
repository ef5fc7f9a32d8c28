/**
 * Which Magento item rows become SAP document lines:
 * - configurable: the parent row (child SKU, parent's price) becomes ONE line; the child row is skipped;
 * - bundle: either its children (default) or the parent row alone — one level only;
 * - simple / virtual / downloadable rows: one line each.
 * Quantity = qty_ordered − qty_canceled; rows with nothing left are dropped with a warning.
 */
import { MappingError } from './errors';
import { amountOr, parseAmount } from './numbers';
import type { MagentoOrder, MagentoOrderItem, MappingOptions } from './types';

/** One row to become a document line, with Magento's numbers already validated. */
export interface SourceLine {
	/** Index in order.items (for error messages: items[<index>].sku). */
	index: number;
	item: MagentoOrderItem;
	sku: string;
	name: string;
	/** Quantity to order in SAP (ordered − canceled). */
	quantity: number;
	/** Quantity the row's amounts refer to (qty_ordered). */
	qtyOrdered: number;
	price: number;
	priceInclTax?: number;
	rowTotal: number;
	/** Line discount in order currency (positive). */
	discount: number;
	/** Magento tax_percent (0 when missing). */
	taxPercent: number;
	/** Magento tax_amount of the row (after discount), when known. */
	taxAmount?: number;
}

const isType = (item: MagentoOrderItem | undefined, type: string) => item?.product_type === type;

export function selectSourceLines(
	order: MagentoOrder,
	options: Pick<MappingOptions, 'bundleMode' | 'priceMode'>,
	record: string,
	warnings: string[],
): SourceLine[] {
	const items = order.items;
	if (!Array.isArray(items) || items.length === 0) {
		throw new MappingError(
			record,
			'items',
			'is empty: the order has no shippable or billable lines',
		);
	}
	const byId = new Map<number, MagentoOrderItem>();
	for (const item of items) if (item && item.item_id != null) byId.set(Number(item.item_id), item);
	const parentOf = (item: MagentoOrderItem) =>
		item.parent_item_id != null
			? (byId.get(Number(item.parent_item_id)) ?? item.parent_item)
			: undefined;
	const childrenOf = (parent: MagentoOrderItem) =>
		items.filter(
			(c) =>
				c &&
				parent.item_id != null &&
				c.parent_item_id != null &&
				Number(c.parent_item_id) === Number(parent.item_id),
		);

	const lines: SourceLine[] = [];
	items.forEach((item, index) => {
		if (!item || typeof item !== 'object') {
			throw new MappingError(record, `items[${index}]`, 'is not an order item');
		}
		const parent = parentOf(item);
		if (isType(parent, 'configurable')) return; // the parent row carries the child SKU and the price
		if (isType(parent, 'bundle')) {
			if (options.bundleMode === 'parent' || bundleUsesParent(parent!, childrenOf(parent!))) return;
			lines.push(sourceLine(item, index, record, options.priceMode, warnings));
			return;
		}
		if (isType(item, 'bundle')) {
			const children = childrenOf(item);
			if (options.bundleMode === 'children' && children.length > 0) {
				if (!bundleUsesParent(item, children)) return;
				warnings.push(
					`items[${index}] (${item.sku}): bundle children carry no prices (fixed-price bundle); the bundle is ordered as one line`,
				);
			}
			lines.push(
				sourceLine(
					item,
					index,
					record,
					options.priceMode,
					warnings,
					options.bundleMode === 'parent' ? children : [],
				),
			);
			return;
		}
		lines.push(sourceLine(item, index, record, options.priceMode, warnings));
	});

	const kept = lines.filter((l) => {
		if (l.quantity > 0) return true;
		warnings.push(
			`items[${l.index}] (${l.sku}): all ${l.qtyOrdered} canceled in Magento; line left out`,
		);
		return false;
	});
	if (kept.length === 0)
		throw new MappingError(record, 'items', 'has no shippable or billable lines');
	return kept;
}

/** A fixed-price bundle: the children carry no prices, so the parent row must be ordered. */
function bundleUsesParent(parent: MagentoOrderItem, children: MagentoOrderItem[]): boolean {
	if (children.length === 0) return true;
	const childTotal = children.reduce((s, c) => s + Math.abs(amountOr(c.price, 0) || 0), 0);
	return childTotal === 0 && (amountOr(parent.price, 0) || 0) > 0;
}

function sourceLine(
	item: MagentoOrderItem,
	index: number,
	record: string,
	priceMode: MappingOptions['priceMode'],
	warnings: string[],
	bundleChildren: MagentoOrderItem[] = [],
): SourceLine {
	const at = (field: string) => `items[${index}].${field}`;
	const sku = typeof item.sku === 'string' ? item.sku.trim() : '';
	if (!sku) throw new MappingError(record, at('sku'), 'is missing or empty');

	const qtyOrdered = parseAmount(item.qty_ordered);
	if (qtyOrdered === undefined || Number.isNaN(qtyOrdered) || qtyOrdered <= 0) {
		throw new MappingError(
			record,
			at('qty_ordered'),
			`must be a number above 0 (item ${sku}, got ${JSON.stringify(item.qty_ordered ?? null)})`,
		);
	}
	const canceled = parseAmount(item.qty_canceled) ?? 0;
	if (Number.isNaN(canceled) || canceled < 0) {
		throw new MappingError(
			record,
			at('qty_canceled'),
			`is not a valid quantity (item ${sku}, got ${JSON.stringify(item.qty_canceled)})`,
		);
	}

	const price = parseAmount(item.price);
	if (price === undefined || Number.isNaN(price)) {
		throw new MappingError(
			record,
			at('price'),
			`is not a number (item ${sku}, got ${JSON.stringify(item.price ?? null)})`,
		);
	}
	let priceInclTax = parseAmount(item.price_incl_tax);
	if (priceMode === 'gross' && (priceInclTax === undefined || Number.isNaN(priceInclTax))) {
		throw new MappingError(
			record,
			at('price_incl_tax'),
			`is not a number (item ${sku}, got ${JSON.stringify(item.price_incl_tax ?? null)})`,
		);
	}
	if (priceInclTax !== undefined && Number.isNaN(priceInclTax)) priceInclTax = undefined;

	const rowTotal = numberField(item.row_total, price * qtyOrdered, record, at('row_total'), sku);
	let discount = Math.abs(numberField(item.discount_amount, 0, record, at('discount_amount'), sku));
	let taxPercent = numberField(item.tax_percent, 0, record, at('tax_percent'), sku);
	let taxAmount = parseAmount(item.tax_amount);
	if (taxAmount !== undefined && Number.isNaN(taxAmount))
		throw new MappingError(
			record,
			at('tax_amount'),
			`is not a number (item ${sku}, got ${JSON.stringify(item.tax_amount)})`,
		);

	// A bundle ordered as its parent row: Magento may keep tax and discount on the children.
	if (bundleChildren.length > 0) {
		if (discount === 0) {
			discount = bundleChildren.reduce(
				(s, c) => s + Math.abs(amountOr(c.discount_amount, 0) || 0),
				0,
			);
		}
		if (!taxAmount) {
			const childTax = bundleChildren.reduce((s, c) => s + (amountOr(c.tax_amount, 0) || 0), 0);
			if (childTax) taxAmount = childTax;
		}
		if (taxPercent === 0) {
			const rates = [
				...new Set(
					bundleChildren.map((c) => amountOr(c.tax_percent, 0) || 0).filter((r) => r !== 0),
				),
			];
			if (rates.length > 0) taxPercent = rates[0];
			if (rates.length > 1) {
				warnings.push(
					`items[${index}] (${sku}): bundle children have different tax rates (${rates.join(', ')}); ${rates[0]} used for the bundle line`,
				);
			}
		}
	}

	return {
		index,
		item,
		sku,
		name: typeof item.name === 'string' ? item.name : '',
		quantity: Math.max(0, qtyOrdered - canceled),
		qtyOrdered,
		price,
		priceInclTax,
		rowTotal,
		discount,
		taxPercent,
		taxAmount,
	};
}

function numberField(
	value: unknown,
	fallback: number,
	record: string,
	field: string,
	sku: string,
): number {
	const n = amountOr(value, fallback);
	if (Number.isNaN(n))
		throw new MappingError(
			record,
			field,
			`is not a number (item ${sku}, got ${JSON.stringify(value)})`,
		);
	return n;
}
