/**
 * Items and warehouse stock as the Service Layer changes them:
 *
 * - `PATCH /Items('X')`: master data and prices. `ItemPrices` rows are merged by `PriceList` (a
 *   PATCH merges collections, as for documents). The item's UpdateDate / UpdateTime move.
 * - `POST /InventoryGenEntries` (goods receipt, OIGN) and `POST /InventoryGenExits` (goods issue,
 *   OIGE): `DocumentLines[{ItemCode, Quantity, WarehouseCode}]` add to / take from the warehouse's
 *   InStock. The item's UpdateDate does NOT move: SAP updates OITW, not the item master record
 *   (field report quoted in /work/notes/research.md A6: goods receipts, inventory adjustments,
 *   transfers, issues, deliveries and returns leave `UpdateDate` on the item as it was).
 * - A goods issue below zero is refused with SAP's "negative inventory" error, naming the line.
 *
 * Sales orders and deliveries created through the emulator do not move Committed / InStock (they
 * do in SAP); tests that need it set the warehouse figures themselves.
 */
import type { SapInventoryDocument, SapItem, SapItemWarehouseInfo, SapSeed } from '../seed/sap';
import type { EntitySetDef } from './entities';
import { errors } from './errors';
import { checkArray, checkProps, localDate, localTime, type Body } from './validate';

export type InventorySet = 'InventoryGenEntries' | 'InventoryGenExits';

const ITEM_PRICE_PROPS = new Set([
	'PriceList',
	'Price',
	'Currency',
	'AdditionalPrice1',
	'AdditionalCurrency1',
	'AdditionalPrice2',
	'AdditionalCurrency2',
	'BasePriceList',
	'Factor',
]);
const INVENTORY_LINE_PROPS = new Set([
	'LineNum',
	'ItemCode',
	'ItemDescription',
	'Quantity',
	'WarehouseCode',
	'Price',
	'AccountCode',
]);
const ITEM_READ_ONLY = new Set(['ItemWarehouseInfoCollection', 'UpdateDate', 'UpdateTime']);

function stamp(item: SapItem, now: Date): void {
	item.UpdateDate = localDate(now);
	item.UpdateTime = localTime(now);
}

/** `PATCH /Items('X')`: read-only properties are ignored; ItemPrices merge by PriceList. */
export function patchItem(
	state: SapSeed,
	def: EntitySetDef,
	item: SapItem,
	body: Body,
	now: Date,
): void {
	checkProps(body, def.props, 'Item');
	if (body.ItemCode !== undefined && body.ItemCode !== item.ItemCode)
		throw errors.validation('Field cannot be updated (ODBC -1029) [Item.ItemCode]');
	const { ItemPrices, ...rest } = body;
	for (const key of Object.keys(rest)) if (ITEM_READ_ONLY.has(key)) delete rest[key];
	if (ItemPrices !== undefined) {
		const rows = checkArray(ItemPrices, 'ItemPrices');
		for (const row of rows) {
			checkProps(row, ITEM_PRICE_PROPS, 'ItemPrice');
			const list = Number(row.PriceList);
			if (!(state.PriceLists ?? []).some((p) => p.PriceListNo === list))
				throw errors.business(
					`Price list ${String(row.PriceList)} does not exist [ITM1.PriceList]`,
				);
			if (row.Price !== undefined && (typeof row.Price !== 'number' || row.Price < 0))
				throw errors.validation(`Invalid price ${String(row.Price)} [ITM1.Price]`);
			const existing = item.ItemPrices.find((p) => p.PriceList === list);
			if (existing) Object.assign(existing, row, { PriceList: list });
			else
				item.ItemPrices.push({
					Currency: 'USD',
					Price: 0,
					...(row as object),
					PriceList: list,
				} as SapItem['ItemPrices'][number]);
		}
	}
	Object.assign(item, rest);
	stamp(item, now);
}

/** Goods receipt (+) or goods issue (−): moves OITW.OnHand (InStock), not the item's UpdateDate. */
export function createInventoryDocument(
	state: SapSeed,
	set: InventorySet,
	body: Body,
	now: Date,
): SapInventoryDocument {
	checkProps(
		body,
		new Set(['DocDate', 'Comments', 'Reference2', 'JournalMemo', 'DocumentLines']),
		'Document',
	);
	const lines = checkArray(body.DocumentLines ?? [], 'DocumentLines');
	if (lines.length === 0)
		throw errors.validation('Document has no lines; add at least one line [DocumentLines]');
	const sign = set === 'InventoryGenEntries' ? 1 : -1;
	const table = set === 'InventoryGenEntries' ? 'IGN1' : 'IGE1';
	const changes: Array<{ row: SapItemWarehouseInfo; quantity: number }> = [];
	const normalised = lines.map((line, n) => {
		checkProps(line, INVENTORY_LINE_PROPS, 'DocumentLine');
		const where = `[${table}.ItemCode][line: ${n}]`;
		const code = String(line.ItemCode ?? '');
		const item = state.Items.find((i) => i.ItemCode.toLowerCase() === code.toLowerCase());
		if (!item) throw errors.business(`Invalid item number '${code}' ${where}`);
		if (item.InventoryItem !== 'tYES')
			throw errors.business(`Item '${item.ItemCode}' is not an inventory item ${where}`);
		const quantity = Number(line.Quantity);
		if (!Number.isFinite(quantity) || quantity <= 0)
			throw errors.validation(`Quantity must be greater than zero [${table}.Quantity][line: ${n}]`);
		const warehouse = String(line.WarehouseCode ?? '');
		if (!state.Warehouses.some((w) => w.WarehouseCode === warehouse))
			throw errors.business(`Invalid warehouse code '${warehouse}' [${table}.WhsCode][line: ${n}]`);
		const stock = (item.ItemWarehouseInfoCollection ??= []);
		let row = stock.find((w) => w.WarehouseCode === warehouse);
		if (!row) {
			row = { WarehouseCode: warehouse, InStock: 0, Committed: 0, Ordered: 0 };
			stock.push(row);
		}
		const pending = changes.filter((c) => c.row === row).reduce((sum, c) => sum + c.quantity, 0);
		if (sign < 0 && row.InStock + pending - quantity < 0)
			throw errors.business(`Quantity falls into negative inventory ${where}`);
		changes.push({ row, quantity: sign * quantity });
		return { LineNum: n, ItemCode: item.ItemCode, Quantity: quantity, WarehouseCode: warehouse };
	});
	for (const { row, quantity } of changes) row.InStock = round6(row.InStock + quantity);
	const docs = (state[set] ??= []);
	const next = (key: 'DocEntry' | 'DocNum') => docs.reduce((m, d) => Math.max(m, d[key]), 0) + 1;
	const doc: SapInventoryDocument = {
		DocEntry: next('DocEntry'),
		DocNum: next('DocNum'),
		DocDate: typeof body.DocDate === 'string' ? body.DocDate.slice(0, 10) : localDate(now),
		Comments: typeof body.Comments === 'string' ? body.Comments : null,
		DocumentLines: normalised,
	};
	docs.push(doc);
	return doc;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
