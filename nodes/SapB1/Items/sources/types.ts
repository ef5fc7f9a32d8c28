import type { ItemFilters, ItemPriceOptions, RawItem } from '../model';

/** What Get Many asks a source for (the items in ItemCode order). */
export interface ItemsRequest extends ItemFilters {
	/** Only items whose master data changed at or after this moment (date, seconds since midnight). */
	changedSince?: { date: string; seconds: number };
	/** Only these item codes (empty: all). */
	itemCodes: string[];
	/** Warehouses whose stock is read (empty: all). */
	warehouses: string[];
	price: ItemPriceOptions;
	/** Stop after this many items; all when undefined. */
	limit?: number;
	/** Items per round trip. */
	pageSize: number;
	itemIndex: number;
}

/** A place items are read from (SQL Server or Service Layer), for one execution. */
export interface ItemSource {
	/** The items passing the filters, in ItemCode order, page by page. */
	items(request: ItemsRequest): AsyncGenerator<RawItem[]>;
	/** Releases what the source holds (the SQL connection pool). */
	close(): Promise<void>;
}
