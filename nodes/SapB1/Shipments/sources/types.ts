import type { DeliveryFilters, NormalisedDelivery } from '../model';
import type { Watermark } from '../helpers/watermark';

/** What Get Many asks a source for. */
export interface DeliveriesAfterRequest extends DeliveryFilters {
	/** Start strictly after this watermark; from the beginning when undefined. */
	after?: Watermark;
	/** Stop after this many deliveries; all when undefined. */
	limit?: number;
	/** Deliveries per round trip. */
	pageSize: number;
	webOrderField: string;
	itemIndex: number;
}

/** What Also Fetch Deliveries asks a source for: these DocEntries, whatever their watermark. */
export interface DeliveriesByEntriesRequest extends DeliveryFilters {
	/** Distinct positive DocEntries. */
	docEntries: number[];
	webOrderField: string;
	itemIndex: number;
}

export type DeliveryKey = 'DocEntry' | 'DocNum';

/** A place deliveries are read from (SQL Server or Service Layer), for one execution. */
export interface DeliverySource {
	deliveriesAfter(request: DeliveriesAfterRequest): Promise<NormalisedDelivery[]>;
	/** How many deliveries changed after `request.after` are still to be read (after a limited read). */
	remainingAfter(request: DeliveriesAfterRequest): Promise<number>;
	/** The deliveries with these DocEntries that pass the filters, in watermark order (unknown ones are absent). */
	deliveriesByEntries(request: DeliveriesByEntriesRequest): Promise<NormalisedDelivery[]>;
	/** The delivery with this DocEntry, or the deliveries with this DocNum (empty when none). */
	deliveriesByKey(
		key: DeliveryKey,
		value: number,
		webOrderField: string,
		itemIndex: number,
	): Promise<NormalisedDelivery[]>;
	/** Releases what the source holds (the SQL connection pool). */
	close(): Promise<void>;
}
