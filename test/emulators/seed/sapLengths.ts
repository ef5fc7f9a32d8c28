/**
 * The NVARCHAR lengths of the SAP B1 columns behind the Service Layer properties the emulators
 * know, in one place for both emulators (the Service Layer's body checks and the SQL Server
 * tables). SAP's NVARCHAR(n) holds n UTF-16 code units (SQL Server's definition), so lengths are
 * compared with `String.length`. The Service Layer `$metadata` has no MaxLength facets; lengths
 * come from SAP's database reference for 10.0 (erpref / REFDB per-table copies):
 * - document header (ORDR/ODLN): NumAtCard nvarchar(100), CardCode 15, CardName 100,
 *   Comments 254 (remarks columns, e.g. BsComments nvarchar(254)), JrnlMemo 50;
 * - document lines (RDR1/DLN1): Dscription nvarchar(200) (100 up to 9.3), FreeTxt 100;
 * - ship-to / bill-to (RDR12/DLN12): Street/Block/City/County/StreetNo 100, ZipCode 20, State 3,
 *   Country 3; Building is ntext (no length);
 * - OCRD: CardCode 15, CardName 100, E_Mail 100, Phone1 20; OITM ItemName 200.
 * - TrackNo: nvarchar(30). Not found in a published SAP source (research.md A5: L); it is the
 *   length SAP B1 installations show, and the stricter of the two the emulators used to disagree on.
 */
export interface SapTextColumn {
	/** Length in UTF-16 code units. */
	length: number;
	/** The database column, when it differs from the property (for the SQL Server tables). */
	column?: string;
}

/** Header and line properties of marketing documents (Orders, DeliveryNotes). */
export const DOCUMENT_TEXT_LENGTHS: Record<string, SapTextColumn> = {
	CardCode: { length: 15 },
	CardName: { length: 100 },
	NumAtCard: { length: 100 },
	Comments: { length: 254 },
	TrackingNumber: { length: 30, column: 'TrackNo' },
	JournalMemo: { length: 50, column: 'JrnlMemo' },
	U_WebOrderNo: { length: 50 },
};

export const DOCUMENT_LINE_TEXT_LENGTHS: Record<string, SapTextColumn> = {
	ItemCode: { length: 50 },
	ItemDescription: { length: 200, column: 'Dscription' },
	FreeText: { length: 100, column: 'FreeTxt' },
	WarehouseCode: { length: 8, column: 'WhsCode' },
	TaxCode: { length: 8 },
};

/** AddressExtension (the document's `*12` table, columns with an S / B suffix). */
export const ADDRESS_TEXT_LENGTHS: Record<string, SapTextColumn> = Object.fromEntries(
	(
		[
			['Street', 100],
			['Block', 100],
			['City', 100],
			['County', 100],
			['StreetNo', 100],
			['ZipCode', 20],
			['State', 3],
			['Country', 3],
		] as const
	).flatMap(([field, length]) => [
		[`ShipTo${field}`, { length, column: `${field}S` }],
		[`BillTo${field}`, { length, column: `${field}B` }],
	]),
);

export const PARTNER_TEXT_LENGTHS: Record<string, SapTextColumn> = {
	CardCode: { length: 15 },
	CardName: { length: 100 },
	EmailAddress: { length: 100, column: 'E_Mail' },
	Phone1: { length: 20 },
};

export const ITEM_TEXT_LENGTHS: Record<string, SapTextColumn> = {
	ItemCode: { length: 50 },
	ItemName: { length: 200 },
};

/** `nvarchar(n)` of a property, for the SQL Server table definitions. */
export const nvarchar = (table: Record<string, SapTextColumn>, property: string): string =>
	`nvarchar(${table[property].length})`;
