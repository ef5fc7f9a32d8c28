/**
 * The normalised delivery item both sources (SQL Server and Service Layer) return, and the pure
 * functions that build it from SQL rows and from Service Layer `DeliveryNotes` documents.
 */
import { timeToText, toSapDate, type Watermark } from './watermark';

export interface DeliveryLine {
	LineNum: number;
	itemCode: string | null;
	description: string | null;
	quantity: number;
	/** The base sales order's DocEntry (null when the line is not based on a sales order). */
	baseEntry: number | null;
	/** The base sales order's LineNum (null when the line is not based on a sales order). */
	baseLine: number | null;
	warehouseCode: string | null;
}

export interface BaseOrder {
	DocEntry: number;
	webOrderNumber: string | null;
}

/** 'N' live, 'Y' cancelled original, 'C' the cancellation document. */
export type CancelStatus = 'N' | 'Y' | 'C';

export interface NormalisedDelivery {
	DocEntry: number;
	DocNum: number;
	deliveryDate: string | null;
	updatedAt: { date: string; time: string };
	trackingNumber: string | null;
	carrierCode: number | null;
	carrierName: string | null;
	cardCode: string | null;
	baseOrders: BaseOrder[];
	/** Web order number of the first (usually only) base sales order. */
	webOrderNumber: string | null;
	/** True for a cancelled delivery and for a cancellation document. */
	cancelled: boolean;
	cancelStatus: CancelStatus;
	lines: DeliveryLine[];
	/** Commit this after processing the delivery. */
	watermark: Watermark;
}

/** One row of the SQL query: a delivery line with its header, base order and carrier. */
export interface DeliveryRow {
	doc_entry: number;
	doc_num: number;
	doc_date: Date | string | null;
	update_date: Date | string;
	update_ts: number | string | null;
	track_no: string | null;
	trnsp_code: number | null;
	trnsp_name: string | null;
	card_code: string | null;
	canceled: string | null;
	line_num: number;
	item_code: string | null;
	description: string | null;
	quantity: number | string | null;
	base_type: number | string | null;
	base_entry: number | null;
	base_line: number | null;
	whs_code: string | null;
	order_entry: number | null;
	web_order_number: string | null;
}

const SALES_ORDER = 17;

function text(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	const t = String(value).trim();
	return t === '' ? null : t;
}

function int(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
}

function carrier(code: unknown): number | null {
	const n = int(code);
	return n === null || n < 0 ? null : n;
}

function cancelStatusOf(value: unknown): CancelStatus {
	const v = String(value ?? '').trim();
	if (v === 'Y' || v === 'csYes' || v === 'tYES') return 'Y';
	if (v === 'C' || v === 'csCancellation') return 'C';
	return 'N';
}

function finish(
	head: Omit<NormalisedDelivery, 'webOrderNumber' | 'cancelled' | 'watermark' | 'updatedAt'> & { updatedAt: { date: string; time: unknown } },
): NormalisedDelivery {
	const time = timeToText(head.updatedAt.time);
	const updatedAt = { date: head.updatedAt.date, time };
	return {
		DocEntry: head.DocEntry,
		DocNum: head.DocNum,
		deliveryDate: head.deliveryDate,
		updatedAt,
		trackingNumber: head.trackingNumber,
		carrierCode: head.carrierCode,
		carrierName: head.carrierName,
		cardCode: head.cardCode,
		baseOrders: head.baseOrders,
		webOrderNumber: head.baseOrders[0]?.webOrderNumber ?? null,
		cancelled: head.cancelStatus !== 'N',
		cancelStatus: head.cancelStatus,
		lines: head.lines,
		watermark: { date: updatedAt.date, time, docEntry: head.DocEntry },
	};
}

/**
 * Groups SQL rows (one per delivery line, ordered by delivery then LineNum) into deliveries,
 * keeping the order of the rows.
 */
export function deliveriesFromRows(rows: readonly DeliveryRow[]): NormalisedDelivery[] {
	const groups = new Map<number, DeliveryRow[]>();
	for (const row of rows) {
		const key = Number(row.doc_entry);
		const group = groups.get(key);
		if (group) group.push(row);
		else groups.set(key, [row]);
	}
	return [...groups.values()].map((group) => {
		const head = group[0];
		const baseOrders: BaseOrder[] = [];
		const lines = [...group]
			.sort((a, b) => Number(a.line_num) - Number(b.line_num))
			.map((row): DeliveryLine => {
				const fromOrder = Number(row.base_type) === SALES_ORDER && row.order_entry !== null && row.order_entry !== undefined;
				if (fromOrder && !baseOrders.some((o) => o.DocEntry === Number(row.order_entry)))
					baseOrders.push({ DocEntry: Number(row.order_entry), webOrderNumber: text(row.web_order_number) });
				return {
					LineNum: Number(row.line_num),
					itemCode: text(row.item_code),
					description: text(row.description),
					quantity: Number(row.quantity ?? 0),
					baseEntry: fromOrder ? int(row.base_entry) : null,
					baseLine: fromOrder ? int(row.base_line) : null,
					warehouseCode: text(row.whs_code),
				};
			});
		return finish({
			DocEntry: Number(head.doc_entry),
			DocNum: Number(head.doc_num),
			deliveryDate: toSapDate(head.doc_date),
			updatedAt: { date: toSapDate(head.update_date) ?? '', time: head.update_ts },
			trackingNumber: text(head.track_no),
			carrierCode: carrier(head.trnsp_code),
			carrierName: text(head.trnsp_name),
			cardCode: text(head.card_code),
			baseOrders,
			cancelStatus: cancelStatusOf(head.canceled),
			lines,
		});
	});
}

/** The DeliveryNotes fields the Service Layer source selects. */
export const SERVICE_LAYER_DELIVERY_FIELDS = [
	'DocEntry',
	'DocNum',
	'DocDate',
	'UpdateDate',
	'UpdateTime',
	'TrackingNumber',
	'TransportationCode',
	'CardCode',
	'Cancelled',
	'CancelStatus',
	'DocumentLines',
] as const;

export interface ServiceLayerDeliveryLine {
	LineNum: number;
	ItemCode?: string | null;
	ItemDescription?: string | null;
	Quantity?: number | null;
	BaseType?: number | null;
	BaseEntry?: number | null;
	BaseLine?: number | null;
	WarehouseCode?: string | null;
}

export interface ServiceLayerDelivery {
	DocEntry: number;
	DocNum: number;
	DocDate?: string | null;
	UpdateDate: string;
	UpdateTime?: string | number | null;
	TrackingNumber?: string | null;
	TransportationCode?: number | null;
	CardCode?: string | null;
	Cancelled?: string | null;
	CancelStatus?: string | null;
	DocumentLines?: ServiceLayerDeliveryLine[];
}

export interface ServiceLayerLookups {
	/** Base sales order DocEntry → its web order number (null when it has none). */
	webOrderNumbers: ReadonlyMap<number, string | null>;
	/** ShippingTypes Code → Name. */
	carriers: ReadonlyMap<number, string>;
}

/** The DocEntries of the sales orders a Service Layer delivery is based on, in line order. */
export function baseOrderEntries(doc: ServiceLayerDelivery): number[] {
	const entries: number[] = [];
	for (const line of doc.DocumentLines ?? []) {
		if (Number(line.BaseType) !== SALES_ORDER) continue;
		const entry = int(line.BaseEntry);
		if (entry !== null && !entries.includes(entry)) entries.push(entry);
	}
	return entries;
}

/** Normalises a Service Layer `DeliveryNotes` document. */
export function deliveryFromServiceLayer(doc: ServiceLayerDelivery, lookups: ServiceLayerLookups): NormalisedDelivery {
	const code = carrier(doc.TransportationCode);
	const lines = [...(doc.DocumentLines ?? [])]
		.sort((a, b) => Number(a.LineNum) - Number(b.LineNum))
		.map((line): DeliveryLine => {
			const fromOrder = Number(line.BaseType) === SALES_ORDER && int(line.BaseEntry) !== null;
			return {
				LineNum: Number(line.LineNum),
				itemCode: text(line.ItemCode),
				description: text(line.ItemDescription),
				quantity: Number(line.Quantity ?? 0),
				baseEntry: fromOrder ? int(line.BaseEntry) : null,
				baseLine: fromOrder ? int(line.BaseLine) : null,
				warehouseCode: text(line.WarehouseCode),
			};
		});
	return finish({
		DocEntry: Number(doc.DocEntry),
		DocNum: Number(doc.DocNum),
		deliveryDate: toSapDate(doc.DocDate),
		updatedAt: { date: toSapDate(doc.UpdateDate) ?? '', time: doc.UpdateTime },
		trackingNumber: text(doc.TrackingNumber),
		carrierCode: code,
		carrierName: code === null ? null : (lookups.carriers.get(code) ?? null),
		cardCode: text(doc.CardCode),
		baseOrders: baseOrderEntries(doc).map((entry) => ({ DocEntry: entry, webOrderNumber: lookups.webOrderNumbers.get(entry) ?? null })),
		cancelStatus: doc.CancelStatus ? cancelStatusOf(doc.CancelStatus) : cancelStatusOf(doc.Cancelled),
		lines,
	});
}

/** The Get Many filters, applied the same way to both sources' normalised items. */
export interface DeliveryFilters {
	onlyWithTracking: boolean;
	onlyWebOrders: boolean;
	excludeCancelled: boolean;
}

export function passesFilters(d: NormalisedDelivery, f: DeliveryFilters): boolean {
	if (f.onlyWithTracking && !d.trackingNumber) return false;
	if (f.excludeCancelled && d.cancelled) return false;
	if (f.onlyWebOrders && !d.baseOrders.some((o) => o.webOrderNumber)) return false;
	return true;
}
