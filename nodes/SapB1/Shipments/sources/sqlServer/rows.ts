/** The SQL source's shape: one row per delivery line with its header, base order and carrier, and its adapter. */
import { toSapDate } from '../../helpers/watermark';
import {
	SALES_ORDER,
	cancelStatusOf,
	carrier,
	deliveryLine,
	finish,
	text,
	type BaseOrder,
	type DeliveryLine,
	type NormalisedDelivery,
} from '../../model';

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
				const fromOrder =
					Number(row.base_type) === SALES_ORDER &&
					row.order_entry !== null &&
					row.order_entry !== undefined;
				if (fromOrder && !baseOrders.some((o) => o.DocEntry === Number(row.order_entry)))
					baseOrders.push({
						DocEntry: Number(row.order_entry),
						webOrderNumber: text(row.web_order_number),
					});
				return deliveryLine({
					lineNum: row.line_num,
					itemCode: row.item_code,
					description: row.description,
					quantity: row.quantity,
					fromOrder,
					baseEntry: row.base_entry,
					baseLine: row.base_line,
					warehouseCode: row.whs_code,
				});
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
