/**
 * What creating a shipment and creating an invoice have in common: picking the order items by
 * SKU, listing the order's existing documents, and POSTing the new one so that a lost answer
 * never creates it twice, and so that Magento's refusals are read for what they are:
 * - the wrong bundle level (2.4.2+, "Cannot create shipment as bundle product …"; before 2.4.2
 *   "… without products" for the children of a bundle shipped together): sent again once at the
 *   level Magento names, or with the order's bundles at the other level (see bundles.ts);
 * - more objects than the store's input list limit ("Maximum items of type "%type" is %max",
 *   Web API input limits; always on in 2.4.3 and 2.3.7-p1, a setting later): when the request
 *   covers everything left on the order it is sent again without an item list (Magento then takes
 *   all that remains, the same rows and quantities); otherwise a clear error naming the setting;
 * - "nothing left" ("does not allow a shipment / an invoice to be created", "… without
 *   products"): reported as nothing left only when the order, read again, has nothing left by its
 *   own quantities; any other refusal is an error (so the record is retried and reported).
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import {
	ItemSelectionError,
	coversEverythingLeft,
	hasRemaining,
	selectItemsBySku,
	type ItemQty,
	type SeparateBundles,
	type Selection,
} from './orderItems';
import { bundleLevelFromRefusal, bundleLevelsSwapped } from './bundles';
import { MagentoError, type MagentoClient } from '../transport/MagentoClient';
import { readSkuLines, type MagentoOrder } from './orders';

export type DocumentKind = 'ship' | 'invoice';

const LIST_PATH: Record<DocumentKind, string> = { ship: '/shipments', invoice: '/invoices' };
const POST_PATH: Record<DocumentKind, string> = { ship: 'ship', invoice: 'invoice' };
/** Magento's answers when there is nothing left to ship / invoice (or nothing in the request). */
const NOTHING_LEFT: Record<DocumentKind, RegExp> = {
	ship: /does not allow a shipment to be created|without products/i,
	invoice: /does not allow an invoice to be created|without products/i,
};
/** EntityArrayValidator's refusal, placeholders filled: the interface and the limit. */
const INPUT_LIMIT = /Maximum items of type "([^"]*)" is (\d+)/;

/** Where a store's administrator finds the limit (Adobe Commerce "API security: input limiting"). */
export const INPUT_LIMIT_SETTING =
	'Stores > Settings > Configuration > Services > Magento Web API > Web API Input Limits: Input List Limit (webapi/validation/complex_array_limit, default 20) or Enable Input Limits (webapi/validation/input_limit_enabled); Magento 2.4.3 and 2.3.7-p1 always apply 20';

/** The items chosen by the "Items" parameter (all remaining: an empty list, as Magento expects). */
export function selectItems(
	this: IExecuteFunctions,
	order: MagentoOrder,
	itemIndex: number,
	kind: DocumentKind,
	separate?: SeparateBundles,
): Selection {
	if (this.getNodeParameter('itemsMode', itemIndex) === 'all') return { items: [], skipped: [] };
	try {
		return selectItemsBySku(
			order.increment_id,
			order.items ?? [],
			readSkuLines.call(this, itemIndex),
			kind,
			separate,
		);
	} catch (error) {
		if (error instanceof ItemSelectionError)
			throw new NodeOperationError(this.getNode(), error.message, {
				itemIndex,
				description: error.sku ? `SKU: ${error.sku}` : undefined,
			});
		throw error;
	}
}

/** The order's shipments or invoices. */
export async function listOrderDocuments<T extends IDataObject>(
	client: MagentoClient,
	kind: DocumentKind,
	orderId: number,
): Promise<T[]> {
	return (
		await client.search<T>(
			LIST_PATH[kind],
			{ filterGroups: [[{ field: 'order_id', value: orderId }]] },
			{ pageSize: 100 },
		)
	).items;
}

export type PostResult =
	| {
			id: number;
			recovered: boolean;
			/** The item list Magento took (empty: all remaining). */
			items: ItemQty[];
			/** Sent without an item list because the list was over the store's input limit. */
			allRemaining?: boolean;
	  }
	| { nothingLeft: string };

export interface DocumentRequest<T> {
	kind: DocumentKind;
	order: MagentoOrder;
	/** The body without `items`. */
	body: IDataObject;
	/** The rows to send (empty: all remaining). */
	items: ItemQty[];
	/** The bundles shipped separately, as far as known. */
	separate: SeparateBundles;
	/** The documents the order had before (for a lost answer). */
	known: readonly T[];
	/** Among the documents not known before, the one this POST made. */
	pick?: (fresh: T[]) => T | undefined;
	/** Selects the rows again for other bundle levels (by-SKU mode only). */
	reselect?: (separate: SeparateBundles) => ItemQty[];
	itemIndex: number;
}

/**
 * POSTs the shipment / invoice. When the answer is lost after Magento may have committed, it lists
 * the order's documents again and takes the new one (`pick` among those not in `known`) instead of
 * sending again. Refusals: see the top of this file.
 */
export async function postOrderDocument<T extends IDataObject & { entity_id: number }>(
	this: IExecuteFunctions,
	client: MagentoClient,
	request: DocumentRequest<T>,
): Promise<PostResult> {
	const { kind, order, itemIndex } = request;
	const pick = request.pick ?? ((fresh: T[]) => fresh[0]);
	const knownIds = new Set(request.known.map((d) => String(d.entity_id)));
	let items = request.items;
	let separate = request.separate;
	let levelRetried = false;
	let allRemaining = false;
	for (;;) {
		try {
			const { result: id, recovered } = await client.write<number>({
				path: `/order/${order.entity_id}/${POST_PATH[kind]}`,
				body: { ...request.body, items },
				expect: { kind: 'id' },
				recover: async () => {
					const all = await listOrderDocuments<T>(client, kind, order.entity_id);
					return pick(all.filter((d) => !knownIds.has(String(d.entity_id))))?.entity_id;
				},
			});
			return { id: Number(id), recovered, items, ...(allRemaining ? { allRemaining } : {}) };
		} catch (error) {
			if (!(error instanceof MagentoError) || error.status !== 400) throw error;
			const message = error.message;
			// A 400 is a refusal: nothing was created, so sending a corrected request is safe.
			if (kind === 'ship' && request.reselect && !levelRetried) {
				const next =
					bundleLevelFromRefusal(message, order, separate) ??
					(/without products/i.test(message) ? bundleLevelsSwapped(order, separate) : undefined);
				if (next) {
					levelRetried = true;
					separate = next;
					try {
						items = request.reselect(next);
					} catch (selection) {
						if (selection instanceof ItemSelectionError)
							throw new NodeOperationError(this.getNode(), selection.message, { itemIndex });
						throw selection;
					}
					continue;
				}
			}
			const limit = INPUT_LIMIT.exec(message);
			if (limit && items.length > 0 && /ItemCreationInterface$/.test(limit[1])) {
				if (!allRemaining && coversEverythingLeft(order.items ?? [], items, kind, separate)) {
					allRemaining = true;
					items = [];
					continue;
				}
				throw new NodeOperationError(
					this.getNode(),
					`Order ${order.increment_id}: Magento accepts at most ${limit[2]} items per request and this ${kind === 'ship' ? 'shipment' : 'invoice'} has ${items.length} order rows, fewer than all that is left on the order, so it cannot be sent as "all remaining" either`,
					{
						itemIndex,
						description: `Raise the store's limit or switch input limits off: ${INPUT_LIMIT_SETTING}.`,
					},
				);
			}
			if (limit)
				throw new NodeOperationError(this.getNode(), `Order ${order.increment_id}: ${message}`, {
					itemIndex,
					description: `Magento's Web API input limit: ${INPUT_LIMIT_SETTING}.`,
				});
			if (NOTHING_LEFT[kind].test(message)) {
				const fresh = await client.getOrder<MagentoOrder>(order.entity_id);
				if (!hasRemaining(fresh.items ?? [], kind, separate)) return { nothingLeft: message };
			}
			throw error;
		}
	}
}
