/**
 * Deliveries through the Service Layer (`DeliveryNotes`; works on HANA too). The Service Layer
 * compares dates only, so the watermark's day is read again and everything at or before the
 * watermark tuple is dropped. Base orders are looked up in batches (`DocEntry eq 1 or …`) and
 * cached for the run; carrier names come from ShippingTypes, read once per run.
 */
import type { IDataObject } from 'n8n-workflow';
import { chunk, mapWithConcurrency } from '../../../../shared/concurrency';
import {
	odataAnyOf,
	odataDate,
	odataTime,
	type ServiceLayerVersion,
} from '../../../../shared/odata';
import type { ServiceLayerClient } from '../../../shared/transport/ServiceLayerClient';
import { assertWebOrderField } from '../../../shared/webOrderField';
import { compareWatermarks, isAfterWatermark } from '../../helpers/watermark';
import { passesFilters, type NormalisedDelivery } from '../../model';
import type {
	DeliveriesAfterRequest,
	DeliveriesByEntriesRequest,
	DeliveryKey,
	DeliverySource,
} from '../types';
import {
	SERVICE_LAYER_DELIVERY_FIELDS,
	baseOrderEntries,
	deliveryFromServiceLayer,
	type ServiceLayerDelivery,
} from './document';

export interface ServiceLayerSourceOptions {
	/** Base orders per lookup request (`DocEntry eq … or …`). */
	orderBatchSize?: number;
	/** Deliveries per Also Fetch request (`DocEntry eq … or …`). */
	deliveryBatchSize?: number;
	/** Lookup requests in flight at once. */
	concurrency?: number;
}

const EMPTY = {
	webOrderNumbers: new Map<number, string | null>(),
	carriers: new Map<number, string>(),
};

/**
 * Changed at or after the watermark's second: `UpdateDate gt 'D' or (UpdateDate eq 'D' and
 * UpdateTime ge 'T')`. (Filtering `UpdateDate ge 'D' and UpdateTime ge 'T'` would drop later days
 * with an earlier time.) Records at or before the watermark tuple in that second are dropped by
 * the node, so two deliveries of one second are neither missed nor read twice. The date and time
 * literals are the ones `odataDate` / `odataTime` choose per version (quoted on both; see there),
 * and they check the values' form before they go into the filter.
 */
export function changedSince(
	after: { date: string; time: string },
	version: ServiceLayerVersion = 'v2',
): string {
	const d = odataDate(after.date, version);
	return `UpdateDate gt ${d} or (UpdateDate eq ${d} and UpdateTime ge ${odataTime(after.time, version)})`;
}

/** Strictly after the watermark tuple (UpdateDate, UpdateTime, DocEntry), for counting. */
export function changedAfter(
	after: { date: string; time: string; docEntry: number },
	version: ServiceLayerVersion = 'v2',
): string {
	const d = odataDate(after.date, version);
	const t = odataTime(after.time, version);
	if (!Number.isSafeInteger(after.docEntry) || after.docEntry < 0)
		throw new Error(`Watermark docEntry "${String(after.docEntry)}" is not a whole number`);
	return `UpdateDate gt ${d} or (UpdateDate eq ${d} and (UpdateTime gt ${t} or (UpdateTime eq ${t} and DocEntry gt ${after.docEntry})))`;
}

/** The keys Get can look a delivery up by: they name a property in the filter, so only these. */
export const DELIVERY_KEYS: readonly DeliveryKey[] = ['DocEntry', 'DocNum'];

export class ServiceLayerDeliverySource implements DeliverySource {
	/** webOrderField → (order DocEntry → web order number). */
	private readonly webOrders = new Map<string, Map<number, string | null>>();

	private carriers?: Promise<Map<number, string>>;

	constructor(
		private readonly client: ServiceLayerClient,
		private readonly options: ServiceLayerSourceOptions = {},
	) {}

	private async carrierNames(itemIndex: number): Promise<Map<number, string>> {
		const carriers = (this.carriers ??= this.client
			.getAll('ShippingTypes', { qs: { $select: 'Code,Name' }, pageSize: 100, itemIndex })
			.then((rows) => new Map(rows.map((r) => [Number(r.Code), String(r.Name ?? '')]))));
		try {
			return await carriers;
		} catch (error) {
			this.carriers = undefined;
			throw error;
		}
	}

	/** Web order numbers of these sales orders, fetched in batches for those not cached yet. */
	private async webOrderNumbers(
		entries: number[],
		field: string,
		itemIndex: number,
	): Promise<Map<number, string | null>> {
		let cache = this.webOrders.get(field);
		if (!cache) this.webOrders.set(field, (cache = new Map()));
		const missing = [...new Set(entries)].filter((e) => !cache.has(e));
		const batches = chunk(missing, this.options.orderBatchSize ?? 20);
		await mapWithConcurrency(batches, this.options.concurrency ?? 4, async (batch) => {
			const rows = await this.client.getAll('Orders', {
				qs: { $select: `DocEntry,${field}`, $filter: odataAnyOf('DocEntry', batch) },
				pageSize: batch.length,
				itemIndex,
			});
			for (const row of rows) {
				const value = row[field];
				cache.set(
					Number(row.DocEntry),
					value === null || value === undefined || String(value).trim() === ''
						? null
						: String(value).trim(),
				);
			}
			for (const entry of batch) if (!cache.has(entry)) cache.set(entry, null);
		});
		return cache;
	}

	/** Normalises documents with their base orders' web order numbers and carrier names. */
	private async normalise(
		docs: ServiceLayerDelivery[],
		field: string,
		itemIndex: number,
	): Promise<NormalisedDelivery[]> {
		if (docs.length === 0) return [];
		const [webOrderNumbers, carriers] = await Promise.all([
			this.webOrderNumbers(docs.flatMap(baseOrderEntries), field, itemIndex),
			this.carrierNames(itemIndex),
		]);
		return docs.map((doc) => deliveryFromServiceLayer(doc, { webOrderNumbers, carriers }));
	}

	async deliveriesAfter(r: DeliveriesAfterRequest): Promise<NormalisedDelivery[]> {
		const field = assertWebOrderField(r.webOrderField);
		const qs: IDataObject = {
			$select: SERVICE_LAYER_DELIVERY_FIELDS.join(','),
			$orderby: 'UpdateDate,UpdateTime,DocEntry',
		};
		if (r.after) qs.$filter = changedSince(r.after, this.client.version);
		const out: NormalisedDelivery[] = [];
		const seen = new Set<number>();
		for await (const rows of this.client.pages('DeliveryNotes', {
			qs,
			pageSize: r.pageSize,
			itemIndex: r.itemIndex,
		})) {
			const docs = rows as unknown as ServiceLayerDelivery[];
			// Cheap checks first (watermark, tracking, cancelled), so only survivors need base orders.
			const candidates = docs.filter((doc) => {
				if (seen.has(doc.DocEntry)) return false;
				seen.add(doc.DocEntry);
				const plain = deliveryFromServiceLayer(doc, EMPTY);
				return (
					isAfterWatermark(plain.watermark, r.after) &&
					passesFilters(plain, { ...r, onlyWebOrders: false })
				);
			});
			const page = (await this.normalise(candidates, field, r.itemIndex))
				.filter((d) => passesFilters(d, r))
				.sort((a, b) => compareWatermarks(a.watermark, b.watermark));
			for (const delivery of page) {
				if (r.limit !== undefined && out.length >= r.limit) return out;
				out.push(delivery);
			}
			if (r.limit !== undefined && out.length >= r.limit) return out;
		}
		return out;
	}

	/**
	 * Deliveries changed at or after the watermark's moment, by the Service Layer's count
	 * (`/$count`), with the filters it can apply itself (tracking number, cancelled); the web order
	 * filter is applied by the node and is not in this count.
	 */
	async remainingAfter(r: DeliveriesAfterRequest): Promise<number> {
		const conditions: string[] = [];
		if (r.after) conditions.push(`(${changedAfter(r.after, this.client.version)})`);
		if (r.excludeCancelled) conditions.push("Cancelled eq 'tNO'");
		if (r.onlyWithTracking) conditions.push("TrackingNumber ne ''");
		const body = await this.client.request<unknown>('GET', 'DeliveryNotes/$count', {
			qs: conditions.length ? { $filter: conditions.join(' and ') } : undefined,
			expect: { kind: 'any' },
			itemIndex: r.itemIndex,
		});
		const count = Number(typeof body === 'string' ? body.trim() : body);
		if (!Number.isInteger(count) || count < 0)
			throw new Error(
				`the Service Layer answered DeliveryNotes/$count with ${JSON.stringify(body)?.slice(0, 80)}, not a count`,
			);
		return count;
	}

	/** Batches of `DocEntry eq 1 or DocEntry eq 2 …` (20 per request), filtered like Get Many's pages. */
	async deliveriesByEntries(r: DeliveriesByEntriesRequest): Promise<NormalisedDelivery[]> {
		const field = assertWebOrderField(r.webOrderField);
		const batches = chunk(r.docEntries, this.options.deliveryBatchSize ?? 20);
		const found = await mapWithConcurrency(
			batches,
			this.options.concurrency ?? 4,
			async (batch) => {
				const docs = (await this.client.getAll('DeliveryNotes', {
					qs: {
						$select: SERVICE_LAYER_DELIVERY_FIELDS.join(','),
						$filter: odataAnyOf('DocEntry', batch),
						$orderby: 'DocEntry',
					},
					pageSize: batch.length,
					itemIndex: r.itemIndex,
				})) as unknown as ServiceLayerDelivery[];
				return docs.filter((doc) =>
					passesFilters(deliveryFromServiceLayer(doc, EMPTY), { ...r, onlyWebOrders: false }),
				);
			},
		);
		return (await this.normalise(found.flat(), field, r.itemIndex))
			.filter((d) => passesFilters(d, r))
			.sort((a, b) => compareWatermarks(a.watermark, b.watermark));
	}

	async deliveriesByKey(
		key: DeliveryKey,
		value: number,
		webOrderField: string,
		itemIndex: number,
	): Promise<NormalisedDelivery[]> {
		const field = assertWebOrderField(webOrderField);
		if (!DELIVERY_KEYS.includes(key))
			throw new Error(`a delivery cannot be looked up by "${String(key)}"`);
		if (!Number.isSafeInteger(value))
			throw new Error(`${key} ${String(value)} is not a whole number`);
		const docs = (await this.client.getAll('DeliveryNotes', {
			qs: {
				$select: SERVICE_LAYER_DELIVERY_FIELDS.join(','),
				$filter: `${key} eq ${value}`,
				$orderby: 'DocEntry',
			},
			itemIndex,
		})) as unknown as ServiceLayerDelivery[];
		return await this.normalise(docs, field, itemIndex);
	}

	async close(): Promise<void> {}
}
