/**
 * The SAP B1 Service Layer sales order body (`POST /Orders`) the mapping produces, and its options
 * (the Magento order it reads is the package's one Magento order type, shared/magentoOrder.ts).
 * Loosely typed on purpose: Magento sends many more fields, and an n8n item's json is
 * an IDataObject.
 */

export type { MagentoAddress, MagentoOrder, MagentoOrderItem } from '../../../shared/magentoOrder';

export interface SapDocumentLine {
	ItemCode: string;
	ItemDescription?: string;
	Quantity: number;
	UnitPrice?: number;
	PriceAfterVAT?: number;
	Price?: number;
	DiscountPercent?: number;
	TaxCode?: string;
	WarehouseCode?: string;
	[key: string]: unknown;
}

export interface SapDocumentExpense {
	ExpenseCode: number;
	LineTotal: number;
	TaxCode?: string;
	[key: string]: unknown;
}

export interface SapAddressExtension {
	ShipToStreet?: string;
	ShipToBuilding?: string;
	ShipToCity?: string;
	ShipToZipCode?: string;
	ShipToCounty?: string;
	ShipToState?: string;
	ShipToCountry?: string;
	BillToStreet?: string;
	BillToBuilding?: string;
	BillToCity?: string;
	BillToZipCode?: string;
	BillToCounty?: string;
	BillToState?: string;
	BillToCountry?: string;
	[key: string]: unknown;
}

export interface SapOrderDocument {
	CardCode: string;
	DocDate: string;
	DocDueDate: string;
	TaxDate: string;
	NumAtCard?: string;
	Comments?: string;
	DocCurrency?: string;
	DiscountPercent?: number;
	TransportationCode?: number;
	DocumentLines: SapDocumentLine[];
	DocumentAdditionalExpenses?: SapDocumentExpense[];
	AddressExtension?: SapAddressExtension;
	[key: string]: unknown;
}

export interface ShippingOptions {
	/** 'expense' → DocumentAdditionalExpenses; 'itemLine' → a document line with itemCode; 'none' → dropped. */
	mode: 'expense' | 'itemLine' | 'none';
	/** Freight code (SAP AdditionalExpenses). Default 1. */
	expenseCode?: number;
	/** ItemCode of a non-inventory "shipping" item, required for mode 'itemLine'. */
	itemCode?: string;
	/** Tax code of the shipping expense / line. Default: fixedTaxCode (fixed), matched by rate (rateTable), none (sapDefault). */
	taxCode?: string;
}

export interface MappingOptions {
	/** 'NumAtCard' (default) or a user field such as 'U_WebOrderNo'. */
	webOrderField: string;
	/** Business partner, already resolved by the caller. */
	cardCode: string;
	/** DocDueDate = created_at date + dueDays. */
	dueDays: number;
	/** Magento SKU → SAP ItemCode; unmapped SKUs pass through unchanged. */
	skuMap: Record<string, string>;
	bundleMode: 'children' | 'parent';
	/** 'net' → UnitPrice from price; 'gross' → PriceAfterVAT from price_incl_tax. */
	priceMode: 'net' | 'gross';
	/** 'percent' → DiscountPercent on the line; 'price' → discount folded into the price. */
	discountMode: 'percent' | 'price';
	taxMode: 'sapDefault' | 'fixed' | 'rateTable';
	fixedTaxCode?: string;
	/** Magento tax_percent → SAP tax code (matched within 0.001); '' = SAP's own determination. */
	taxRates?: Array<{ rate: number; taxCode: string }>;
	warehouseCode?: string;
	shipping: ShippingOptions;
	/** Shipping method ('tablerate_bestway') or carrier prefix ('flatrate') → SAP TransportationCode. */
	shippingMethodMap: Record<string, number>;
	/** 'order' → DocCurrency = order_currency_code; 'none' → the BP's currency. */
	currency: 'order' | 'none';
	/** Header Comments; default "Magento order #<increment_id>". */
	comments?: string;
	/** Merged into the header last (e.g. SalesPersonCode, Series). */
	extraFields?: Record<string, unknown>;
}

export const DEFAULT_MAPPING_OPTIONS: Omit<MappingOptions, 'cardCode'> = {
	webOrderField: 'NumAtCard',
	dueDays: 0,
	skuMap: {},
	bundleMode: 'children',
	priceMode: 'net',
	discountMode: 'percent',
	taxMode: 'sapDefault',
	shipping: { mode: 'expense', expenseCode: 1 },
	shippingMethodMap: {},
	currency: 'order',
};

export interface MappingResult {
	document: SapOrderDocument;
	webOrderNumber: string;
	warnings: string[];
}
