/**
 * The SAP Business One tables the test server holds, with SQL Server column types and SAP's
 * column names, and the mapping from Service Layer JSON (the shared seed, or the Service Layer
 * emulator's live state) to table rows.
 *
 * Postgres tables are created with unquoted (lower-case) names, so unquoted T-SQL references in
 * any case (`T0.DocEntry`, `docentry`) resolve as on a case-insensitive SQL Server; `catalogue`
 * keeps the original spelling so result metadata carries SAP's names (`DocEntry`, `CANCELED`).
 */
import type { SapDocument, SapDocumentLine, SapSeed } from '../seed/sap';
import {
	DOCUMENT_LINE_TEXT_LENGTHS as LINE,
	DOCUMENT_TEXT_LENGTHS as DOC,
	ITEM_TEXT_LENGTHS as ITEM,
	PARTNER_TEXT_LENGTHS as BP,
	nvarchar,
} from '../seed/sapLengths';

export type { SapSeed };

/** A column: SAP name and SQL Server type as declared in the SAP database. */
export type ColumnSpec = readonly [name: string, sqlType: string];

export interface TableSpec {
	name: string;
	columns: ColumnSpec[];
	primaryKey: string[];
}

const header: ColumnSpec[] = [
	['DocEntry', 'int'],
	['DocNum', 'int'],
	['ObjType', `nvarchar(20)`],
	['DocType', 'char(1)'],
	['CardCode', nvarchar(DOC, 'CardCode')],
	['CardName', nvarchar(DOC, 'CardName')],
	['NumAtCard', nvarchar(DOC, 'NumAtCard')],
	['DocDate', 'datetime'],
	['DocDueDate', 'datetime'],
	['TaxDate', 'datetime'],
	['CreateDate', 'datetime'],
	['UpdateDate', 'datetime'],
	['UpdateTS', 'int'],
	['TrackNo', nvarchar(DOC, 'TrackingNumber')],
	['TrnspCode', 'int'],
	['DocStatus', 'char(1)'],
	['CANCELED', 'char(1)'],
	['DocCur', 'nvarchar(3)'],
	['DocRate', 'numeric(19,6)'],
	['DocTotal', 'numeric(19,6)'],
	['VatSum', 'numeric(19,6)'],
	['Comments', nvarchar(DOC, 'Comments')],
	['U_WebOrderNo', nvarchar(DOC, 'U_WebOrderNo')],
];

const lines: ColumnSpec[] = [
	['DocEntry', 'int'],
	['LineNum', 'int'],
	['ObjType', 'nvarchar(20)'],
	['ItemCode', nvarchar(LINE, 'ItemCode')],
	['Dscription', nvarchar(LINE, 'ItemDescription')],
	['Quantity', 'numeric(19,6)'],
	['OpenQty', 'numeric(19,6)'],
	['LineStatus', 'char(1)'],
	['BaseType', 'int'],
	['BaseEntry', 'int'],
	['BaseLine', 'int'],
	['WhsCode', nvarchar(LINE, 'WarehouseCode')],
	['Price', 'numeric(19,6)'],
	['PriceBefDi', 'numeric(19,6)'],
	['LineTotal', 'numeric(19,6)'],
	['TaxCode', nvarchar(LINE, 'TaxCode')],
];

export const TABLES: TableSpec[] = [
	{ name: 'ORDR', columns: header, primaryKey: ['DocEntry'] },
	{ name: 'RDR1', columns: lines, primaryKey: ['DocEntry', 'LineNum'] },
	{ name: 'ODLN', columns: header, primaryKey: ['DocEntry'] },
	{ name: 'DLN1', columns: lines, primaryKey: ['DocEntry', 'LineNum'] },
	{
		name: 'OSHP',
		columns: [
			['TrnspCode', 'int'],
			['TrnspName', 'nvarchar(40)'],
			['WebSite', 'nvarchar(100)'],
		],
		primaryKey: ['TrnspCode'],
	},
	{
		name: 'OCRD',
		columns: [
			['CardCode', nvarchar(BP, 'CardCode')],
			['CardName', nvarchar(BP, 'CardName')],
			['CardType', 'char(1)'],
			['E_Mail', nvarchar(BP, 'EmailAddress')],
			['Phone1', nvarchar(BP, 'Phone1')],
			['Currency', 'nvarchar(3)'],
			['validFor', 'char(1)'],
			['frozenFor', 'char(1)'],
		],
		primaryKey: ['CardCode'],
	},
	{
		name: 'OITM',
		columns: [
			['ItemCode', nvarchar(ITEM, 'ItemCode')],
			['ItemName', nvarchar(ITEM, 'ItemName')],
			['InvntItem', 'char(1)'],
			['SellItem', 'char(1)'],
			['validFor', 'char(1)'],
			['frozenFor', 'char(1)'],
			['ItmsGrpCod', 'smallint'],
			['OnHand', 'numeric(19,6)'],
			['IsCommited', 'numeric(19,6)'],
			['OnOrder', 'numeric(19,6)'],
			['CreateDate', 'datetime'],
			['UpdateDate', 'datetime'],
			['UpdateTS', 'int'],
		],
		primaryKey: ['ItemCode'],
	},
	{
		// Stock per item and warehouse (SAP B1 10.0 REFDB: OnHand "In Stock", IsCommited, OnOrder).
		name: 'OITW',
		columns: [
			['ItemCode', 'nvarchar(50)'],
			['WhsCode', 'nvarchar(8)'],
			['OnHand', 'numeric(19,6)'],
			['IsCommited', 'numeric(19,6)'],
			['OnOrder', 'numeric(19,6)'],
		],
		primaryKey: ['ItemCode', 'WhsCode'],
	},
	{
		// Item prices per price list.
		name: 'ITM1',
		columns: [
			['ItemCode', 'nvarchar(50)'],
			['PriceList', 'smallint'],
			['Price', 'numeric(19,6)'],
			['Currency', 'nvarchar(3)'],
		],
		primaryKey: ['ItemCode', 'PriceList'],
	},
	{
		name: 'OPLN',
		columns: [
			['ListNum', 'smallint'],
			['ListName', 'nvarchar(32)'],
			['BASE_NUM', 'smallint'],
			['Factor', 'numeric(19,6)'],
		],
		primaryKey: ['ListNum'],
	},
	{
		name: 'OITB',
		columns: [
			['ItmsGrpCod', 'smallint'],
			['ItmsGrpNam', 'nvarchar(20)'],
		],
		primaryKey: ['ItmsGrpCod'],
	},
	{
		name: 'OWHS',
		columns: [
			['WhsCode', 'nvarchar(8)'],
			['WhsName', 'nvarchar(100)'],
			['Inactive', 'char(1)'],
		],
		primaryKey: ['WhsCode'],
	},
];

/** Postgres type for a SQL Server column type. */
export function pgTypeOf(sqlType: string): string {
	const t = sqlType.toLowerCase();
	if (t === 'datetime') return 'timestamp(3)';
	if (t.startsWith('nvarchar') || t.startsWith('varchar'))
		return t.replace(/^n?varchar/, 'varchar');
	return t; // int, smallint, bigint, char(n), numeric(p,s), date
}

/** Canonical spelling and SQL Server type of every known column and table, keyed by lower-case name. */
export interface CatalogueEntry {
	name: string;
	sqlType?: string;
}
export const catalogue = new Map<string, CatalogueEntry>();
for (const t of TABLES) {
	catalogue.set(t.name.toLowerCase(), { name: t.name });
	for (const [name, sqlType] of t.columns) catalogue.set(name.toLowerCase(), { name, sqlType });
}

/** DDL creating the schema `dbo` (on the search path) and all tables. */
export function schemaDdl(): string {
	const out = ['CREATE SCHEMA IF NOT EXISTS dbo;', 'SET search_path TO dbo, public;'];
	for (const t of TABLES) {
		const cols = t.columns.map(([n, ty]) => `${n} ${pgTypeOf(ty)}`).join(', ');
		out.push(
			`CREATE TABLE IF NOT EXISTS dbo.${t.name} (${cols}, PRIMARY KEY (${t.primaryKey.join(', ')}));`,
		);
	}
	return out.join('\n');
}

type Row = Record<string, string | number | null | undefined>;

const yn = (v: unknown): string | null => (v === 'tYES' ? 'Y' : v === 'tNO' ? 'N' : null);
const status = (v: unknown): string => (v === 'bost_Close' ? 'C' : 'O');
/** `YYYY-MM-DD` (or a full ISO date) → SAP date column value (time 00:00). */
const sapDate = (v: unknown): string | null =>
	typeof v === 'string' && v.length >= 10 ? `${v.slice(0, 10)} 00:00:00` : null;
/** `HH:MM:SS` → `HHMMSS` as SAP stores UpdateTS. */
export const updateTs = (v: unknown): number | null => {
	if (typeof v !== 'string') return null;
	const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(v);
	return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3] ?? 0) : null;
};
function canceled(doc: SapDocument): string {
	if (doc.CancelStatus === 'csCancellation') return 'C';
	if (doc.CancelStatus === 'csYes' || doc.Cancelled === 'tYES') return 'Y';
	return 'N';
}

export function documentRow(doc: SapDocument, objType: '17' | '15'): Row {
	const row: Row = {
		DocEntry: doc.DocEntry,
		DocNum: doc.DocNum,
		ObjType: objType,
		DocType: 'I',
		CardCode: doc.CardCode,
		CardName: doc.CardName,
		NumAtCard: doc.NumAtCard,
		DocDate: sapDate(doc.DocDate),
		DocDueDate: sapDate(doc.DocDueDate),
		TaxDate: sapDate(doc.TaxDate ?? doc.DocDate),
		CreateDate: sapDate(doc.CreationDate ?? doc.DocDate),
		UpdateDate: sapDate(doc.UpdateDate ?? doc.CreationDate ?? doc.DocDate),
		UpdateTS: updateTs(doc.UpdateTime),
		TrackNo: doc.TrackingNumber,
		TrnspCode: doc.TransportationCode,
		DocStatus: status(doc.DocumentStatus),
		CANCELED: canceled(doc),
		DocCur: doc.DocCurrency,
		DocRate: doc.DocRate,
		DocTotal: doc.DocTotal,
		VatSum: doc.VatSum,
		Comments: doc.Comments,
	};
	for (const [k, v] of Object.entries(doc)) if (k.startsWith('U_')) row[k] = v as string | null;
	return row;
}

export function lineRow(docEntry: number, line: SapDocumentLine, objType: '17' | '15'): Row {
	return {
		DocEntry: docEntry,
		LineNum: line.LineNum,
		ObjType: objType,
		ItemCode: line.ItemCode,
		Dscription: line.ItemDescription,
		Quantity: line.Quantity,
		OpenQty: line.RemainingOpenQuantity ?? (line.LineStatus === 'bost_Close' ? 0 : line.Quantity),
		LineStatus: status(line.LineStatus),
		BaseType: line.BaseType ?? -1,
		BaseEntry: line.BaseEntry,
		BaseLine: line.BaseLine,
		WhsCode: line.WarehouseCode,
		Price: line.Price,
		PriceBefDi: line.UnitPrice ?? line.Price,
		LineTotal: line.LineTotal,
		TaxCode: line.TaxCode,
	};
}

/** All table rows for a seed, by table name. User fields (`U_*`) found on documents are included. */
export function seedRows(seed: Partial<SapSeed>): Record<string, Row[]> {
	const docs = (list: SapDocument[] | undefined) => list ?? [];
	return {
		ORDR: docs(seed.Orders).map((d) => documentRow(d, '17')),
		RDR1: docs(seed.Orders).flatMap((d) =>
			(d.DocumentLines ?? []).map((l) => lineRow(d.DocEntry, l, '17')),
		),
		ODLN: docs(seed.DeliveryNotes).map((d) => documentRow(d, '15')),
		DLN1: docs(seed.DeliveryNotes).flatMap((d) =>
			(d.DocumentLines ?? []).map((l) => lineRow(d.DocEntry, l, '15')),
		),
		OSHP: (seed.ShippingTypes ?? []).map((s) => ({
			TrnspCode: s.Code,
			TrnspName: s.Name,
			WebSite: s.Website ?? null,
		})),
		OCRD: (seed.BusinessPartners ?? []).map((b) => ({
			CardCode: b.CardCode,
			CardName: b.CardName,
			CardType: b.CardType === 'cSupplier' ? 'S' : b.CardType === 'cLid' ? 'L' : 'C',
			E_Mail: b.EmailAddress,
			Phone1: b.Phone1,
			Currency: b.Currency,
			validFor: yn(b.Valid) ?? 'Y',
			frozenFor: yn(b.Frozen) ?? 'N',
		})),
		OITM: (seed.Items ?? []).map((i) => {
			const stock = i.ItemWarehouseInfoCollection ?? [];
			const total = (k: 'InStock' | 'Committed' | 'Ordered') =>
				stock.reduce((sum, w) => sum + Number(w[k] ?? 0), 0);
			return {
				ItemCode: i.ItemCode,
				ItemName: i.ItemName,
				InvntItem: yn(i.InventoryItem) ?? 'Y',
				SellItem: yn(i.SalesItem) ?? 'Y',
				validFor: yn(i.Valid) ?? 'Y',
				frozenFor: yn(i.Frozen) ?? 'N',
				ItmsGrpCod: i.ItemsGroupCode ?? 100,
				OnHand: total('InStock'),
				IsCommited: total('Committed'),
				OnOrder: total('Ordered'),
				CreateDate: sapDate(i.CreateDate ?? i.UpdateDate),
				UpdateDate: sapDate(i.UpdateDate),
				UpdateTS: updateTs(i.UpdateTime),
			};
		}),
		OITW: (seed.Items ?? []).flatMap((i) =>
			(i.ItemWarehouseInfoCollection ?? []).map((w) => ({
				ItemCode: i.ItemCode,
				WhsCode: w.WarehouseCode,
				OnHand: w.InStock,
				IsCommited: w.Committed,
				OnOrder: w.Ordered,
			})),
		),
		ITM1: (seed.Items ?? []).flatMap((i) =>
			(i.ItemPrices ?? []).map((p) => ({
				ItemCode: i.ItemCode,
				PriceList: p.PriceList,
				Price: p.Price,
				Currency: p.Currency,
			})),
		),
		OPLN: (seed.PriceLists ?? []).map((p) => ({
			ListNum: p.PriceListNo,
			ListName: p.PriceListName,
			BASE_NUM: p.BasePriceList,
			Factor: p.Factor,
		})),
		OITB: (seed.ItemGroups ?? []).map((g) => ({
			ItmsGrpCod: g.Number,
			ItmsGrpNam: g.GroupName,
		})),
		OWHS: (seed.Warehouses ?? []).map((w) => ({
			WhsCode: w.WarehouseCode,
			WhsName: w.WarehouseName,
			Inactive: yn(w.Inactive) ?? 'N',
		})),
	};
}

const literal = (v: string | number | null | undefined): string =>
	v === null || v === undefined
		? 'NULL'
		: typeof v === 'number'
			? String(v)
			: `'${String(v).replace(/'/g, "''")}'`;

/**
 * One script that empties every table and inserts the seed, in a transaction. User fields not in
 * the schema are added as nvarchar(254) columns first (and to the catalogue).
 */
export function seedScript(seed: Partial<SapSeed>): string {
	const rows = seedRows(seed);
	const out = ['BEGIN;'];
	for (const t of TABLES) {
		const known = new Set(t.columns.map(([n]) => n));
		for (const r of rows[t.name]) {
			for (const k of Object.keys(r)) {
				if (!known.has(k) && k.startsWith('U_')) {
					known.add(k);
					out.push(`ALTER TABLE dbo.${t.name} ADD COLUMN IF NOT EXISTS ${k} varchar(254);`);
					if (!catalogue.has(k.toLowerCase()))
						catalogue.set(k.toLowerCase(), { name: k, sqlType: 'nvarchar(254)' });
				}
			}
		}
		out.push(`DELETE FROM dbo.${t.name};`);
		for (const r of rows[t.name]) {
			const cols = Object.keys(r);
			out.push(
				`INSERT INTO dbo.${t.name} (${cols.join(', ')}) VALUES (${cols.map((c) => literal(r[c])).join(', ')});`,
			);
		}
	}
	out.push('COMMIT;');
	return out.join('\n');
}
