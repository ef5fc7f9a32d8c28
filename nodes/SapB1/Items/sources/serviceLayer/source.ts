/**
 * Items through the Service Layer: `GET Items` with `$select` of only what is needed (flags, group,
 * update time, `ItemWarehouseInfoCollection`, `ItemPrices`), the filters in `$filter`, ordered by
 * ItemCode, paged with `Prefer: odata.maxpagesize` through the shared client. The Service Layer
 * cannot filter a collection's rows, so the chosen warehouses and price list are picked here.
 */
import type { IDataObject } from 'n8n-workflow';
import { chunk } from '../../../../shared/concurrency';
import { odataAnyOf, odataString } from '../../../../shared/odata';
import type { ServiceLayerClient } from '../../../shared/transport/ServiceLayerClient';
import { updateTimeToText } from '../../../shared/updateTime';
import {
	changedSince,
	passesItemFilters,
	sapFlag,
	updateSecondsOf,
	type RawItem,
} from '../../model';
import type { ItemSource, ItemsRequest } from '../types';

export const SERVICE_LAYER_ITEM_FIELDS = [
	'ItemCode',
	'ItemName',
	'InventoryItem',
	'SalesItem',
	'Valid',
	'Frozen',
	'ItemsGroupCode',
	'UpdateDate',
	'UpdateTime',
	'ItemWarehouseInfoCollection',
	'ItemPrices',
];

/** Item codes per `ItemCode eq … or …` request. */
const CODES_PER_REQUEST = 20;

/** The `$filter` for a request (without the item codes). */
export function itemsFilter(r: ItemsRequest): string | undefined {
	const conditions: string[] = [];
	if (r.onlyActive) conditions.push("Valid eq 'tYES' and Frozen eq 'tNO'");
	if (r.onlySalesItems) conditions.push("SalesItem eq 'tYES'");
	if (r.onlyInventoryItems) conditions.push("InventoryItem eq 'tYES'");
	if (r.groups.length)
		conditions.push(`(${odataAnyOf('ItemsGroupCode', r.groups.map(Math.trunc))})`);
	if (r.changedSince) {
		const d = odataString(r.changedSince.date);
		const t = odataString(updateTimeToText(secondsToInt(r.changedSince.seconds)));
		conditions.push(`(UpdateDate gt ${d} or (UpdateDate eq ${d} and UpdateTime ge ${t}))`);
	}
	return conditions.length ? conditions.join(' and ') : undefined;
}

const secondsToInt = (s: number) =>
	Math.floor(s / 3600) * 10000 + (Math.floor(s / 60) % 60) * 100 + (s % 60);

/** A Service Layer `Item` as the node reads it. */
export function itemFromServiceLayer(row: IDataObject, priceList: number | undefined): RawItem {
	const stock = Array.isArray(row.ItemWarehouseInfoCollection)
		? (row.ItemWarehouseInfoCollection as IDataObject[])
		: [];
	const prices = Array.isArray(row.ItemPrices) ? (row.ItemPrices as IDataObject[]) : [];
	const listed =
		priceList === undefined ? undefined : prices.find((p) => Number(p.PriceList) === priceList);
	const group = Number(row.ItemsGroupCode);
	return {
		itemCode: String(row.ItemCode ?? ''),
		itemName: row.ItemName === null || row.ItemName === undefined ? null : String(row.ItemName),
		inventoryItem: sapFlag(row.InventoryItem),
		salesItem: sapFlag(row.SalesItem),
		valid: row.Valid === undefined ? true : sapFlag(row.Valid),
		frozen: sapFlag(row.Frozen),
		groupCode: Number.isFinite(group) && row.ItemsGroupCode !== null ? group : null,
		updateDate: typeof row.UpdateDate === 'string' ? row.UpdateDate : null,
		updateSeconds: updateSecondsOf(row.UpdateTime),
		warehouses: stock.map((w) => ({
			warehouseCode: String(w.WarehouseCode ?? ''),
			inStock: Number(w.InStock ?? 0),
			committed: Number(w.Committed ?? 0),
			ordered: Number(w.Ordered ?? 0),
		})),
		price:
			listed && listed.Price !== null && listed.Price !== undefined
				? {
						price: Number(listed.Price),
						currency: listed.Currency ? String(listed.Currency) : null,
					}
				: null,
	};
}

export class ServiceLayerItemSource implements ItemSource {
	constructor(private readonly client: ServiceLayerClient) {}

	async *items(r: ItemsRequest): AsyncGenerator<RawItem[]> {
		const filter = itemsFilter(r);
		const base: IDataObject = {
			$select: SERVICE_LAYER_ITEM_FIELDS.join(','),
			$orderby: 'ItemCode',
		};
		const wanted = (rows: IDataObject[]) =>
			rows
				.map((row) => itemFromServiceLayer(row, r.price.priceList))
				.filter((item) => passesItemFilters(item, r) && changedSince(item, r.changedSince));
		if (r.itemCodes.length === 0) {
			for await (const rows of this.client.pages('Items', {
				qs: filter ? { ...base, $filter: filter } : base,
				pageSize: r.pageSize,
				itemIndex: r.itemIndex,
				rowKeys: ['ItemCode'],
			}))
				yield wanted(rows);
			return;
		}
		const codes = [...new Set(r.itemCodes)].sort();
		for (const batch of chunk(codes, CODES_PER_REQUEST)) {
			const byCode = `(${odataAnyOf('ItemCode', batch)})`;
			const rows = await this.client.getAll('Items', {
				qs: { ...base, $filter: filter ? `${byCode} and ${filter}` : byCode },
				pageSize: batch.length,
				itemIndex: r.itemIndex,
				rowKeys: ['ItemCode'],
			});
			yield wanted(rows);
		}
	}

	async close(): Promise<void> {}
}
