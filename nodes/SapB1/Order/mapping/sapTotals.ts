/**
 * What SAP B1 computes as a document's totals (same arithmetic as the Service Layer emulator):
 * per line Price = UnitPrice × (1 − DiscountPercent) (or PriceAfterVAT / (1 + rate)),
 * LineTotal = round2(Quantity × Price); header TotalDiscount = DiscountPercent of the lines;
 * VatSum = line tax × (1 − header discount) + expense tax (each rounded); DocTotal = lines − discount + expenses + VatSum.
 */
import { round2 } from './numbers';
import type { SapDocumentExpense, SapDocumentLine, SapOrderDocument } from './types';

export interface SapTotals {
	subtotal: number;
	totalDiscount: number;
	expenses: number;
	vatSum: number;
	docTotal: number;
}

export function sapLineTotal(line: SapDocumentLine, rate: number): number {
	const disc = Number(line.DiscountPercent ?? 0);
	let price: number;
	if (line.UnitPrice != null) price = Number(line.UnitPrice) * (1 - disc / 100);
	else if (line.Price != null) price = Number(line.Price);
	else if (line.PriceAfterVAT != null) price = Number(line.PriceAfterVAT) / (1 + rate / 100);
	else price = 0;
	return round2(Number(line.Quantity) * price);
}

/** Totals with the rate of each line and expense given by the callers (by tax code, or by the source row). */
export function sapTotals(
	document: Pick<
		SapOrderDocument,
		'DocumentLines' | 'DocumentAdditionalExpenses' | 'DiscountPercent'
	>,
	lineRate: (line: SapDocumentLine, index: number) => number,
	expenseRate: (expense: SapDocumentExpense, index: number) => number,
): SapTotals {
	const d = Number(document.DiscountPercent ?? 0) / 100;
	let subtotal = 0;
	let lineTax = 0;
	(document.DocumentLines ?? []).forEach((line, i) => {
		const rate = lineRate(line, i);
		const total = sapLineTotal(line, rate);
		subtotal += total;
		lineTax += (total * rate) / 100;
	});
	let expenses = 0;
	let expenseTax = 0;
	(document.DocumentAdditionalExpenses ?? []).forEach((e, i) => {
		expenses += Number(e.LineTotal);
		expenseTax += round2((Number(e.LineTotal) * expenseRate(e, i)) / 100);
	});
	subtotal = round2(subtotal);
	const totalDiscount = round2(subtotal * d);
	const vatSum = round2(lineTax * (1 - d) + expenseTax);
	return {
		subtotal,
		totalDiscount,
		expenses: round2(expenses),
		vatSum,
		docTotal: round2(subtotal - totalDiscount + expenses + vatSum),
	};
}

/** SAP's DocTotal for the document; `taxRateOf` answers a tax code's rate in percent ('' for lines without one). */
export function computeSapTotal(
	document: SapOrderDocument,
	taxRateOf: (taxCode: string) => number,
): number {
	return sapTotals(
		document,
		(l) => taxRateOf(l.TaxCode ?? ''),
		(e) => taxRateOf(e.TaxCode ?? ''),
	).docTotal;
}
