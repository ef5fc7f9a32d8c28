/** SAP tax code of a line or of the shipping, per taxMode: SAP's default (none sent), one fixed code, or a rate table. */
import { MappingError } from './errors';
import { round2 } from './numbers';
import type { MappingOptions } from './types';

export const RATE_TOLERANCE = 0.001;

/** The table entry for a Magento tax_percent (within 0.001), or undefined. */
export function taxCodeForRate(
	rate: number,
	table: MappingOptions['taxRates'],
): string | undefined {
	return (table ?? []).find((t) => Math.abs(Number(t.rate) - rate) <= RATE_TOLERANCE)?.taxCode;
}

/** The rate the table gives a tax code (first entry), or undefined. */
export function rateOfTaxCode(
	taxCode: string | undefined,
	table: MappingOptions['taxRates'],
): number | undefined {
	if (!taxCode) return undefined;
	const entry = (table ?? []).find((t) => t.taxCode === taxCode);
	return entry ? Number(entry.rate) : undefined;
}

export function requireFixedTaxCode(options: MappingOptions, record: string): string {
	const code = options.fixedTaxCode?.trim();
	if (!code)
		throw new MappingError(record, 'fixedTaxCode', "is required when the tax mode is 'fixed'");
	return code;
}

/** Tax code for an item line with Magento rate `taxPercent`; `field` names the item (items[2].tax_percent). */
export function lineTaxCode(
	options: MappingOptions,
	taxPercent: number,
	record: string,
	field: string,
	sku: string,
): string | undefined {
	switch (options.taxMode) {
		case 'fixed':
			return requireFixedTaxCode(options, record);
		case 'rateTable': {
			const code = taxCodeForRate(taxPercent, options.taxRates);
			if (code === undefined) {
				const known =
					(options.taxRates ?? [])
						.map((t) => `${t.rate} → ${t.taxCode || 'SAP Default'}`)
						.join(', ') || 'none';
				throw new MappingError(
					record,
					field,
					`${taxPercent} (item ${sku}) has no SAP tax code in the rate table (known: ${known})`,
				);
			}
			return code;
		}
		default:
			return undefined;
	}
}

/**
 * Tax code for the shipping: shipping.taxCode when set; otherwise the fixed code, or in rateTable
 * mode the table rate that reproduces Magento's shipping_tax_amount on the net shipping amount.
 */
export function shippingTaxCode(
	options: MappingOptions,
	netShipping: number,
	shippingTax: number,
	record: string,
	warnings: string[],
): string | undefined {
	if (options.shipping.taxCode?.trim()) return options.shipping.taxCode.trim();
	if (options.taxMode === 'fixed') return requireFixedTaxCode(options, record);
	if (options.taxMode !== 'rateTable') return undefined;
	const candidates = (options.taxRates ?? [])
		.map((t) => ({
			...t,
			diff: Math.abs(round2((netShipping * Number(t.rate)) / 100) - shippingTax),
		}))
		.filter((t) => t.diff <= 0.01)
		.sort((a, b) => a.diff - b.diff);
	if (candidates.length > 0) return candidates[0].taxCode || undefined;
	const rate = netShipping ? round2((shippingTax / netShipping) * 100) : 0;
	warnings.push(
		`shipping tax ${shippingTax} (≈ ${rate}%) matches no rate in the tax table; shipping sent without a tax code`,
	);
	return undefined;
}
