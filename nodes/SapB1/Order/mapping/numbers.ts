/** Number parsing and rounding used by the mapping (SAP: amounts 2 decimals, prices 6, percentages 4). */

export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;
export const round4 = (n: number) => Math.round((n + Number.EPSILON) * 1e4) / 1e4;
export const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** A finite number from a JSON number or numeric string; undefined for null/empty/missing; NaN for anything else. */
export function parseAmount(value: unknown): number | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
	if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value))
		return Number(value);
	return NaN;
}

/** Like parseAmount, but missing → fallback and non-numeric → NaN. */
export function amountOr(value: unknown, fallback: number): number {
	const n = parseAmount(value);
	return n === undefined ? fallback : n;
}
