/**
 * Deliveries straight from the SAP B1 company database: one parameterised query per page of
 * deliveries (lines, base orders and carriers joined in), keyset-paged on the watermark tuple.
 */
import type { NormalisedDelivery } from '../../model';
import { deliveriesFromRows, type DeliveryRow } from './rows';
import { chunk } from '../../../../shared/concurrency';
import {
	MAX_ENTRIES_PER_QUERY,
	deliveriesByEntriesQuery,
	deliveriesCountQuery,
	deliveriesPageQuery,
	deliveryByKeyQuery,
} from './queries';
import { compareWatermarks } from '../../helpers/watermark';
import type { SqlServerSession } from './session';
import type {
	DeliveriesAfterRequest,
	DeliveriesByEntriesRequest,
	DeliveryKey,
	DeliverySource,
} from '../types';

export class SqlServerDeliverySource implements DeliverySource {
	constructor(private readonly session: SqlServerSession) {}

	async deliveriesAfter(r: DeliveriesAfterRequest): Promise<NormalisedDelivery[]> {
		const out: NormalisedDelivery[] = [];
		let after = r.after;
		for (;;) {
			const size = r.limit === undefined ? r.pageSize : Math.min(r.pageSize, r.limit - out.length);
			if (size <= 0) break;
			const rows = await this.session.query<DeliveryRow>(
				deliveriesPageQuery({
					after,
					pageSize: size,
					onlyWithTracking: r.onlyWithTracking,
					onlyWebOrders: r.onlyWebOrders,
					excludeCancelled: r.excludeCancelled,
					webOrderField: r.webOrderField,
				}),
			);
			const page = deliveriesFromRows(rows);
			out.push(...page);
			if (page.length < size) break;
			after = page[page.length - 1].watermark;
		}
		return out;
	}

	async remainingAfter(r: DeliveriesAfterRequest): Promise<number> {
		const rows = await this.session.query<{ remaining: number | string }>(deliveriesCountQuery(r));
		return Number(rows[0]?.remaining ?? 0);
	}

	/** One query per MAX_ENTRIES_PER_QUERY DocEntries, one after the other on the run's pool. */
	async deliveriesByEntries(r: DeliveriesByEntriesRequest): Promise<NormalisedDelivery[]> {
		const out: NormalisedDelivery[] = [];
		for (const batch of chunk(r.docEntries, MAX_ENTRIES_PER_QUERY)) {
			const rows = await this.session.query<DeliveryRow>(
				deliveriesByEntriesQuery(batch, {
					onlyWithTracking: r.onlyWithTracking,
					onlyWebOrders: r.onlyWebOrders,
					excludeCancelled: r.excludeCancelled,
					webOrderField: r.webOrderField,
				}),
			);
			out.push(...deliveriesFromRows(rows));
		}
		return out.sort((a, b) => compareWatermarks(a.watermark, b.watermark));
	}

	async deliveriesByKey(
		key: DeliveryKey,
		value: number,
		webOrderField: string,
	): Promise<NormalisedDelivery[]> {
		const rows = await this.session.query<DeliveryRow>(
			deliveryByKeyQuery(key, value, webOrderField),
		);
		return deliveriesFromRows(rows);
	}

	async close(): Promise<void> {
		await this.session.close();
	}
}
