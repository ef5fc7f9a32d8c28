/**
 * What creating a shipment and creating an invoice have in common: picking the order items by
 * SKU, listing the order's existing documents, and POSTing the new one so that a lost answer
 * never creates it twice.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { ItemSelectionError, selectItemsBySku, type Selection } from './orderItems';
import { MagentoError, type MagentoClient } from '../transport/MagentoClient';
import { readSkuLines, type MagentoOrder } from './orders';
import { outcomeOf, outcomeOfSync } from '../../shared/outcome';

export type DocumentKind = 'ship' | 'invoice';

const LIST_PATH: Record<DocumentKind, string> = { ship: '/shipments', invoice: '/invoices' };
const POST_PATH: Record<DocumentKind, string> = { ship: 'ship', invoice: 'invoice' };
/** Magento's answers when there is nothing left to ship / invoice. */
const NOTHING_LEFT: Record<DocumentKind, RegExp> = {
	ship: /does not allow a shipment to be created|without products/i,
	invoice: /does not allow an invoice to be created|without products/i,
};

/** The items chosen by the "Items" parameter (all remaining: an empty list, as Magento expects). */
export function selectItems(
	this: IExecuteFunctions,
	order: MagentoOrder,
	itemIndex: number,
	kind: DocumentKind,
): Selection {
	if (this.getNodeParameter('itemsMode', itemIndex) === 'all') return { items: [], skipped: [] };
	const selected = outcomeOfSync(() =>
		selectItemsBySku(
			order.increment_id,
			order.items ?? [],
			readSkuLines.call(this, itemIndex),
			kind,
		),
	);
	if (selected.ok) return selected.value;
	const { error } = selected;
	if (error instanceof ItemSelectionError)
		throw new NodeOperationError(this.getNode(), error.message, {
			itemIndex,
			description: error.sku ? `SKU: ${error.sku}` : undefined,
		});
	throw error;
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

export type PostResult = { id: number; recovered: boolean } | { nothingLeft: string };

/**
 * POSTs the shipment / invoice. When the answer is lost after Magento may have committed, it lists
 * the order's documents again and takes the new one (`pick` among those not in `known`) instead of
 * sending again. Magento's "nothing left" refusal comes back as `{ nothingLeft: message }`.
 */
export async function postOrderDocument<T extends IDataObject & { entity_id: number }>(
	client: MagentoClient,
	kind: DocumentKind,
	order: MagentoOrder,
	body: IDataObject,
	known: readonly T[],
	pick: (fresh: T[]) => T | undefined = (fresh) => fresh[0],
): Promise<PostResult> {
	const knownIds = new Set(known.map((d) => String(d.entity_id)));
	const posted = await outcomeOf(
		async () =>
			await client.write<number>({
				path: `/order/${order.entity_id}/${POST_PATH[kind]}`,
				body,
				expect: { kind: 'id' },
				recover: async () => {
					const all = await listOrderDocuments<T>(client, kind, order.entity_id);
					return pick(all.filter((d) => !knownIds.has(String(d.entity_id))))?.entity_id;
				},
			}),
	);
	if (posted.ok) return { id: Number(posted.value.result), recovered: posted.value.recovered };
	const { error } = posted;
	if (
		error instanceof MagentoError &&
		error.status === 400 &&
		NOTHING_LEFT[kind].test(error.message)
	)
		return { nothingLeft: error.message };
	throw error;
}
