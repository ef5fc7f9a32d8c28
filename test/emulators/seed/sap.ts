/**
 * SAP Business One sample data, in Service Layer JSON shape (the `/b1s/v1` shape: dates as
 * `YYYY-MM-DD`, times as `HH:MM:SS`, SAP server local time). Loaded by the Service Layer emulator
 * and, into SAP tables (OCRD, OITM, OSHP, ORDR/RDR1, ODLN/DLN1), by the SQL Server test server.
 *
 * Column mapping for the SQL loader: DocumentStatus bost_Open/bost_Close → DocStatus 'O'/'C';
 * CancelStatus csNo/csYes/csCancellation → CANCELED 'N'/'Y'/'C' (Cancelled tYES ⇔ 'Y');
 * UpdateTime 'HH:MM:SS' → UpdateTS int HHMMSS; CreationDate → CreateDate; DocCurrency → DocCur;
 * TransportationCode → TrnspCode; TrackingNumber → TrackNo; lines: WarehouseCode → WhsCode,
 * RemainingOpenQuantity → OpenQty, UnitPrice → PriceBefDi, LineStatus bost_Open/bost_Close → 'O'/'C'.
 *
 * Orders 1–6 mirror the Magento seed's web orders 000000090–000000095 (test/emulators/seed/magento.ts):
 * NumAtCard = U_WebOrderNo = increment id, the same customer (roni → C20000, veronica → C30000, guest →
 * C-WEB), the same SKUs (configurable → the child SKU, bundle → its children, virtual items included),
 * quantities and unit prices, TaxCode by the customer's rate (CA 7.25, NY 8.875, EX 0), freight = Magento's
 * shipping_amount, TransportationCode from the shipping method (flatrate → 4, tablerate/ups → 1), ship-to =
 * Magento's shipping address. Deliveries only carry items of their web order (never the virtual one) and
 * never more than ordered, so each becomes a Magento shipment by SKU.
 *
 * Scenarios:
 * - Order 1 / 000000090 (roni: 24-MB01 ×1, 24-MB04 ×2): delivery 1 delivers everything, UPS tracking.
 * - Order 2 / 000000091 (veronica: MH01-L-Orange ×1, 24-UG06 ×3): partial — delivery 2 (FedEx, 24-UG06 ×2)
 *   and delivery 3 (DHL, MH01-L-Orange ×1); line 1 (24-UG06) still open for 1.
 * - Order 3 / 000000092 (roni: 24-WB04 ×1): delivery 4 cancelled (CancelStatus csYes, 'Y') by cancellation
 *   document 5 (csCancellation, 'C', copies the tracking number as SAP copies the header); the line is open again.
 * - Order 4 / 000000093 (guest C-WEB: WS12-M-Orange ×2): delivery 6 has no tracking number.
 * - Orders 5 and 6 / 000000094, 000000095: deliveries 7 (the three Sprite kit children) and 8 (24-MB01 ×2,
 *   24-UG06 ×1; the virtual VW-WARRANTY-2Y stays open) changed in the same second.
 * - Items carry stock in warehouses 01 and 02 (SAMPLE_STOCK: InStock, Committed, Ordered) and prices
 *   in price lists 1 "Base Price" and 2 "Web Sale" (SAMPLE_SALE_PRICES; 0 = not on sale). GIFT-WRAP-01
 *   (item group 101, shops only) is an SAP item the Magento store does not have.
 * - Order 7: SAP-only phone order (NumAtCard null) of the EUR customer C40000 Jürgen Ümlaut, unicode item
 *   CAFÉ-CRÈME-250, comments and address; delivery 9 delivers it with UPS tracking.
 */
import {
	documentTotals,
	priceLine,
	type MathExpense,
	type MathLine,
} from '../serviceLayer/documentMath';

export type SapYesNo = 'tYES' | 'tNO';
export type SapDocStatus = 'bost_Open' | 'bost_Close';
export type SapCancelStatus = 'csNo' | 'csYes' | 'csCancellation';

export interface SapBPAddress {
	AddressName: string;
	AddressType: 'bo_BillTo' | 'bo_ShipTo';
	Street?: string | null;
	City?: string | null;
	ZipCode?: string | null;
	State?: string | null;
	Country?: string | null;
	BPCode?: string;
	[key: string]: unknown;
}

export interface SapBusinessPartner {
	CardCode: string;
	CardName: string;
	CardType: 'cCustomer' | 'cSupplier' | 'cLid';
	EmailAddress: string | null;
	Phone1: string | null;
	Currency: string;
	Valid: SapYesNo;
	Frozen: SapYesNo;
	BPAddresses: SapBPAddress[];
	[key: string]: unknown;
}

export interface SapItem {
	ItemCode: string;
	ItemName: string;
	ItemType: 'itItems';
	InventoryItem: SapYesNo;
	SalesItem: SapYesNo;
	PurchaseItem: SapYesNo;
	Valid: SapYesNo;
	Frozen: SapYesNo;
	ItemPrices: { PriceList: number; Price: number; Currency: string }[];
	/** Item group (OITB), e.g. 100 "Items". */
	ItemsGroupCode?: number;
	/** Stock per warehouse (OITW): InStock = OnHand, Committed = IsCommited, Ordered = OnOrder. */
	ItemWarehouseInfoCollection?: SapItemWarehouseInfo[];
	/** Moves when the item master data (name, prices, flags) is changed, not when its stock moves. */
	UpdateDate?: string;
	UpdateTime?: string;
	[key: string]: unknown;
}

export interface SapItemWarehouseInfo {
	WarehouseCode: string;
	InStock: number;
	Committed: number;
	Ordered: number;
	[key: string]: unknown;
}

export interface SapPriceList {
	PriceListNo: number;
	PriceListName: string;
	BasePriceList: number;
	Factor: number;
	IsGrossPrice: SapYesNo;
	Active: SapYesNo;
	[key: string]: unknown;
}

export interface SapItemGroup {
	Number: number;
	GroupName: string;
	[key: string]: unknown;
}

/** A goods receipt (InventoryGenEntries, OIGN) or goods issue (InventoryGenExits, OIGE). */
export interface SapInventoryDocument {
	DocEntry: number;
	DocNum: number;
	DocDate: string;
	Comments: string | null;
	DocumentLines: { LineNum: number; ItemCode: string; Quantity: number; WarehouseCode: string }[];
	[key: string]: unknown;
}

export interface SapWarehouse {
	WarehouseCode: string;
	WarehouseName: string;
	Inactive: SapYesNo;
	[key: string]: unknown;
}

export interface SapShippingType {
	Code: number;
	Name: string;
	Website: string | null;
	[key: string]: unknown;
}

export interface SapSalesTaxCode {
	Code: string;
	Name: string;
	Rate: number;
	Inactive: SapYesNo;
	[key: string]: unknown;
}

export interface SapVatGroup {
	Code: string;
	Name: string;
	Category: 'bovcOutputTax' | 'bovcInputTax';
	Inactive: SapYesNo;
	VatGroups_Lines: { Effectivefrom: string; Rate: number }[];
	[key: string]: unknown;
}

/** Freight setup (OEXD). The key is `ExpensCode` (SAP's spelling); document lines say `ExpenseCode`. */
export interface SapAdditionalExpense {
	ExpensCode: number;
	Name: string;
	TaxLiable: SapYesNo;
	[key: string]: unknown;
}

export interface SapDocumentLine {
	DocEntry?: number;
	LineNum: number;
	ItemCode: string;
	ItemDescription: string;
	Quantity: number;
	Price: number;
	UnitPrice: number;
	PriceAfterVAT: number;
	DiscountPercent: number;
	Currency: string;
	WarehouseCode: string;
	TaxCode: string | null;
	TaxPercentagePerRow: number;
	LineTotal: number;
	/** -1 when not based on another document; 17 = order, 15 = delivery. */
	BaseType: number;
	BaseEntry: number | null;
	BaseLine: number | null;
	RemainingOpenQuantity: number;
	LineStatus: SapDocStatus;
	[key: string]: unknown;
}

export interface SapDocumentExpense {
	ExpenseCode: number;
	LineTotal: number;
	TaxCode: string | null;
	VatGroup: string | null;
	TaxSum: number;
	[key: string]: unknown;
}

export interface SapAddressExtension {
	ShipToStreet?: string | null;
	ShipToCity?: string | null;
	ShipToZipCode?: string | null;
	ShipToCounty?: string | null;
	ShipToState?: string | null;
	ShipToCountry?: string | null;
	ShipToBuilding?: string | null;
	BillToStreet?: string | null;
	BillToCity?: string | null;
	BillToZipCode?: string | null;
	BillToCounty?: string | null;
	BillToState?: string | null;
	BillToCountry?: string | null;
	BillToBuilding?: string | null;
	[key: string]: unknown;
}

/** A marketing document (Orders and DeliveryNotes share the `Document` type). */
export interface SapDocument {
	DocEntry: number;
	DocNum: number;
	DocObjectCode: 'oOrders' | 'oDeliveryNotes';
	DocType: 'dDocument_Items';
	Series: number;
	DocDate: string;
	DocDueDate: string;
	TaxDate: string;
	CardCode: string;
	CardName: string;
	NumAtCard: string | null;
	Comments: string | null;
	DocCurrency: string;
	DocRate: number;
	DiscountPercent: number;
	TotalDiscount: number;
	VatSum: number;
	DocTotal: number;
	TransportationCode: number | null;
	TrackingNumber: string | null;
	SalesPersonCode: number;
	ContactPersonCode: number | null;
	DocumentStatus: SapDocStatus;
	Cancelled: SapYesNo;
	CancelStatus: SapCancelStatus;
	CreationDate: string;
	UpdateDate: string;
	UpdateTime: string;
	Rounding: SapYesNo;
	RoundingDiffAmount: number;
	U_WebOrderNo: string | null;
	AddressExtension: SapAddressExtension;
	DocumentLines: SapDocumentLine[];
	DocumentAdditionalExpenses: SapDocumentExpense[];
	[key: string]: unknown;
}

export interface SapSeed {
	BusinessPartners: SapBusinessPartner[];
	Items: SapItem[];
	Warehouses: SapWarehouse[];
	ShippingTypes: SapShippingType[];
	SalesTaxCodes: SapSalesTaxCode[];
	VatGroups: SapVatGroup[];
	AdditionalExpenses: SapAdditionalExpense[];
	Orders: SapDocument[];
	DeliveryNotes: SapDocument[];
	/** Price lists (OPLN); items carry their prices in ItemPrices (ITM1). */
	PriceLists?: SapPriceList[];
	ItemGroups?: SapItemGroup[];
	/** Goods receipts and goods issues: they move warehouse stock, not the items' UpdateDate. */
	InventoryGenEntries?: SapInventoryDocument[];
	InventoryGenExits?: SapInventoryDocument[];
}

/** Names of the user-defined fields that exist on the `Document` type (ORDR/ODLN `U_*` columns). */
export const SAP_DOCUMENT_USER_FIELDS = ['U_WebOrderNo'] as const;

const yes = 'tYES' as const;
const no = 'tNO' as const;

/** Master-data defaults SAP fills into document lines: the ship-to address's sales tax code (US), the partner's VAT group and price list. */
interface PartnerDefaults {
	shipToTaxCode?: string;
	vatGroup?: string;
	priceList?: number;
}

const bp = (
	CardCode: string,
	CardName: string,
	EmailAddress: string | null,
	Currency: string,
	city: string,
	country: string,
	defaults: PartnerDefaults = {},
): SapBusinessPartner => ({
	CardCode,
	CardName,
	CardType: 'cCustomer',
	EmailAddress,
	Phone1: null,
	Currency,
	Valid: yes,
	Frozen: no,
	PriceListNum: defaults.priceList ?? 1,
	...(defaults.vatGroup ? { VatGroup: defaults.vatGroup } : {}),
	ShipToDefault: 'Ship to',
	BPAddresses: [
		{
			AddressName: 'Bill to',
			AddressType: 'bo_BillTo',
			Street: null,
			City: city,
			ZipCode: null,
			State: null,
			Country: country,
			BPCode: CardCode,
		},
		{
			AddressName: 'Ship to',
			AddressType: 'bo_ShipTo',
			Street: null,
			City: city,
			ZipCode: null,
			State: null,
			Country: country,
			BPCode: CardCode,
			...(defaults.shipToTaxCode ? { TaxCode: defaults.shipToTaxCode } : {}),
		},
	],
});

/**
 * Stock of the sample items in warehouses 01 and 02: [InStock, Committed, Ordered] each. Items not
 * listed (non-inventory items) have no warehouse rows.
 */
export const SAMPLE_STOCK: Record<string, [[number, number, number], [number, number, number]]> = {
	'24-MB01': [
		[120, 4, 0],
		[30, 2, 10],
	],
	'24-MB04': [
		[80, 2, 0],
		[12, 0, 0],
	],
	'24-WB04': [
		[15, 1, 5],
		[0, 0, 0],
	],
	'24-UG06': [
		[500, 10, 0],
		[150, 3, 0],
	],
	MH01: [
		[0, 0, 0],
		[0, 0, 0],
	],
	'MH01-XS-Black': [
		[20, 0, 0],
		[5, 1, 0],
	],
	'MH01-M-Gray': [
		[14, 1, 0],
		[6, 0, 0],
	],
	'MH01-L-Orange': [
		[9, 1, 0],
		[0, 0, 12],
	],
	WS12: [
		[0, 0, 0],
		[0, 0, 0],
	],
	'WS12-XS-Blue': [
		[40, 2, 0],
		[10, 0, 0],
	],
	'WS12-M-Orange': [
		[35, 2, 0],
		[8, 2, 0],
	],
	'24-WG080': [
		[0, 0, 0],
		[0, 0, 0],
	],
	'24-WG084': [
		[60, 0, 0],
		[20, 1, 0],
	],
	'24-WG088': [
		[25, 1, 0],
		[5, 0, 0],
	],
	'24-WG082-blue': [
		[18, 1, 0],
		[2, 0, 0],
	],
	'CAFÉ-CRÈME-250': [
		[300, 4, 0],
		[0, 0, 100],
	],
	'GIFT-WRAP-01': [
		[1000, 0, 0],
		[0, 0, 0],
	],
};

/** Price list 2 ("Web Sale"): lower prices for some items (0 = not on sale, as SAP keeps it). */
export const SAMPLE_SALE_PRICES: Record<string, number> = {
	'24-MB04': 27,
	'24-UG06': 5.5,
	'WS12-XS-Blue': 18,
	'WS12-M-Orange': 18,
};

const ITEMS_UPDATED = { UpdateDate: '2026-11-01', UpdateTime: '09:00:00' };

const item = (ItemCode: string, ItemName: string, price: number, inventory = true): SapItem => ({
	ItemCode,
	ItemName,
	ItemType: 'itItems',
	InventoryItem: inventory ? yes : no,
	SalesItem: yes,
	PurchaseItem: yes,
	Valid: yes,
	Frozen: no,
	ItemPrices: [
		{ PriceList: 1, Price: price, Currency: 'USD' },
		{ PriceList: 2, Price: SAMPLE_SALE_PRICES[ItemCode] ?? 0, Currency: 'USD' },
	],
	ItemsGroupCode: 100,
	ItemWarehouseInfoCollection: inventory
		? (
				SAMPLE_STOCK[ItemCode] ?? [
					[0, 0, 0],
					[0, 0, 0],
				]
			).map(([InStock, Committed, Ordered], i) => ({
				WarehouseCode: i === 0 ? '01' : '02',
				InStock,
				Committed,
				Ordered,
			}))
		: [],
	...ITEMS_UPDATED,
});

const MASTER: Omit<SapSeed, 'Orders' | 'DeliveryNotes'> = {
	BusinessPartners: [
		bp('C-WEB', 'Web Shop Customer', null, '##', 'Los Angeles', 'US'),
		bp('C20000', 'Roni Cost', 'roni_cost@example.com', 'USD', 'Los Angeles', 'US', {
			shipToTaxCode: 'CA',
		}),
		bp('C30000', 'Veronica Costello', 'veronica.costello@example.com', 'USD', 'New York', 'US', {
			shipToTaxCode: 'NY',
		}),
		bp('C40000', 'Jürgen Ümlaut', 'juergen@example.de', 'EUR', 'Wien', 'AT', { vatGroup: 'V20' }),
	],
	Items: [
		item('24-MB01', 'Joust Duffle Bag', 34),
		item('24-MB04', 'Strive Shoulder Pack', 32),
		item('24-WB04', 'Overnight Duffle', 45),
		item('24-UG06', 'Affirm Water Bottle', 7),
		item('MH01', 'Chaz Kangeroo Hoodie', 52),
		item('MH01-XS-Black', 'Chaz Kangeroo Hoodie-XS-Black', 52),
		item('MH01-M-Gray', 'Chaz Kangeroo Hoodie-M-Gray', 52),
		item('MH01-L-Orange', 'Chaz Kangeroo Hoodie-L-Orange', 52),
		item('WS12', 'Radiant Tee', 22),
		item('WS12-XS-Blue', 'Radiant Tee-XS-Blue', 22),
		item('WS12-M-Orange', 'Radiant Tee-M-Orange', 22),
		item('24-WG080', 'Sprite Yoga Companion Kit', 47),
		item('24-WG084', 'Sprite Foam Yoga Brick', 5),
		item('24-WG088', 'Sprite Foam Roller', 19),
		item('24-WG082-blue', 'Sprite Stasis Ball 55 cm', 23),
		item('VW-WARRANTY-2Y', '2-year warranty', 15, false),
		item('CAFÉ-CRÈME-250', 'Café crème — 250 g Kaffeebohnen ☕', 12.5),
		// Sold in the shops only: the web store has no such product (an unknown SKU for Magento).
		{ ...item('GIFT-WRAP-01', 'Gift wrap (shops only)', 2.5), ItemsGroupCode: 101 },
	],
	PriceLists: [
		{
			PriceListNo: 1,
			PriceListName: 'Base Price',
			BasePriceList: 1,
			Factor: 1,
			IsGrossPrice: no,
			Active: yes,
		},
		{
			PriceListNo: 2,
			PriceListName: 'Web Sale',
			BasePriceList: 1,
			Factor: 1,
			IsGrossPrice: no,
			Active: yes,
		},
	],
	ItemGroups: [
		{ Number: 100, GroupName: 'Items' },
		{ Number: 101, GroupName: 'Shop Supplies' },
	],
	InventoryGenEntries: [],
	InventoryGenExits: [],
	Warehouses: [
		{ WarehouseCode: '01', WarehouseName: 'General Warehouse', Inactive: no },
		{ WarehouseCode: '02', WarehouseName: 'Web Shop Warehouse', Inactive: no },
	],
	ShippingTypes: [
		{ Code: 1, Name: 'UPS Ground', Website: 'https://www.ups.com/track?tracknum=' },
		{ Code: 2, Name: 'FedEx Priority', Website: 'https://www.fedex.com/fedextrack/?trknbr=' },
		{ Code: 3, Name: 'DHL Express', Website: 'https://www.dhl.com/en/express/tracking.html?AWB=' },
		{ Code: 4, Name: 'Flat Rate', Website: null },
	],
	SalesTaxCodes: [
		{ Code: 'CA', Name: 'California', Rate: 7.25, Inactive: no },
		{ Code: 'NY', Name: 'New York', Rate: 8.875, Inactive: no },
		{ Code: 'EX', Name: 'Exempt', Rate: 0, Inactive: no },
		// The 20 % VAT of the web shop's Austrian store view (EUR orders such as 000000109).
		{ Code: 'AT20', Name: 'Austria VAT (web shop)', Rate: 20, Inactive: no },
	],
	VatGroups: [
		{
			Code: 'V20',
			Name: 'Output VAT 20%',
			Category: 'bovcOutputTax',
			Inactive: no,
			VatGroups_Lines: [{ Effectivefrom: '2020-01-01', Rate: 20 }],
		},
		{
			Code: 'V0',
			Name: 'Output VAT 0%',
			Category: 'bovcOutputTax',
			Inactive: no,
			VatGroups_Lines: [{ Effectivefrom: '2020-01-01', Rate: 0 }],
		},
	],
	AdditionalExpenses: [
		{ ExpensCode: 1, Name: 'Freight', TaxLiable: yes },
		{ ExpensCode: 2, Name: 'Insurance', TaxLiable: yes },
	],
};

/** Tax rate of a TaxCode (sales tax code or VAT group code) in the given master data. */
export function sapTaxRate(
	seed: Pick<SapSeed, 'SalesTaxCodes' | 'VatGroups'>,
	code?: string | null,
): number {
	if (!code) return 0;
	const stc = seed.SalesTaxCodes.find((t) => t.Code === code);
	if (stc) return stc.Rate;
	const vg = seed.VatGroups.find((t) => t.Code === code);
	return vg ? (vg.VatGroups_Lines[vg.VatGroups_Lines.length - 1]?.Rate ?? 0) : 0;
}

interface LineSpec {
	item: string;
	qty: number;
	price: number;
	tax: string;
	whs?: string;
}

interface OrderSpec {
	entry: number;
	web: string | null;
	card: string;
	date: string;
	lines: LineSpec[];
	freight?: number;
	trnsp?: number | null;
	comments?: string | null;
	currency?: string;
	ship?: SapAddressExtension;
}

interface DeliverySpec {
	entry: number;
	order: number;
	/** [order LineNum, quantity] */
	lines: [number, number][];
	tracking: string | null;
	trnsp: number | null;
	date: string;
	time: string;
	comments?: string | null;
}

function buildOrder(s: OrderSpec): SapDocument {
	const partner = MASTER.BusinessPartners.find((b) => b.CardCode === s.card)!;
	const currency = s.currency ?? 'USD';
	const lines: SapDocumentLine[] = s.lines.map((l, i) => {
		const name = MASTER.Items.find((it) => it.ItemCode === l.item)!.ItemName;
		const line = {
			DocEntry: s.entry,
			LineNum: i,
			ItemCode: l.item,
			ItemDescription: name,
			Quantity: l.qty,
			UnitPrice: l.price,
			DiscountPercent: 0,
			Currency: currency,
			WarehouseCode: l.whs ?? '02',
			TaxCode: l.tax,
			BaseType: -1,
			BaseEntry: null,
			BaseLine: null,
			RemainingOpenQuantity: l.qty,
			LineStatus: 'bost_Open',
		} as unknown as SapDocumentLine;
		priceLine(line as MathLine, sapTaxRate(MASTER, line.TaxCode));
		return line;
	});
	const expenses: SapDocumentExpense[] = s.freight
		? [{ ExpenseCode: 1, LineTotal: s.freight, TaxCode: 'EX', VatGroup: null, TaxSum: 0 }]
		: [];
	const totals = documentTotals(lines as MathLine[], expenses as MathExpense[], 0, (c) =>
		sapTaxRate(MASTER, c),
	);
	return {
		DocEntry: s.entry,
		DocNum: 1000 + s.entry,
		DocObjectCode: 'oOrders',
		DocType: 'dDocument_Items',
		Series: 4,
		DocDate: s.date,
		DocDueDate: s.date,
		TaxDate: s.date,
		CardCode: s.card,
		CardName: partner.CardName,
		NumAtCard: s.web,
		Comments: s.comments ?? (s.web ? `Magento order #${s.web}` : null),
		DocCurrency: currency,
		DocRate: 1,
		DiscountPercent: 0,
		...totals,
		TransportationCode: s.trnsp ?? null,
		TrackingNumber: null,
		SalesPersonCode: -1,
		ContactPersonCode: null,
		DocumentStatus: 'bost_Open',
		Cancelled: no,
		CancelStatus: 'csNo',
		CreationDate: s.date,
		UpdateDate: s.date,
		UpdateTime: '09:00:00',
		Rounding: no,
		RoundingDiffAmount: 0,
		U_WebOrderNo: s.web,
		AddressExtension: s.ship ?? {},
		DocumentLines: lines,
		DocumentAdditionalExpenses: expenses as SapDocumentExpense[],
	};
}

function buildDelivery(d: DeliverySpec, order: SapDocument): SapDocument {
	const lines: SapDocumentLine[] = d.lines.map(([baseLine, qty], i) => {
		const base = order.DocumentLines[baseLine];
		const line = {
			...base,
			DocEntry: d.entry,
			LineNum: i,
			Quantity: qty,
			BaseType: 17,
			BaseEntry: order.DocEntry,
			BaseLine: baseLine,
			RemainingOpenQuantity: qty,
			LineStatus: 'bost_Open',
		} as SapDocumentLine;
		priceLine(line as MathLine, sapTaxRate(MASTER, line.TaxCode));
		return line;
	});
	const totals = documentTotals(lines as MathLine[], [], 0, (c) => sapTaxRate(MASTER, c));
	return {
		...order,
		DocEntry: d.entry,
		DocNum: 2000 + d.entry,
		DocObjectCode: 'oDeliveryNotes',
		DocDate: d.date,
		DocDueDate: d.date,
		TaxDate: d.date,
		Comments: d.comments ?? `Based On Sales Orders ${order.DocNum}.`,
		...totals,
		TransportationCode: d.trnsp,
		TrackingNumber: d.tracking,
		DocumentStatus: 'bost_Open',
		CreationDate: d.date,
		UpdateDate: d.date,
		UpdateTime: d.time,
		AddressExtension: { ...order.AddressExtension },
		DocumentLines: lines,
		DocumentAdditionalExpenses: [],
	};
}

const us = (
	street: string,
	city: string,
	zip: string,
	state: string,
	building?: string,
): SapAddressExtension => ({
	ShipToStreet: street,
	...(building ? { ShipToBuilding: building } : {}),
	ShipToCity: city,
	ShipToZipCode: zip,
	ShipToState: state,
	ShipToCountry: 'US',
	BillToStreet: street,
	...(building ? { BillToBuilding: building } : {}),
	BillToCity: city,
	BillToZipCode: zip,
	BillToState: state,
	BillToCountry: 'US',
});

/** The Magento seed customers' addresses (billing = shipping). */
const SHIP = {
	roni: us('6146 Honey Bluff Parkway', 'Los Angeles', '90012', 'CA'),
	veronica: us('350 Fifth Avenue', 'New York', '10118', 'NY', 'Suite 4200'),
	guest: us('1200 NW Naito Pkwy', 'Portland', '97209', 'OR', 'Apt #5 "B"'),
	juergen: {
		ShipToStreet: 'Mariahilfer Straße 12',
		ShipToBuilding: 'Stiege 3, Tür 7',
		ShipToCity: 'Wien',
		ShipToZipCode: '1070',
		ShipToCounty: 'Wien',
		ShipToCountry: 'AT',
		BillToStreet: 'Mariahilfer Straße 12',
		BillToBuilding: 'Stiege 3, Tür 7',
		BillToCity: 'Wien',
		BillToZipCode: '1070',
		BillToCounty: 'Wien',
		BillToCountry: 'AT',
	} satisfies SapAddressExtension,
};

const ORDER_SPECS: OrderSpec[] = [
	{
		entry: 1,
		web: '000000090',
		card: 'C20000',
		date: '2025-06-02',
		trnsp: 4,
		freight: 15,
		ship: SHIP.roni,
		lines: [
			{ item: '24-MB01', qty: 1, price: 34, tax: 'CA' },
			{ item: '24-MB04', qty: 2, price: 32, tax: 'CA' },
		],
	},
	{
		entry: 2,
		web: '000000091',
		card: 'C30000',
		date: '2025-06-02',
		trnsp: 1,
		freight: 10,
		ship: SHIP.veronica,
		lines: [
			{ item: 'MH01-L-Orange', qty: 1, price: 52, tax: 'NY' },
			{ item: '24-UG06', qty: 3, price: 7, tax: 'NY' },
		],
	},
	{
		entry: 3,
		web: '000000092',
		card: 'C20000',
		date: '2025-06-03',
		trnsp: 1,
		freight: 12.5,
		ship: SHIP.roni,
		lines: [{ item: '24-WB04', qty: 1, price: 45, tax: 'CA' }],
	},
	{
		entry: 4,
		web: '000000093',
		card: 'C-WEB',
		date: '2025-06-03',
		trnsp: 4,
		freight: 10,
		ship: SHIP.guest,
		lines: [{ item: 'WS12-M-Orange', qty: 2, price: 22, tax: 'EX' }],
	},
	{
		entry: 5,
		web: '000000094',
		card: 'C30000',
		date: '2025-06-04',
		trnsp: 1,
		freight: 10,
		ship: SHIP.veronica,
		lines: [
			{ item: '24-WG084', qty: 1, price: 5, tax: 'NY' },
			{ item: '24-WG088', qty: 1, price: 19, tax: 'NY' },
			{ item: '24-WG082-blue', qty: 1, price: 23, tax: 'NY' },
		],
	},
	{
		entry: 6,
		web: '000000095',
		card: 'C20000',
		date: '2025-06-04',
		trnsp: 4,
		freight: 15,
		ship: SHIP.roni,
		lines: [
			{ item: '24-MB01', qty: 2, price: 34, tax: 'CA' },
			{ item: '24-UG06', qty: 1, price: 7, tax: 'CA' },
			{ item: 'VW-WARRANTY-2Y', qty: 1, price: 15, tax: 'CA' },
		],
	},
	{
		entry: 7,
		web: null,
		card: 'C40000',
		date: '2025-06-05',
		trnsp: 1,
		currency: 'EUR',
		comments: 'Telefonbestellung — bitte an der Hintertür abstellen, danke! ☕',
		ship: SHIP.juergen,
		lines: [{ item: 'CAFÉ-CRÈME-250', qty: 10, price: 12.5, tax: 'V20', whs: '01' }],
	},
];

const DELIVERY_SPECS: DeliverySpec[] = [
	{
		entry: 1,
		order: 1,
		lines: [
			[0, 1],
			[1, 2],
		],
		tracking: '1Z999AA10123456784',
		trnsp: 1,
		date: '2025-06-03',
		time: '10:15:00',
	},
	{
		entry: 2,
		order: 2,
		lines: [[1, 2]],
		tracking: '794698574512',
		trnsp: 2,
		date: '2025-06-03',
		time: '11:20:05',
	},
	{
		entry: 3,
		order: 2,
		lines: [[0, 1]],
		tracking: 'JD014600006281230711',
		trnsp: 3,
		date: '2025-06-04',
		time: '09:05:30',
	},
	{
		entry: 4,
		order: 3,
		lines: [[0, 1]],
		tracking: '1Z999AA10123456799',
		trnsp: 1,
		date: '2025-06-04',
		time: '15:00:00',
	},
	{
		entry: 6,
		order: 4,
		lines: [[0, 2]],
		tracking: null,
		trnsp: 4,
		date: '2025-06-05',
		time: '08:00:00',
	},
	{
		entry: 7,
		order: 5,
		lines: [
			[0, 1],
			[1, 1],
			[2, 1],
		],
		tracking: '1Z999AA10123456801',
		trnsp: 1,
		date: '2025-06-06',
		time: '14:30:15',
	},
	{
		entry: 8,
		order: 6,
		lines: [
			[0, 2],
			[1, 1],
		],
		tracking: '1Z999AA10123456812',
		trnsp: 1,
		date: '2025-06-06',
		time: '14:30:15',
		comments: 'Please ring the bell — thanks 🔔',
	},
	{
		entry: 9,
		order: 7,
		lines: [[0, 10]],
		tracking: '1Z999AA10123456823',
		trnsp: 1,
		date: '2025-06-06',
		time: '16:45:00',
		comments: 'Geliefert an Jürgen Ümlaut, Mariahilfer Straße 12 — ☕',
	},
];

function buildSeed(): SapSeed {
	const orders = ORDER_SPECS.map(buildOrder);
	const byEntry = new Map(orders.map((o) => [o.DocEntry, o]));
	const deliveries = DELIVERY_SPECS.map((d) => buildDelivery(d, byEntry.get(d.order)!));

	// Delivery 4 was cancelled at 2025-06-04 16:10:00 by cancellation document 5.
	const cancelled = deliveries.find((d) => d.DocEntry === 4)!;
	const cancellation: SapDocument = {
		...cancelled,
		DocEntry: 5,
		DocNum: 2005,
		Comments: `Based On Deliveries ${cancelled.DocNum}.`,
		DocumentStatus: 'bost_Close',
		Cancelled: no,
		CancelStatus: 'csCancellation',
		CreationDate: '2025-06-04',
		UpdateDate: '2025-06-04',
		UpdateTime: '16:10:00',
		DocumentLines: cancelled.DocumentLines.map((l) => ({
			...l,
			DocEntry: 5,
			BaseType: 15,
			BaseEntry: cancelled.DocEntry,
			BaseLine: l.LineNum,
			RemainingOpenQuantity: 0,
			LineStatus: 'bost_Close',
		})),
	};
	Object.assign(cancelled, {
		DocumentStatus: 'bost_Close',
		Cancelled: yes,
		CancelStatus: 'csYes',
		UpdateTime: '16:10:00',
	});
	cancelled.DocumentLines.forEach((l) =>
		Object.assign(l, { RemainingOpenQuantity: 0, LineStatus: 'bost_Close' }),
	);
	deliveries.splice(4, 0, cancellation);

	// Effect of the live deliveries on their base orders.
	for (const d of deliveries) {
		if (d.CancelStatus !== 'csNo') continue;
		for (const l of d.DocumentLines) {
			const order = byEntry.get(l.BaseEntry!)!;
			const ol = order.DocumentLines[l.BaseLine!];
			ol.RemainingOpenQuantity -= l.Quantity;
			if (ol.RemainingOpenQuantity <= 0) ol.LineStatus = 'bost_Close';
			if (`${d.UpdateDate} ${d.UpdateTime}` > `${order.UpdateDate} ${order.UpdateTime}`) {
				order.UpdateDate = d.UpdateDate;
				order.UpdateTime = d.UpdateTime;
			}
		}
	}
	const order3 = byEntry.get(3)!;
	order3.UpdateDate = '2025-06-04';
	order3.UpdateTime = '16:10:00';
	for (const o of orders)
		if (o.DocumentLines.every((l) => l.LineStatus === 'bost_Close'))
			o.DocumentStatus = 'bost_Close';

	return { ...structuredClone(MASTER), Orders: orders, DeliveryNotes: deliveries };
}

/** A fresh, deep copy of the SAP sample data each call. */
export function sapSeed(): SapSeed {
	return buildSeed();
}

/** An empty data set with the master data only (no orders, no deliveries). */
export function sapMasterSeed(): SapSeed {
	return { ...structuredClone(MASTER), Orders: [], DeliveryNotes: [] };
}
