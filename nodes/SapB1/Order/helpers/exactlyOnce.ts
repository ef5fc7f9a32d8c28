/**
 * Exactly once for SAP sales orders, in one module. A web order becomes at most one sales order:
 *
 * 1. Before creating, all the items' web order numbers are looked up in SAP in batches
 *    (`NumAtCard eq 'a' or NumAtCard eq 'b' …`, each escaped), one request per batch: an order SAP
 *    already has is returned as it is (`created: false`).
 * 2. Items with the same web order number run one after another; the first creates the order, the
 *    others return it.
 * 3. The POST is a safe write: after a timeout, a dropped connection, 500/502/504 or an answer of the
 *    wrong shape (SAP may have committed the order), the web order number is looked up again before
 *    anything is sent again; when it is there, that is our order.
 */
import type { IDataObject } from 'n8n-workflow';
import { chunk } from '../../../shared/concurrency';
import { odataAnyOf } from '../../../shared/odata';
import type { ServiceLayerClient } from '../../shared/transport/ServiceLayerClient';

/** Ids per `$filter` (`NumAtCard eq 'a' or NumAtCard eq 'b' ...`): short enough for any URL limit. */
export const LOOKUP_BATCH_SIZE = 25;

/** Web order number → the oldest sales order carrying it, for the numbers given. */
export async function findOrdersByWebOrderNumbers(
	client: ServiceLayerClient,
	field: string,
	numbers: readonly string[],
	itemIndex?: number,
): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	const distinct = [...new Set(numbers.filter((n) => n !== ''))];
	for (const batch of chunk(distinct, LOOKUP_BATCH_SIZE)) {
		const rows = await client.getAll('/Orders', {
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

/**
 * POST /Orders, never twice for one web order number: an uncertain failure is followed by a
 * lookup of the number before the next attempt. Without a web order number an uncertain POST is
 * not repeated (there is no way to tell whether SAP committed it).
 */
export async function postOrderOnce(
	client: ServiceLayerClient,
	document: IDataObject,
	webOrderField: string,
	webOrderNumber: string,
	itemIndex: number,
): Promise<IDataObject> {
	const { result } = await client.write<IDataObject>('POST', '/Orders', {
		body: document,
		expect: { kind: 'object', keys: ['DocEntry'] },
		itemIndex,
		errorContext: webOrderNumber ? `Web order ${webOrderNumber}` : `Item ${itemIndex}`,
		recover: webOrderNumber
			? async () => (await findOrdersByWebOrderNumbers(client, webOrderField, [webOrderNumber], itemIndex)).get(webOrderNumber)
			: undefined,
	});
	return result;
}
