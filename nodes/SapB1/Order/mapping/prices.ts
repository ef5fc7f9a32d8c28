/**
 * Price fields of an item line: net (UnitPrice from price) or gross (PriceAfterVAT from
 * price_incl_tax), with the line discount as DiscountPercent or folded into the price.
 * SAP's PriceAfterVAT is the gross price after the line discount. It is taken from Magento's row
 * amounts, (row_total − discount_amount + tax_amount) / qty_ordered, which is price_incl_tax × (1 − discount%)
 * without the cent rounding of price_incl_tax (34.00 at 7.25% is 36.465, not 36.47: two would come
 * back from SAP as 68.01). Without tax_amount, price_incl_tax × (1 − discount%) is used.
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
		fields.PriceAfterVAT =
			line.taxAmount !== undefined && line.rowTotal > 0
				? round6((Math.max(0, line.rowTotal - line.discount) + line.taxAmount) / line.qtyOrdered)
				: round6((line.priceInclTax ?? line.price) * (1 - percent / 100));
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
