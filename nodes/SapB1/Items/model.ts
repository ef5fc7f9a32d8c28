/**
 * The normalised SAP B1 item both sources (Service Layer and SQL Server) return: its flags, its
 * stock in the chosen warehouses and its price in the chosen price list. Pure functions only.
 *
 * Stock per warehouse (OITW / ItemWarehouseInfoCollection): in stock (OnHand / InStock),
 * committed to sales orders (IsCommited / Committed), ordered from suppliers (OnOrder / Ordered);
 * available = in stock − committed, as SAP's "Available" column computes it (without ordered).
 */
import type { IDataObject } from 'n8n-workflow';
import { toSapDate } from '../Shipments/helpers/watermark';
import { updateTimeSeconds, updateTimeToText } from '../shared/updateTime';

export interface WarehouseStock {
	warehouseCode: string;
	inStock: number;
	committed: number;
	ordered: number;
	/** In stock − committed (may be negative in SAP when more is committed than in stock). */
	available: number;
}

/** Which figure becomes `quantity`, the value to send to the store. */
export type QuantityBasis = 'available' | 'inStock' | 'availablePlusOrdered';

export interface ItemStockOptions {
	/** Warehouse codes to sum (empty: all the item's warehouses). */
	warehouses: string[];
	quantityBasis: QuantityBasis;
	/** One output item per item (stock summed) or per item and warehouse. */
	perWarehouse: boolean;
}

export interface ItemPriceOptions {
	/** Price list number; undefined: no price is read. */
	priceList?: number;
	/** A price of 0 in the list means "not maintained" (price: null), as SAP keeps 0 for every list. */
	zeroIsNoPrice: boolean;
}

/** What both sources read of one item before it is normalised. */
export interface RawItem {
	itemCode: string;
	itemName: string | null;
	inventoryItem: boolean;
	salesItem: boolean;
	valid: boolean;
	frozen: boolean;
	groupCode: number | null;
	updateDate: string | null;
	/** Seconds since midnight (UpdateTS / UpdateTime); null when SAP gives none. */
	updateSeconds: number | null;
	warehouses: Array<{ warehouseCode: string; inStock: number; committed: number; ordered: number }>;
	/** The price in the chosen list, if the item has a row for it. */
	price: { price: number; currency: string | null } | null;
}

export interface NormalisedItem extends IDataObject {
	itemCode: string;
	/** The Magento SKU: the item code (map it in the workflow when the shop uses other SKUs). */
	sku: string;
	itemName: string | null;
	active: boolean;
	salesItem: boolean;
	inventoryItem: boolean;
	groupCode: number | null;
	/** Set when the item is output per warehouse. */
	warehouseCode?: string;
	warehouses: WarehouseStock[];
	inStock: number | null;
	committed: number | null;
	ordered: number | null;
	available: number | null;
	/** The figure to send (per Quantity), never below 0; null for items SAP keeps no stock for. */
	quantity: number | null;
	priceList: number | null;
	price: number | null;
	currency: string | null;
	updatedAt: { date: string | null; time: string | null };
	/** Changed-after cursor of the item master data (UpdateDate, UpdateTS); stock moves do not change it. */
	watermark: { date: string; time: string } | null;
}

const num = (value: unknown): number => {
	const n = typeof value === 'string' ? Number(value.trim()) : Number(value ?? 0);
	return Number.isFinite(n) ? n : 0;
};

/** Rounds away floating-point noise (SAP keeps 6 decimals). */
export const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

const yes = (value: unknown): boolean => value === 'tYES' || value === 'Y' || value === true;

/** SAP's tYES/tNO (Service Layer) or Y/N (SQL) as a boolean. */
export const sapFlag = yes;

export function warehouseStock(row: {
	warehouseCode: string;
	inStock: unknown;
	committed: unknown;
	ordered: unknown;
}): WarehouseStock {
	const inStock = round6(num(row.inStock));
	const committed = round6(num(row.committed));
	const ordered = round6(num(row.ordered));
	return {
		warehouseCode: row.warehouseCode,
		inStock,
		committed,
		ordered,
		available: round6(inStock - committed),
	};
}

function quantityOf(stock: Omit<WarehouseStock, 'warehouseCode'>, basis: QuantityBasis): number {
	const value =
		basis === 'inStock'
			? stock.inStock
			: basis === 'availablePlusOrdered'
				? stock.available + stock.ordered
				: stock.available;
	return Math.max(0, round6(value));
}

function timeText(seconds: number | null): string | null {
	if (seconds === null || Number.isNaN(seconds)) return null;
	return updateTimeToText(
		Math.floor(seconds / 3600) * 10000 + (Math.floor(seconds / 60) % 60) * 100 + (seconds % 60),
	);
}

/** Seconds since midnight of an UpdateTS / UpdateTime in any form SAP sends (null when absent). */
export function updateSecondsOf(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const seconds = updateTimeSeconds(value);
	return Number.isNaN(seconds) ? null : seconds;
}

/** The output item(s) of one SAP item: one, or one per chosen warehouse. */
export function normaliseItem(
	raw: RawItem,
	stock: ItemStockOptions,
	price: ItemPriceOptions,
): NormalisedItem[] {
	const wanted = new Set(stock.warehouses.map((w) => w.toLowerCase()));
	const rows = raw.warehouses
		.filter((w) => wanted.size === 0 || wanted.has(w.warehouseCode.toLowerCase()))
		.map(warehouseStock)
		.sort((a, b) =>
			a.warehouseCode < b.warehouseCode ? -1 : a.warehouseCode > b.warehouseCode ? 1 : 0,
		);
	const date = toSapDate(raw.updateDate);
	const time = timeText(raw.updateSeconds);
	const listed = raw.price;
	const priceValue =
		listed === null || (price.zeroIsNoPrice && listed.price === 0) ? null : round6(listed.price);
	const base = {
		itemCode: raw.itemCode,
		sku: raw.itemCode,
		itemName: raw.itemName,
		active: raw.valid && !raw.frozen,
		salesItem: raw.salesItem,
		inventoryItem: raw.inventoryItem,
		groupCode: raw.groupCode,
		priceList: price.priceList ?? null,
		price: price.priceList === undefined ? null : priceValue,
		currency:
			price.priceList === undefined || priceValue === null ? null : (listed?.currency ?? null),
		updatedAt: { date, time },
		watermark: date ? { date, time: time ?? '00:00:00' } : null,
	};
	const sum = (list: WarehouseStock[]) => {
		const total = { inStock: 0, committed: 0, ordered: 0, available: 0 };
		for (const w of list) {
			total.inStock += w.inStock;
			total.committed += w.committed;
			total.ordered += w.ordered;
			total.available += w.available;
		}
		return {
			inStock: round6(total.inStock),
			committed: round6(total.committed),
			ordered: round6(total.ordered),
			available: round6(total.available),
		};
	};
	// Non-inventory items (services, warranties): SAP keeps no stock, there is nothing to send.
	if (!raw.inventoryItem)
		return [
			{
				...base,
				warehouses: [],
				inStock: null,
				committed: null,
				ordered: null,
				available: null,
				quantity: null,
			},
		];
	if (!stock.perWarehouse) {
		const total = sum(rows);
		return [
			{ ...base, warehouses: rows, ...total, quantity: quantityOf(total, stock.quantityBasis) },
		];
	}
	// Per warehouse: every chosen warehouse, also those the item has no row for (stock 0).
	const codes = stock.warehouses.length ? stock.warehouses : rows.map((r) => r.warehouseCode);
	return codes.map((code) => {
		const row =
			rows.find((r) => r.warehouseCode.toLowerCase() === code.toLowerCase()) ??
			warehouseStock({ warehouseCode: code, inStock: 0, committed: 0, ordered: 0 });
		const { warehouseCode, ...figures } = row;
		return {
			...base,
			warehouseCode,
			warehouses: [row],
			...figures,
			quantity: quantityOf(figures, stock.quantityBasis),
		};
	});
}

export interface ItemFilters {
	onlyActive: boolean;
	onlySalesItems: boolean;
	onlyInventoryItems: boolean;
	/** Item group numbers (empty: all groups). */
	groups: number[];
}

/** The filters the sources apply in their queries, checked again on what came back. */
export function passesItemFilters(raw: RawItem, f: ItemFilters): boolean {
	if (f.onlyActive && (!raw.valid || raw.frozen)) return false;
	if (f.onlySalesItems && !raw.salesItem) return false;
	if (f.onlyInventoryItems && !raw.inventoryItem) return false;
	if (f.groups.length && (raw.groupCode === null || !f.groups.includes(raw.groupCode)))
		return false;
	return true;
}

/** Changed at or after the watermark's moment (the items' master data; stock moves do not count). */
export function changedSince(
	raw: RawItem,
	after: { date: string; seconds: number } | undefined,
): boolean {
	if (!after) return true;
	const date = toSapDate(raw.updateDate);
	if (!date) return false;
	if (date !== after.date) return date > after.date;
	return (raw.updateSeconds ?? 0) >= after.seconds;
}
