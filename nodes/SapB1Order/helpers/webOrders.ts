/** Finding SAP sales orders by their web order number (NumAtCard or a U_ field), many per request. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { chunk } from '../../shared/concurrency';
import { odataAnyOf } from '../../shared/odata';
import { slGetAll } from '../../SapB1/transport/serviceLayer';

/** Ids per `$filter` (`NumAtCard eq 'a' or NumAtCard eq 'b' ...`): short enough for any URL limit. */
export const LOOKUP_BATCH_SIZE = 25;

/**
 * Looks the web order numbers up with one request per batch of LOOKUP_BATCH_SIZE ids
 * (escaped), and returns web order number → the oldest matching order.
 */
export async function findOrdersByWebOrderNumbers(
	ctx: IExecuteFunctions,
	field: string,
	numbers: readonly string[],
	itemIndex?: number,
): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	const distinct = [...new Set(numbers.filter((n) => n !== ''))];
	for (const batch of chunk(distinct, LOOKUP_BATCH_SIZE)) {
		const rows = await slGetAll(ctx, '/Orders', {
			qs: { $filter: odataAnyOf(field, batch), $orderby: 'DocEntry' },
			pageSize: LOOKUP_BATCH_SIZE,
			itemIndex,
			errorContext: `Looking up web orders ${batch[0]}${batch.length > 1 ? ` … ${batch[batch.length - 1]}` : ''}`,
		});
		for (const row of rows) {
			const key = row[field] === undefined || row[field] === null ? '' : String(row[field]);
			if (key && !found.has(key)) found.set(key, row);
		}
	}
	return found;
}
