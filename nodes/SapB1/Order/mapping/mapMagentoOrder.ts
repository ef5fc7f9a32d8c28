/**
 * Magento 2 order (REST JSON) → SAP B1 Service Layer sales order body (POST /Orders). Pure: no I/O.
 * The caller resolves the business partner (options.cardCode) first.
 */
import { WEB_ORDER_FIELD_PATTERN } from '../../shared/webOrderField';
import { mapAddresses } from './addresses';
import { addDays, sapDate } from './dates';
import { MappingError } from './errors';
import { selectSourceLines, type SourceLine } from './lines';
import { amountOr, round2, round4 } from './numbers';
import { linePriceFields } from './prices';
import { sapTotals } from './sapTotals';
import { mapShipping, transportationCode } from './shipping';
import { lineTaxCode, rateOfTaxCode } from './tax';
import { SAP_FIELD_LENGTHS, sapText, truncate } from './text';
import {
	DEFAULT_MAPPING_OPTIONS,
	type MagentoOrder,
	type MappingOptions,
	type MappingResult,
	type SapDocumentLine,
	type SapOrderDocument,
} from './types';

export { MappingError } from './errors';

/** '#000000107' (or 'entity_id 7' when the increment id is missing), as error messages name the order. */
export function orderRecord(order: Partial<MagentoOrder> | null | undefined): string {
	const inc = order && typeof order.increment_id === 'string' ? order.increment_id.trim() : '';
	if (inc) return `#${inc}`;
	return order && order.entity_id != null ? `entity_id ${order.entity_id}` : '(unknown order)';
}

/** The options with DEFAULT_MAPPING_OPTIONS filled in wherever a value is undefined (shipping merged field by field). */
export function withDefaults(
	options: Partial<MappingOptions> & Pick<MappingOptions, 'cardCode'>,
): MappingOptions {
	const defined = <T extends object>(o: T | undefined) =>
		Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
	return {
		...DEFAULT_MAPPING_OPTIONS,
		...defined(options),
		shipping: { ...DEFAULT_MAPPING_OPTIONS.shipping, ...defined(options.shipping) },
	} as MappingOptions;
}

export function mapMagentoOrder(order: MagentoOrder, givenOptions: MappingOptions): MappingResult {
	const options = withDefaults(givenOptions);
	const record = orderRecord(order);
	if (!order || typeof order !== 'object')
		throw new MappingError(record, 'order', 'is not a Magento order object');
	const warnings: string[] = [];

	const webOrderNumber =
		typeof order.increment_id === 'string'
			? order.increment_id.trim()
			: String(order.increment_id ?? '').trim();
	if (!webOrderNumber) throw new MappingError(record, 'increment_id', 'is missing');
	const cardCode = options.cardCode?.trim();
	if (!cardCode)
		throw new MappingError(
			record,
			'cardCode',
			'is empty: resolve the business partner before mapping',
		);
	const webOrderField = options.webOrderField?.trim() || 'NumAtCard';
	if (!WEB_ORDER_FIELD_PATTERN.test(webOrderField)) {
		throw new MappingError(
			record,
			'webOrderField',
			`must be 'NumAtCard' or a user field 'U_…' (got '${webOrderField}')`,
		);
	}

	const docDate = sapDate(order.created_at, record);
	const document: SapOrderDocument = {
		CardCode: cardCode,
		DocDate: docDate,
		DocDueDate: addDays(docDate, Number(options.dueDays) || 0),
		TaxDate: docDate,
		DocumentLines: [],
	};
	document[webOrderField] =
		webOrderField === 'NumAtCard'
			? truncate(webOrderNumber, SAP_FIELD_LENGTHS.NumAtCard)
			: webOrderNumber;
	const comments = options.comments ?? `Magento order #${webOrderNumber}`;
	if (comments.trim()) document.Comments = truncate(comments.trim(), SAP_FIELD_LENGTHS.Comments);
	if (
		options.currency !== 'none' &&
		typeof order.order_currency_code === 'string' &&
		order.order_currency_code.trim()
	) {
		document.DocCurrency = order.order_currency_code.trim();
	}

	// Item lines; `magentoRates` keeps each line's Magento tax rate for the totals check.
	const sources = selectSourceLines(order, options, record, warnings);
	const magentoRates: number[] = [];
	for (const source of sources) {
		document.DocumentLines.push(itemLine(source, options, record));
		magentoRates.push(source.taxPercent);
	}

	const shipping = mapShipping(order, options, record, warnings);
	if (shipping.line) {
		document.DocumentLines.push(shipping.line);
		magentoRates.push(shipping.magentoRate);
	}
	if (shipping.expense) document.DocumentAdditionalExpenses = [shipping.expense];
	const trnsp = transportationCode(order, options.shippingMethodMap, warnings);
	if (trnsp !== undefined) document.TransportationCode = trnsp;

	applyHeaderDiscount(order, document, sources, shipping.line ? shipping.net : 0, record, warnings);
	document.AddressExtension = mapAddresses(order, record);

	if (options.extraFields) Object.assign(document, options.extraFields);

	checkGrandTotal(order, document, options, magentoRates, shipping.magentoRate, warnings);
	return { document, webOrderNumber, warnings };
}

function itemLine(source: SourceLine, options: MappingOptions, record: string): SapDocumentLine {
	const line: SapDocumentLine = {
		ItemCode: options.skuMap?.[source.sku]?.trim() || source.sku,
		Quantity: source.quantity,
	};
	const description = sapText(source.name, SAP_FIELD_LENGTHS.ItemDescription);
	if (description) line.ItemDescription = description;
	Object.assign(line, linePriceFields(source, options));
	const taxCode = lineTaxCode(
		options,
		source.taxPercent,
		record,
		`items[${source.index}].tax_percent`,
		source.sku,
	);
	if (taxCode) line.TaxCode = taxCode;
	if (options.warehouseCode?.trim()) line.WarehouseCode = options.warehouseCode.trim();
	return line;
}

/**
 * Magento's discount_amount (negative) = line discounts + shipping discount. What the mapped lines
 * don't carry (e.g. a cart rule applied to the whole order) becomes the header DiscountPercent.
 */
function applyHeaderDiscount(
	order: MagentoOrder,
	document: SapOrderDocument,
	sources: SourceLine[],
	shippingLineNet: number,
	record: string,
	warnings: string[],
): void {
	const orderDiscount = Math.abs(amountOr(order.discount_amount, 0));
	if (Number.isNaN(orderDiscount))
		throw new MappingError(
			record,
			'discount_amount',
			`is not a number (got ${JSON.stringify(order.discount_amount)})`,
		);
	const shippingDiscount = Math.abs(amountOr(order.shipping_discount_amount, 0)) || 0;
	const lineDiscounts = sources.reduce((s, l) => s + l.discount, 0);
	const remainder = round2(orderDiscount - shippingDiscount - lineDiscounts);
	if (remainder < -0.01) {
		warnings.push(
			`line discounts (${round2(lineDiscounts)}) exceed the order discount (${orderDiscount}); no header discount sent`,
		);
	}
	if (remainder <= 0.01) return;
	const base =
		sources.reduce((s, l) => s + Math.max(0, l.rowTotal - l.discount), 0) + shippingLineNet;
	if (base <= 0) {
		warnings.push(
			`order discount ${remainder} not carried by any line and there is nothing to discount; left out`,
		);
		return;
	}
	document.DiscountPercent = Math.min(100, round4((remainder / base) * 100));
	warnings.push(
		`order discount ${remainder} not carried by the lines; sent as header DiscountPercent ${document.DiscountPercent}`,
	);
}

/** Warns when SAP's DocTotal for the document would differ from Magento's grand_total by more than 0.01. */
function checkGrandTotal(
	order: MagentoOrder,
	document: SapOrderDocument,
	options: MappingOptions,
	magentoRates: number[],
	shippingRate: number,
	warnings: string[],
): void {
	const grandTotal = amountOr(order.grand_total, NaN);
	if (!Number.isFinite(grandTotal)) return;
	const rate = (code: string | undefined, fallback: number) =>
		rateOfTaxCode(code, options.taxRates) ?? fallback;
	const totals = sapTotals(
		document,
		(l, i) => rate(l.TaxCode, magentoRates[i] ?? 0),
		(e) => rate(e.TaxCode, shippingRate),
	);
	const diff = round2(totals.docTotal - grandTotal);
	if (Math.abs(diff) > 0.01) {
		warnings.push(
			`SAP will compute a document total of ${totals.docTotal}, Magento's grand_total is ${grandTotal} (difference ${diff})`,
		);
	}
}
