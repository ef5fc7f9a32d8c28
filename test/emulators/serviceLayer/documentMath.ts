/**
 * Price and total arithmetic of an SAP B1 marketing document (Orders, DeliveryNotes).
 *
 * Per line: UnitPrice is the net price before the line discount, Price the net price after it,
 * PriceAfterVAT the gross price after it; LineTotal = Quantity × Price. A line given only
 * PriceAfterVAT (gross input) is converted back with the tax rate of its TaxCode.
 * Header: TotalDiscount = DiscountPercent of the lines' sum; VatSum = line tax (reduced by the
 * header discount) + expense tax; DocTotal = lines − TotalDiscount + expenses + VatSum.
 * Amounts are rounded to 2 decimals, prices to 6, as SAP's default display settings do.
 */
export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;
export const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export interface MathLine {
	Quantity: number;
	UnitPrice?: number | null;
	Price?: number | null;
	PriceAfterVAT?: number | null;
	DiscountPercent?: number | null;
	TaxCode?: string | null;
	VatGroup?: string | null;
	LineTotal?: number;
	TaxPercentagePerRow?: number;
	[key: string]: unknown;
}

export interface MathExpense {
	ExpenseCode: number;
	LineTotal: number;
	TaxCode?: string | null;
	VatGroup?: string | null;
	TaxSum?: number;
	[key: string]: unknown;
}

/** Fills Price / UnitPrice / PriceAfterVAT / LineTotal / TaxPercentagePerRow on a line (in place). */
export function priceLine(line: MathLine, taxRate: number): void {
	const disc = Number(line.DiscountPercent ?? 0);
	const factor = 1 - disc / 100;
	let price: number;
	if (line.UnitPrice != null) price = Number(line.UnitPrice) * factor;
	else if (line.Price != null) price = Number(line.Price);
	else if (line.PriceAfterVAT != null) price = Number(line.PriceAfterVAT) / (1 + taxRate / 100);
	else price = 0;
	line.DiscountPercent = disc;
	line.Price = round6(price);
	line.UnitPrice =
		line.UnitPrice != null ? Number(line.UnitPrice) : round6(factor === 0 ? price : price / factor);
	line.PriceAfterVAT = round6(price * (1 + taxRate / 100));
	line.LineTotal = round2(Number(line.Quantity) * price);
	line.TaxPercentagePerRow = taxRate;
}

export interface DocumentTotals {
	TotalDiscount: number;
	VatSum: number;
	DocTotal: number;
}

/** Totals of a priced document. `rateOf` answers the tax rate of a line's or expense's code. */
export function documentTotals(
	lines: MathLine[],
	expenses: MathExpense[],
	discountPercent: number,
	rateOf: (taxCode?: string | null, vatGroup?: string | null) => number,
): DocumentTotals {
	const d = (discountPercent ?? 0) / 100;
	let subtotal = 0;
	let lineTax = 0;
	for (const l of lines) {
		subtotal += l.LineTotal ?? 0;
		lineTax += ((l.LineTotal ?? 0) * rateOf(l.TaxCode, l.VatGroup)) / 100;
	}
	let expenseNet = 0;
	let expenseTax = 0;
	for (const e of expenses) {
		const tax = round2((Number(e.LineTotal) * rateOf(e.TaxCode, e.VatGroup)) / 100);
		e.TaxSum = tax;
		expenseNet += Number(e.LineTotal);
		expenseTax += tax;
	}
	const TotalDiscount = round2(subtotal * d);
	const VatSum = round2(lineTax * (1 - d) + expenseTax);
	const DocTotal = round2(subtotal - TotalDiscount + expenseNet + VatSum);
	return { TotalDiscount, VatSum, DocTotal };
}
