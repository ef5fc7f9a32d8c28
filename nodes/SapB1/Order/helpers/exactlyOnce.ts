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
export const LOOKUP_BATCH_SIZE = 50;

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
			? async () =>
					(
						await findOrdersByWebOrderNumbers(client, webOrderField, [webOrderNumber], itemIndex)
					).get(webOrderNumber)
			: undefined,
	});
	return result;
}

/** Sales orders carrying each of these web order numbers, oldest first (all of them, cancelled included). */
async function ordersPerWebOrderNumber(
	client: ServiceLayerClient,
	field: string,
	numbers: readonly string[],
): Promise<Map<string, IDataObject[]>> {
	const all = new Map<string, IDataObject[]>();
	for (const batch of chunk([...new Set(numbers)], LOOKUP_BATCH_SIZE)) {
		const rows = await client.getAll('/Orders', {
			qs: {
				$filter: odataAnyOf(field, batch),
				$select: `DocEntry,DocNum,Cancelled,${field}`,
				$orderby: 'DocEntry',
			},
			pageSize: LOOKUP_BATCH_SIZE * 2,
			errorContext: `Checking the created web orders ${batch[0]}${batch.length > 1 ? ` … ${batch[batch.length - 1]}` : ''}`,
		});
		for (const row of rows) {
			const key = String(row[field] ?? '');
			if (!all.has(key)) all.set(key, []);
			all.get(key)!.push(row);
		}
	}
	return all;
}

/** A sales order this run created that turned out to be a second one for its web order. */
export interface LostRace {
	/** The oldest live sales order for the web order: the one that stays. */
	survivor: IDataObject;
	/** This run's order, now cancelled. */
	cancelled: { DocEntry: unknown; DocNum: unknown };
}

/**
 * 4. After creating: two runs that overlap (when the checkpoint's lease is missing, expired or
 *    misconfigured) can both find a web order missing and both create it. So the web order numbers
 *    this run created are looked up once more, in batches; where SAP holds more than one live order
 *    for a number, the oldest (lowest DocEntry) stays and this run cancels its own, younger one.
 *    Each racer only ever cancels the order it created itself, so whichever checks last cleans up.
 */
export async function settleRaces(
	client: ServiceLayerClient,
	field: string,
	created: ReadonlyMap<string, IDataObject>,
): Promise<Map<string, LostRace>> {
	const lost = new Map<string, LostRace>();
	if (created.size === 0) return lost;
	const found = await ordersPerWebOrderNumber(client, field, [...created.keys()]);
	for (const [number, mine] of created) {
		const live = (found.get(number) ?? []).filter((o) => o.Cancelled !== 'tYES');
		const survivor = live[0];
		if (!survivor || Number(survivor.DocEntry) === Number(mine.DocEntry)) continue;
		const docEntry = Number(mine.DocEntry);
		await client.write('POST', `/Orders(${docEntry})/Cancel`, {
			expect: { kind: 'noContent' },
			errorContext: `Web order ${number}: cancelling the duplicate sales order ${docEntry}`,
			recover: async () =>
				(await client.get(`/Orders(${docEntry})`, { qs: { $select: 'DocEntry,Cancelled' } }))
					.Cancelled === 'tYES'
					? true
					: undefined,
		});
		lost.set(number, { survivor, cancelled: { DocEntry: mine.DocEntry, DocNum: mine.DocNum } });
	}
	return lost;
}
