/**
 * Items straight from the SAP B1 company database: one parameterised query per page (the items,
 * their rows in the chosen warehouses and their price in the chosen list), keyset-paged on
 * ItemCode, on the run's one connection pool (the Shipments node's SQL session).
 */
import { chunk } from '../../../../shared/concurrency';
import type { SqlServerSession } from '../../../Shipments/sources/sqlServer/session';
import { toSapDate } from '../../../Shipments/helpers/watermark';
import {
	changedSince,
	passesItemFilters,
	sapFlag,
	updateSecondsOf,
	type RawItem,
} from '../../model';
import type { ItemSource, ItemsRequest } from '../types';
import { MAX_LIST, itemsPageQuery, type ItemRow } from './queries';

/** Groups the rows (ordered by item, then warehouse) into items. */
export function itemsFromRows(rows: readonly ItemRow[]): RawItem[] {
	const items = new Map<string, RawItem>();
	for (const row of rows) {
		const code = String(row.item_code);
		let item = items.get(code);
		if (!item) {
			const group = row.group_code === null ? null : Number(row.group_code);
			item = {
				itemCode: code,
				itemName: row.item_name ?? null,
				inventoryItem: sapFlag(row.invnt_item),
				salesItem: sapFlag(row.sell_item),
				valid: row.valid_for === null ? true : sapFlag(row.valid_for),
				frozen: sapFlag(row.frozen_for),
				groupCode: group !== null && Number.isFinite(group) ? group : null,
				updateDate: toSapDate(row.update_date),
				updateSeconds: updateSecondsOf(row.update_ts),
				warehouses: [],
				price:
					row.price === null || row.price === undefined
						? null
						: { price: Number(row.price), currency: row.currency ?? null },
			};
			items.set(code, item);
		}
		if (row.whs_code !== null && row.whs_code !== undefined)
			item.warehouses.push({
				warehouseCode: String(row.whs_code),
				inStock: Number(row.on_hand ?? 0),
				committed: Number(row.is_commited ?? 0),
				ordered: Number(row.on_order ?? 0),
			});
	}
	return [...items.values()];
}

export class SqlServerItemSource implements ItemSource {
	constructor(private readonly session: SqlServerSession) {}

	async *items(r: ItemsRequest): AsyncGenerator<RawItem[]> {
		if (r.warehouses.length > MAX_LIST)
			throw new Error(`at most ${MAX_LIST} warehouses, not ${r.warehouses.length}`);
		const batches = r.itemCodes.length ? chunk([...new Set(r.itemCodes)].sort(), MAX_LIST) : [[]];
		for (const itemCodes of batches) {
			let afterCode: string | undefined;
			for (;;) {
				const rows = await this.session.query<ItemRow>(
					itemsPageQuery({ ...r, afterCode, itemCodes, priceList: r.price.priceList }),
				);
				const page = itemsFromRows(rows);
				yield page.filter(
					(item) => passesItemFilters(item, r) && changedSince(item, r.changedSince),
				);
				if (page.length < r.pageSize) break;
				afterCode = page[page.length - 1].itemCode;
			}
		}
	}

	async close(): Promise<void> {
		await this.session.close();
	}
}
