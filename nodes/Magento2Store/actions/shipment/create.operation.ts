import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import {
	actionableItems,
	hasRemaining,
	remainingQty,
	type ItemQty,
	type SeparateBundles,
} from '../../helpers/orderItems';
import { separateBundles } from '../../helpers/bundles';
import type { MagentoClient } from '../../transport/MagentoClient';
import { guardProperties, itemsProperties, orderRefProperties, serialiseByOrder } from '../common';
import { closeGuard, openGuard, type OrderGuard } from '../../helpers/guard';
import { OrderPrefetch, orderRefOf, type OrderRef } from '../../helpers/prefetch';
import { loadOrder, type ItemRecord, type MagentoOrder } from '../../helpers/orders';
import { listOrderDocuments, postOrderDocument, selectItems } from '../../helpers/orderDocument';

export const CARRIERS = [
	{ name: 'Custom Value', value: 'custom' },
	{ name: 'DHL', value: 'dhl' },
	{ name: 'FedEx', value: 'fedex' },
	{ name: 'UPS', value: 'ups' },
	{ name: 'USPS', value: 'usps' },
];

const properties: INodeProperties[] = [
	...orderRefProperties,
	...guardProperties,
	...itemsProperties('ship'),
	{
		displayName: 'Tracking Numbers',
		name: 'tracks',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tracking Number',
		default: {},
		description:
			'A shipment already carrying one of these tracking numbers is returned instead of creating another',
		options: [
			{
				displayName: 'Track',
				name: 'track',
				values: [
					{ displayName: 'Tracking Number', name: 'trackNumber', type: 'string', default: '' },
					{
						displayName: 'Carrier',
						name: 'carrierCode',
						type: 'options',
						options: CARRIERS,
						default: 'custom',
						description: 'Magento carrier code',
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'UPS Ground',
						description: 'Carrier name shown to the customer',
					},
				],
			},
		],
	},
	{
		displayName: 'Notify Customer',
		name: 'notify',
		type: 'boolean',
		default: true,
		description: 'Whether Magento e-mails the shipment (with tracking) to the customer',
	},
	{
		displayName: 'Shipment Options',
		name: 'shipOptions',
		type: 'collection',
		placeholder: 'Add Shipment Option',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				description: 'Comment added to the shipment (included in the e-mail)',
			},
			{
				displayName: 'Comment Visible on Storefront',
				name: 'commentVisibleOnFront',
				type: 'boolean',
				default: false,
			},
			{
				displayName: 'Source Code (MSI)',
				name: 'sourceCode',
				type: 'string',
				default: '',
				placeholder: 'default',
				description: 'Inventory source to ship from, for stores using Multi-Source Inventory',
			},
		],
	},
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['shipment'], operation: ['create'] } },
	properties,
);

interface Shipment extends IDataObject {
	entity_id: number;
	tracks?: Array<{ track_number?: string }>;
}

function withTrack(shipments: Shipment[], numbers: string[]): Shipment | undefined {
	if (!numbers.length) return undefined;
	return shipments.find((s) =>
		(s.tracks ?? []).some((t) => numbers.includes(String(t.track_number ?? '').trim())),
	);
}

interface ShipBatch {
	guard: OrderGuard;
	prefetch: OrderPrefetch;
	/** Orders this run claimed up front (and looked up in batches). */
	claimed: Set<string>;
}

/**
 * Claims the items' orders up front, then looks the claimed orders and their shipments up in
 * batches: about one request per delivery (the POST) instead of three.
 */
export async function prepare(
	this: IExecuteFunctions,
	client: MagentoClient,
	items: INodeExecutionData[],
): Promise<ShipBatch> {
	const guard = await openGuard.call(this, client);
	const prefetch = new OrderPrefetch(client);
	const refs = items.map((_, i) => orderRefOf(this, i));
	const keys = [...new Set(items.map((_, i) => serialiseByOrder.call(this, i)))];
	const claimed = await guard.claimAll(keys);
	try {
		await prefetch.load(
			refs.filter(
				(r, i): r is OrderRef => r !== undefined && claimed.has(serialiseByOrder.call(this, i)),
			),
		);
	} catch (error) {
		// Each item then reads its own order and reports the failure under its own name.
		this.logger.warn(
			`Magento 2: batched order look-up failed, reading orders one by one: ${(error as Error).message}`,
		);
	}
	return { guard, prefetch, claimed };
}

export async function release(
	this: IExecuteFunctions,
	client: MagentoClient,
	batch: ShipBatch | undefined,
): Promise<void> {
	if (!batch) return;
	try {
		await batch.guard.releaseAll(batch.claimed);
	} finally {
		await closeGuard.call(this, client, batch.guard);
	}
}

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
	batch: ShipBatch,
): Promise<IDataObject[]> {
	const key = serialiseByOrder.call(this, itemIndex);
	if (batch.claimed.has(key)) {
		await batch.guard.renew(batch.claimed);
		return await create.call(this, client, itemIndex, record, batch.prefetch);
	}
	// Another run held this order when the run started: wait for it, then read the order afresh.
	return await batch.guard.hold(
		this,
		key,
		itemIndex,
		async () => await create.call(this, client, itemIndex, record),
	);
}

async function create(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
	prefetch?: OrderPrefetch,
): Promise<IDataObject[]> {
	const ref = orderRefOf(this, itemIndex);
	let order: MagentoOrder;
	let existing: Shipment[] | undefined;
	const prefetched = prefetch && ref && prefetch.has(ref) ? prefetch.order(ref) : undefined;
	if (prefetched) {
		order = prefetched;
		record.orderId = order.entity_id;
		record.incrementId = order.increment_id;
		existing = prefetch!.shipmentsOf(order.entity_id) as Shipment[] | undefined;
	} else order = await loadOrder.call(this, client, itemIndex, record);
	existing ??= await listOrderDocuments<Shipment>(client, 'ship', order.entity_id);
	const label = order.increment_id;
	const tracks = ((this.getNodeParameter('tracks.track', itemIndex, []) as IDataObject[]) ?? [])
		.map((t) => ({
			track_number: String(t.trackNumber ?? '').trim(),
			carrier_code: String(t.carrierCode || 'custom'),
			title: String(t.title || CARRIERS.find((c) => c.value === t.carrierCode)?.name || 'Custom'),
		}))
		.filter((t) => t.track_number);
	const trackNumbers = tracks.map((t) => t.track_number);
	const base = { orderId: order.entity_id, incrementId: label, trackNumbers };

	const same = withTrack(existing, trackNumbers);
	if (same)
		return [
			{
				...base,
				created: false,
				reason: 'a shipment with this tracking number exists',
				shipmentId: same.entity_id,
				shipment: same,
			},
		];
	if (order.state === 'canceled')
		throw new NodeOperationError(
			this.getNode(),
			`Order ${label}: the order is canceled, no shipment can be created`,
			{ itemIndex },
		);
	const nothingLeft = (extra: IDataObject = {}) => [
		{ ...base, created: false, reason: 'nothing left to ship', ...extra },
	];
	// Bundles shipped separately ship their items' rows, bundles shipped together the bundle row.
	const separate = await separateBundles(client, order);
	if (!hasRemaining(order.items ?? [], 'ship', separate)) return nothingLeft();

	const selection = selectItems.call(this, order, itemIndex, 'ship', separate);
	const bySku = this.getNodeParameter('itemsMode', itemIndex) !== 'all';
	if (bySku && selection.items.length === 0) return nothingLeft({ skipped: selection.skipped });

	const options = this.getNodeParameter('shipOptions', itemIndex, {}) as IDataObject;
	const notify = this.getNodeParameter('notify', itemIndex) as boolean;
	const comment = String(options.comment ?? '').trim();
	const body: IDataObject = { notify, tracks };
	if (comment) {
		body.appendComment = true;
		body.comment = { comment, is_visible_on_front: options.commentVisibleOnFront ? 1 : 0 };
	}
	if (options.sourceCode)
		body.arguments = { extension_attributes: { source_code: String(options.sourceCode) } };

	// The ship may have been committed before the connection dropped: the new shipment is the one with our tracking number.
	// From here on the order's quantities and shipments change: later items read it afresh.
	prefetch?.changed(order.entity_id);
	const posted = await postOrderDocument.call(this, client, {
		kind: 'ship',
		order,
		body,
		items: selection.items,
		separate,
		known: existing,
		pick: (fresh) => withTrack(fresh, trackNumbers) ?? fresh[0],
		reselect: bySku
			? (next) => selectItems.call(this, order, itemIndex, 'ship', next).items
			: undefined,
		itemIndex,
	});
	if ('nothingLeft' in posted) return nothingLeft({ magentoMessage: posted.nothingLeft });
	return [
		{
			...base,
			created: true,
			shipmentId: posted.id,
			notified: notify,
			items: shippedLines(order, posted.allRemaining ? selection.items : posted.items, separate),
			...(posted.allRemaining ? { sentAsAllRemaining: true } : {}),
			...(selection.skipped.length ? { skipped: selection.skipped } : {}),
			...(posted.recovered ? { recovered: true } : {}),
		},
	];
}

/**
 * The rows shipped, each with its SKU: the rows sent, or (sent with no item list, Magento's "all
 * remaining") every row Magento ships with what was left on it, from the order as read before the
 * POST (the order guard keeps other runs of this package from shipping it in between).
 */
function shippedLines(
	order: MagentoOrder,
	sent: ItemQty[],
	separate: SeparateBundles,
): Array<{ order_item_id: number; sku: string; qty: number }> {
	const rows = order.items ?? [];
	if (sent.length === 0)
		return actionableItems(rows, 'ship', separate)
			.map((i) => ({ order_item_id: Number(i.item_id), sku: i.sku, qty: remainingQty(i, 'ship') }))
			.filter((l) => l.qty > 0);
	const byId = new Map(rows.map((i) => [Number(i.item_id), i]));
	return sent.map((l) => ({
		order_item_id: l.order_item_id,
		sku: byId.get(Number(l.order_item_id))?.sku ?? '',
		qty: l.qty,
	}));
}

export { serialiseByOrder as serialiseBy } from '../common';
