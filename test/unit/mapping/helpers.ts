/** Shared options, tax table and SAP rates for the mapping unit tests. */
import {
	DEFAULT_MAPPING_OPTIONS,
	type MagentoOrder,
	type MappingOptions,
} from '../../../nodes/SapB1Order/mapping';
import { seedOrder } from '../../emulators/seed/magento';

/** Magento tax_percent → SAP codes of the sample catalogue (SalesTaxCodes CA/NY/EX, VatGroup V20). */
export const TAX_TABLE = [
	{ rate: 7.25, taxCode: 'CA' },
	{ rate: 8.875, taxCode: 'NY' },
	{ rate: 0, taxCode: 'EX' },
	{ rate: 20, taxCode: 'V20' },
];

const SAP_RATES: Record<string, number> = { CA: 7.25, NY: 8.875, EX: 0, V20: 20, V0: 0 };

/** SAP's rate of a tax code; an unknown or missing code fails the test loudly. */
export function sapRate(code: string): number {
	const rate = SAP_RATES[code];
	if (rate === undefined) throw new Error(`no SAP tax code '${code}'`);
	return rate;
}

export function options(overrides: Partial<MappingOptions> = {}): MappingOptions {
	return {
		...DEFAULT_MAPPING_OPTIONS,
		cardCode: 'C-WEB',
		taxMode: 'rateTable',
		taxRates: TAX_TABLE,
		...overrides,
	};
}

/** A seed order as the node would receive it (n8n item json: plain JSON). */
export function order(incrementId: string): MagentoOrder {
	return JSON.parse(JSON.stringify(seedOrder(incrementId))) as MagentoOrder;
}

export const num = (v: unknown) => Number(v);
