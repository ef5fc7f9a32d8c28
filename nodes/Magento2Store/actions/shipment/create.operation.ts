import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { hasRemaining } from '../../helpers/orderItems';
import type { MagentoClient } from '../../transport/MagentoClient';
import { guardProperties, itemsProperties, orderRefProperties, serialiseByOrder } from '../common';
import { closeGuard, openGuard, type OrderGuard } from '../../helpers/guard';
import { loadOrder, type ItemRecord } from '../../helpers/orders';
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

export const prepare = openGuard;
export const release = closeGuard;

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
	guard: OrderGuard,
): Promise<IDataObject[]> {
	return await guard.hold(
		this,
		serialiseByOrder.call(this, itemIndex),
		itemIndex,
		async () => await create.call(this, client, itemIndex, record),
	);
}

async function create(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	const order = await loadOrder.call(this, client, itemIndex, record);
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

	const existing = await listOrderDocuments<Shipment>(client, 'ship', order.entity_id);
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
	if (!hasRemaining(order.items ?? [], 'ship')) return nothingLeft();

	const selection = selectItems.call(this, order, itemIndex, 'ship');
	if (this.getNodeParameter('itemsMode', itemIndex) !== 'all' && selection.items.length === 0)
		return nothingLeft({ skipped: selection.skipped });

	const options = this.getNodeParameter('shipOptions', itemIndex, {}) as IDataObject;
	const notify = this.getNodeParameter('notify', itemIndex) as boolean;
	const comment = String(options.comment ?? '').trim();
	const body: IDataObject = { items: selection.items, notify, tracks };
	if (comment) {
		body.appendComment = true;
		body.comment = { comment, is_visible_on_front: options.commentVisibleOnFront ? 1 : 0 };
	}
	if (options.sourceCode)
		body.arguments = { extension_attributes: { source_code: String(options.sourceCode) } };

	// The ship may have been committed before the connection dropped: the new shipment is the one with our tracking number.
	const posted = await postOrderDocument(
		client,
		'ship',
		order,
		body,
		existing,
		(fresh) => withTrack(fresh, trackNumbers) ?? fresh[0],
	);
	if ('nothingLeft' in posted) return nothingLeft({ magentoMessage: posted.nothingLeft });
	return [
		{
			...base,
			created: true,
			shipmentId: posted.id,
			notified: notify,
			items: selection.items,
			...(selection.skipped.length ? { skipped: selection.skipped } : {}),
			...(posted.recovered ? { recovered: true } : {}),
		},
	];
}

export { serialiseByOrder as serialiseBy } from '../common';
