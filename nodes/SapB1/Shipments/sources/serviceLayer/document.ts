/** The Service Layer source's shape: a `DeliveryNotes` document, the fields selected, and its adapter. */
import { toSapDate } from '../../helpers/watermark';
import {
	SALES_ORDER,
	cancelStatusOf,
	carrier,
	deliveryLine,
	finish,
	int,
	text,
	type DeliveryLine,
	type NormalisedDelivery,
} from '../../model';

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
export function deliveryFromServiceLayer(
	doc: ServiceLayerDelivery,
	lookups: ServiceLayerLookups,
): NormalisedDelivery {
	const code = carrier(doc.TransportationCode);
	const lines = [...(doc.DocumentLines ?? [])]
		.sort((a, b) => Number(a.LineNum) - Number(b.LineNum))
		.map((line): DeliveryLine => {
			const fromOrder = Number(line.BaseType) === SALES_ORDER && int(line.BaseEntry) !== null;
			return deliveryLine({
				lineNum: line.LineNum,
				itemCode: line.ItemCode,
				description: line.ItemDescription,
				quantity: line.Quantity,
				fromOrder,
				baseEntry: line.BaseEntry,
				baseLine: line.BaseLine,
				warehouseCode: line.WarehouseCode,
			});
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
		baseOrders: baseOrderEntries(doc).map((entry) => ({
			DocEntry: entry,
			webOrderNumber: lookups.webOrderNumbers.get(entry) ?? null,
		})),
		cancelStatus: doc.CancelStatus
			? cancelStatusOf(doc.CancelStatus)
			: cancelStatusOf(doc.Cancelled),
		lines,
	});
}
