/**
 * Shipping: the net shipping amount (shipping_amount − shipping_discount_amount) becomes a freight
 * line (DocumentAdditionalExpenses), an item line, or nothing; free shipping adds nothing.
 * The shipping method becomes TransportationCode through the method map (exact, then carrier prefix).
 */
import { MappingError } from './errors';
import { amountOr, round2, round6 } from './numbers';
import { shippingTaxCode } from './tax';
import { SAP_FIELD_LENGTHS, sapText } from './text';
import type { MagentoOrder, MappingOptions, SapDocumentExpense, SapDocumentLine } from './types';

export interface MappedShipping {
	expense?: SapDocumentExpense;
	line?: SapDocumentLine;
	/** Magento's own shipping rate (shipping tax / net shipping × 100), for the totals check. */
	magentoRate: number;
	net: number;
	tax: number;
}

function orderAmount(
	order: MagentoOrder,
	field: keyof MagentoOrder & string,
	record: string,
): number {
	const n = amountOr(order[field], 0);
	if (Number.isNaN(n))
		throw new MappingError(record, field, `is not a number (got ${JSON.stringify(order[field])})`);
	return n;
}

export function mapShipping(
	order: MagentoOrder,
	options: MappingOptions,
	record: string,
	warnings: string[],
): MappedShipping {
	const amount = orderAmount(order, 'shipping_amount', record);
	const discount = Math.abs(orderAmount(order, 'shipping_discount_amount', record));
	const tax = orderAmount(order, 'shipping_tax_amount', record);
	const net = round2(Math.max(0, amount - discount));
	const magentoRate = net > 0 ? (tax / net) * 100 : 0;
	const result: MappedShipping = { magentoRate, net, tax };
	if (net <= 0 || options.shipping.mode === 'none') {
		if (net > 0) warnings.push(`shipping ${net} not sent to SAP (shipping mode 'none')`);
		return result;
	}
	const taxCode = shippingTaxCode(options, net, tax, record, warnings);
	if (options.shipping.mode === 'itemLine') {
		const itemCode = options.shipping.itemCode?.trim();
		if (!itemCode)
			throw new MappingError(
				record,
				'shipping.itemCode',
				'is required when shipping is sent as an item line',
			);
		const line: SapDocumentLine = {
			ItemCode: itemCode,
			ItemDescription:
				sapText(order.shipping_description, SAP_FIELD_LENGTHS.ItemDescription) ?? 'Shipping',
			Quantity: 1,
		};
		if (options.priceMode === 'gross') line.PriceAfterVAT = round6(net + tax);
		else line.UnitPrice = net;
		if (taxCode) line.TaxCode = taxCode;
		result.line = line;
		return result;
	}
	const expenseCode = options.shipping.expenseCode ?? 1;
	if (!Number.isInteger(Number(expenseCode))) {
		throw new MappingError(
			record,
			'shipping.expenseCode',
			`must be an SAP freight code number (got ${JSON.stringify(expenseCode)})`,
		);
	}
	result.expense = { ExpenseCode: Number(expenseCode), LineTotal: net };
	if (taxCode) result.expense.TaxCode = taxCode;
	return result;
}

/** The order's shipping method ('tablerate_bestway'), from the first shipping assignment. */
export function shippingMethodOf(order: MagentoOrder): string | undefined {
	const method =
		order.extension_attributes?.shipping_assignments?.[0]?.shipping?.method ??
		order.shipping_method;
	return typeof method === 'string' && method.trim() ? method.trim() : undefined;
}

/** TransportationCode for the method: exact match, then the carrier prefix before the first '_'. */
export function transportationCode(
	order: MagentoOrder,
	map: MappingOptions['shippingMethodMap'],
	warnings: string[],
): number | undefined {
	const method = shippingMethodOf(order);
	if (!method || !map || Object.keys(map).length === 0) return undefined;
	const carrier = method.split('_')[0];
	const code = map[method] ?? map[carrier];
	if (code === undefined || code === null || Number.isNaN(Number(code))) {
		warnings.push(
			`shipping method '${method}' is not in the shipping method map; no TransportationCode sent`,
		);
		return undefined;
	}
	return Number(code);
}
