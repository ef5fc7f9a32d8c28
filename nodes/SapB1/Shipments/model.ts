/**
 * The normalised delivery item both sources (SQL Server and Service Layer) return, the helpers
 * their adapters share, and the Get Many filters. Each source's own shape and its adapter live
 * beside the source (sources/sqlServer/rows.ts, sources/serviceLayer/document.ts).
 */
import { timeToText, type Watermark } from './helpers/watermark';

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

/** BaseType of a line based on a sales order (object 17). */
export const SALES_ORDER = 17;

export function text(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	const t = String(value).trim();
	return t === '' ? null : t;
}

export function int(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
}

export function carrier(code: unknown): number | null {
	const n = int(code);
	return n === null || n < 0 ? null : n;
}

export function cancelStatusOf(value: unknown): CancelStatus {
	const v = String(value ?? '').trim();
	if (v === 'Y' || v === 'csYes' || v === 'tYES') return 'Y';
	if (v === 'C' || v === 'csCancellation') return 'C';
	return 'N';
}

/** Completes a delivery from its head fields: web order number, cancelled flag, watermark. */
export function finish(
	head: Omit<NormalisedDelivery, 'webOrderNumber' | 'cancelled' | 'watermark' | 'updatedAt'> & {
		updatedAt: { date: string; time: unknown };
	},
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

/** A delivery line from either source's fields (the base order only when the line is based on one). */
export function deliveryLine(fields: {
	lineNum: unknown;
	itemCode: unknown;
	description: unknown;
	quantity: unknown;
	fromOrder: boolean;
	baseEntry: unknown;
	baseLine: unknown;
	warehouseCode: unknown;
}): DeliveryLine {
	return {
		LineNum: Number(fields.lineNum),
		itemCode: text(fields.itemCode),
		description: text(fields.description),
		quantity: Number(fields.quantity ?? 0),
		baseEntry: fields.fromOrder ? int(fields.baseEntry) : null,
		baseLine: fields.fromOrder ? int(fields.baseLine) : null,
		warehouseCode: text(fields.warehouseCode),
	};
}
