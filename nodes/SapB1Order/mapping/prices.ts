/**
 * Price fields of an item line: net (UnitPrice from price) or gross (PriceAfterVAT from
 * price_incl_tax), with the line discount as DiscountPercent or folded into the price.
 * SAP's PriceAfterVAT is the gross price after the line discount.
 */
import { round4, round6 } from './numbers';
import type { SourceLine } from './lines';
import type { MappingOptions, SapDocumentLine } from './types';

/** discount / row_total * 100, rounded to 4 decimals (0 without discount; at most 100). */
export function discountPercentOf(line: Pick<SourceLine, 'discount' | 'rowTotal'>): number {
	if (line.discount <= 0 || line.rowTotal <= 0) return 0;
	return Math.min(100, round4((line.discount / line.rowTotal) * 100));
}

export function linePriceFields(
	line: SourceLine,
	options: Pick<MappingOptions, 'priceMode' | 'discountMode'>,
): Pick<SapDocumentLine, 'UnitPrice' | 'PriceAfterVAT' | 'DiscountPercent'> {
	const percent = discountPercentOf(line);
	const fields: Pick<SapDocumentLine, 'UnitPrice' | 'PriceAfterVAT' | 'DiscountPercent'> = {};
	if (options.priceMode === 'gross') {
		const gross = line.priceInclTax ?? line.price;
		fields.PriceAfterVAT = round6(gross * (1 - percent / 100));
		if (options.discountMode === 'percent' && percent > 0) fields.DiscountPercent = percent;
		return fields;
	}
	if (options.discountMode === 'price' && line.discount > 0) {
		fields.UnitPrice = round6(Math.max(0, line.rowTotal - line.discount) / line.qtyOrdered);
		return fields;
	}
	fields.UnitPrice = round6(line.price);
	if (percent > 0) fields.DiscountPercent = percent;
	return fields;
}
