/** Entity sets the emulator serves: key, OData type name, known properties, what is writable. */
import type { SapSeed } from '../seed/sap';

export type EntitySetName = keyof SapSeed;

export interface EntitySetDef {
	name: EntitySetName;
	type: string;
	key: string;
	keyKind: 'number' | 'string';
	/** Properties of the type (used to validate $filter, $select, $orderby and bodies). */
	props: ReadonlySet<string>;
	/** Properties holding dates (`YYYY-MM-DD` in state; compared on the date part). */
	dateProps: ReadonlySet<string>;
}

const DOCUMENT_PROPS = [
	'DocEntry',
	'DocNum',
	'DocObjectCode',
	'DocType',
	'Series',
	'DocDate',
	'DocDueDate',
	'TaxDate',
	'CardCode',
	'CardName',
	'NumAtCard',
	'Comments',
	'DocCurrency',
	'DocRate',
	'DiscountPercent',
	'TotalDiscount',
	'VatSum',
	'DocTotal',
	'TransportationCode',
	'TrackingNumber',
	'SalesPersonCode',
	'ContactPersonCode',
	'DocumentStatus',
	'Cancelled',
	'CancelStatus',
	'CreationDate',
	'UpdateDate',
	'UpdateTime',
	'Rounding',
	'RoundingDiffAmount',
	'AddressExtension',
	'DocumentLines',
	'DocumentAdditionalExpenses',
	'Address',
	'Address2',
	'ShipToCode',
	'PayToCode',
	'JournalMemo',
	'PaymentGroupCode',
	'Project',
	'Reference1',
	'Reference2',
	'DocTime',
	'ShipFrom',
	'Indicator',
	'FederalTaxID',
];

/** Read-only on a Document: silently ignored by PATCH (and by POST, where SAP computes them). */
export const DOCUMENT_READ_ONLY = new Set([
	'DocEntry',
	'DocNum',
	'DocObjectCode',
	'TotalDiscount',
	'VatSum',
	'DocTotal',
	'DocumentStatus',
	'Cancelled',
	'CancelStatus',
	'CreationDate',
	'UpdateDate',
	'UpdateTime',
	'RoundingDiffAmount',
	'DocTime',
]);

export const DOCUMENT_LINE_PROPS = new Set([
	'DocEntry',
	'LineNum',
	'ItemCode',
	'ItemDescription',
	'Quantity',
	'Price',
	'UnitPrice',
	'PriceAfterVAT',
	'DiscountPercent',
	'Currency',
	'WarehouseCode',
	'TaxCode',
	'VatGroup',
	'TaxPercentagePerRow',
	'LineTotal',
	'BaseType',
	'BaseEntry',
	'BaseLine',
	'RemainingOpenQuantity',
	'LineStatus',
	'ShipDate',
	'FreeText',
	'AccountCode',
	'CostingCode',
	'ProjectCode',
	'SalesPersonCode',
	'GrossTotal',
	'ItemDetails',
	'UoMCode',
	'TreeType',
]);
export const DOCUMENT_LINE_READ_ONLY = new Set([
	'DocEntry',
	'LineTotal',
	'RemainingOpenQuantity',
	'LineStatus',
	'TaxPercentagePerRow',
	'GrossTotal',
]);

export const DOCUMENT_EXPENSE_PROPS = new Set([
	'ExpenseCode',
	'LineTotal',
	'TaxCode',
	'VatGroup',
	'TaxSum',
	'Remarks',
	'LineGross',
	'DistributionMethod',
	'BaseMethod',
	'LineNum',
]);

export const ADDRESS_EXTENSION_PROPS = new Set(
	[
		'Street',
		'City',
		'ZipCode',
		'County',
		'State',
		'Country',
		'Building',
		'Block',
		'StreetNo',
		'AddressType',
	].flatMap((f) => [`ShipTo${f}`, `BillTo${f}`]),
);

const BP_PROPS = [
	'CardCode',
	'CardName',
	'CardType',
	'EmailAddress',
	'Phone1',
	'Phone2',
	'Cellular',
	'Currency',
	'Valid',
	'Frozen',
	'BPAddresses',
	'GroupCode',
	'FederalTaxID',
	'Notes',
	'ContactPerson',
	'ShipToDefault',
	'BilltoDefault',
	'PriceListNum',
	'Website',
	'CardForeignName',
	'VatGroup',
	'SalesPersonCode',
];
export const BP_ADDRESS_PROPS = new Set([
	'AddressName',
	'AddressName2',
	'AddressName3',
	'AddressType',
	'Street',
	'Block',
	'City',
	'ZipCode',
	'County',
	'State',
	'Country',
	'BuildingFloorRoom',
	'StreetNo',
	'BPCode',
	'RowNum',
	'TaxCode',
]);

/** Properties of `AdditionalExpense` (freight setup, table OEXD), as in the SL v2 $metadata. */
const ADDITIONAL_EXPENSE_PROPS = [
	'ExpensCode',
	'Name',
	'RevenuesAccount',
	'ExpenseAccount',
	'TaxLiable',
	'FixedAmountRevenues',
	'FixedAmountExpenses',
	'OutputVatGroup',
	'InputVatGroup',
	'DistributionMethod',
	'Includein1099',
	'FreightOffsetAccount',
	'WTLiable',
	'ExpenseExemptedAccount',
	'RevenuesExemptedAccount',
	'DistributionRule',
	'DistributionRule2',
	'DistributionRule3',
	'DistributionRule4',
	'DistributionRule5',
	'DrawingMethod',
	'FreightType',
	'Stock',
	'LastPurchasePrice',
	'Project',
	'DataVersion',
];

const ITEM_PROPS = [
	'ItemCode',
	'ItemName',
	'ItemType',
	'InventoryItem',
	'SalesItem',
	'PurchaseItem',
	'Valid',
	'Frozen',
	'ItemPrices',
	'ForeignName',
	'BarCode',
	'ItemsGroupCode',
	'DefaultWarehouse',
	'SalesVATGroup',
	'ItemWarehouseInfoCollection',
	'QuantityOnStock',
	'QuantityOrderedFromVendors',
	'QuantityOrderedByCustomers',
	'CreateDate',
	'UpdateDate',
	'UpdateTime',
];

const INVENTORY_DOCUMENT_PROPS = ['DocEntry', 'DocNum', 'DocDate', 'Comments', 'DocumentLines'];

const def = (
	name: EntitySetName,
	type: string,
	key: string,
	keyKind: 'number' | 'string',
	props: string[],
	dateProps: string[] = [],
): EntitySetDef => ({
	name,
	type,
	key,
	keyKind,
	props: new Set(props),
	dateProps: new Set(dateProps),
});

export function entitySets(userFields: readonly string[]): Record<EntitySetName, EntitySetDef> {
	const docProps = [...DOCUMENT_PROPS, ...userFields];
	const docDates = ['DocDate', 'DocDueDate', 'TaxDate', 'CreationDate', 'UpdateDate'];
	return {
		Orders: def('Orders', 'Document', 'DocEntry', 'number', docProps, docDates),
		DeliveryNotes: def('DeliveryNotes', 'Document', 'DocEntry', 'number', docProps, docDates),
		BusinessPartners: def('BusinessPartners', 'BusinessPartner', 'CardCode', 'string', BP_PROPS),
		Items: def('Items', 'Item', 'ItemCode', 'string', ITEM_PROPS, ['CreateDate', 'UpdateDate']),
		PriceLists: def('PriceLists', 'PriceList', 'PriceListNo', 'number', [
			'PriceListNo',
			'PriceListName',
			'BasePriceList',
			'Factor',
			'IsGrossPrice',
			'Active',
			'RoundingMethod',
			'GroupNum',
		]),
		ItemGroups: def('ItemGroups', 'ItemGroups', 'Number', 'number', ['Number', 'GroupName']),
		InventoryGenEntries: def(
			'InventoryGenEntries',
			'Document',
			'DocEntry',
			'number',
			INVENTORY_DOCUMENT_PROPS,
			['DocDate'],
		),
		InventoryGenExits: def(
			'InventoryGenExits',
			'Document',
			'DocEntry',
			'number',
			INVENTORY_DOCUMENT_PROPS,
			['DocDate'],
		),
		Warehouses: def('Warehouses', 'Warehouse', 'WarehouseCode', 'string', [
			'WarehouseCode',
			'WarehouseName',
			'Inactive',
			'Street',
			'City',
			'Country',
		]),
		ShippingTypes: def('ShippingTypes', 'ShippingType', 'Code', 'number', [
			'Code',
			'Name',
			'Website',
		]),
		SalesTaxCodes: def('SalesTaxCodes', 'SalesTaxCode', 'Code', 'string', [
			'Code',
			'Name',
			'Rate',
			'Inactive',
			'SalesTaxCodes_Lines',
		]),
		VatGroups: def('VatGroups', 'VatGroup', 'Code', 'string', [
			'Code',
			'Name',
			'Category',
			'Inactive',
			'VatGroups_Lines',
		]),
		// The entity's key is spelled `ExpensCode` (SAP's spelling, both versions); document lines
		// use `DocumentAdditionalExpenses[].ExpenseCode`. Source: SAP Cloud SDK class generated from
		// the SL v2 $metadata (`static _keys = ['ExpensCode']`) and the DI API reference
		// (`AdditionalExpenses.ExpensCode : Long [R]`); see test/contract/serviceLayer.fidelity.test.ts.
		AdditionalExpenses: def(
			'AdditionalExpenses',
			'AdditionalExpense',
			'ExpensCode',
			'number',
			ADDITIONAL_EXPENSE_PROPS,
		),
	};
}

/** Properties that hold a time of day (`Edm.Time` on v1, `Edm.TimeOfDay` on v2), rendered per version. */
export const TIME_PROPS = new Set(['UpdateTime', 'CreateTime']);

/** Properties that hold dates, at any depth, rendered per version. */
export const DATE_PROPS = new Set([
	'DocDate',
	'DocDueDate',
	'TaxDate',
	'CreationDate',
	'UpdateDate',
	'ShipDate',
	'Effectivefrom',
]);
