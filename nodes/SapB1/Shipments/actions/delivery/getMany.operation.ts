import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { NormalisedDelivery } from '../../model';
import type { DeliverySource } from '../../sources/types';
import { parseDocEntryList } from '../../helpers/docEntryList';
import { fromParts, parseWatermark, type Watermark } from '../../helpers/watermark';
import { connectionOptionProperties, webOrderFieldOption } from '../common';
import { returnAllOrLimit } from '../../../../shared/properties';

const properties: INodeProperties[] = [
	{
		displayName: 'Changed After',
		name: 'watermarkInput',
		type: 'options',
		options: [
			{
				name: 'Watermark Object',
				value: 'object',
				description: 'A watermark { date, time, docEntry }, e.g. the cursor from a sync checkpoint',
			},
			{
				name: 'Date and Time Fields',
				value: 'fields',
				description: 'Enter the update date, time and DocEntry separately',
			},
		],
		default: 'object',
		description:
			'How to give the point after which changed deliveries are returned (SAP server time)',
	},
	{
		displayName: 'Watermark',
		name: 'watermark',
		type: 'json',
		default: '{}',
		placeholder: '{ "date": "2025-06-03", "time": "10:15:00", "docEntry": 12 }',
		description:
			'Return deliveries changed after this point: { date: UpdateDate YYYY-MM-DD, time: UpdateTS HH:MM:SS or HHMMSS, docEntry }, compared as a tuple. Use an expression that reads the cursor of a sync checkpoint item. Empty returns everything from the beginning. Each output item carries the watermark to commit after processing it.',
		displayOptions: { show: { watermarkInput: ['object'] } },
	},
	{
		displayName: 'Update Date',
		name: 'afterDate',
		type: 'string',
		default: '',
		placeholder: '2025-06-03',
		description:
			'UpdateDate (YYYY-MM-DD) of the watermark; empty returns everything from the beginning',
		displayOptions: { show: { watermarkInput: ['fields'] } },
	},
	{
		displayName: 'Update Time',
		name: 'afterTime',
		type: 'string',
		default: '',
		placeholder: '10:15:00',
		description: 'UpdateTS of the watermark, HH:MM:SS or HHMMSS (SAP server time)',
		displayOptions: { show: { watermarkInput: ['fields'] } },
	},
	{
		displayName: 'After DocEntry',
		name: 'afterDocEntry',
		type: 'number',
		default: 0,
		description:
			'DocEntry of the last delivery already processed at that date and time (0 for none)',
		displayOptions: { show: { watermarkInput: ['fields'] } },
	},
	{
		displayName: 'Only With Tracking Number',
		name: 'onlyWithTracking',
		type: 'boolean',
		default: true,
		description: 'Whether to return only deliveries that have a tracking number',
	},
	{
		displayName: 'Only Based on Web Orders',
		name: 'onlyWebOrders',
		type: 'boolean',
		default: false,
		description: 'Whether to return only deliveries whose base sales order has a web order number',
	},
	{
		displayName: 'Exclude Cancelled',
		name: 'excludeCancelled',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out cancelled deliveries and their cancellation documents',
	},
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 100,
				description: 'Deliveries read per round trip',
			},
			{
				displayName: 'Also Fetch Deliveries',
				name: 'alsoFetchDocEntries',
				type: 'string',
				default: '',
				placeholder: '={{ $json.retryIds }}',
				description:
					'DocEntries of deliveries to return as well, whatever the watermark, e.g. the retry list of a sync checkpoint: comma-separated (12, 15) or an expression returning an array. The other filters still apply; unknown DocEntries are left out. They come first, before the changed deliveries, each with its own watermark, never twice, and do not count towards the limit.',
			},
			webOrderFieldOption,
			...connectionOptionProperties,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['delivery'], operation: ['getMany'] } },
	properties,
);

function watermarkParameter(ctx: IExecuteFunctions, i: number): Watermark | undefined {
	try {
		if (ctx.getNodeParameter('watermarkInput', i, 'object') === 'fields')
			return fromParts(
				ctx.getNodeParameter('afterDate', i, ''),
				ctx.getNodeParameter('afterTime', i, ''),
				ctx.getNodeParameter('afterDocEntry', i, 0),
			);
		return parseWatermark(ctx.getNodeParameter('watermark', i, ''));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Invalid watermark: ${(error as Error).message}`, {
			itemIndex: i,
		});
	}
}

function alsoFetchParameter(ctx: IExecuteFunctions, i: number, options: IDataObject): number[] {
	try {
		return parseDocEntryList(options.alsoFetchDocEntries);
	} catch (error) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Also Fetch Deliveries: ${(error as Error).message}`,
			{ itemIndex: i },
		);
	}
}

/**
 * The deliveries changed after the watermark and, before them, the Also Fetch deliveries that
 * are not among them (in watermark order, each keeping its own watermark).
 */
export async function execute(
	this: IExecuteFunctions,
	source: DeliverySource,
	i: number,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const options = this.getNodeParameter('options', i, {}) as IDataObject & {
		pageSize?: number;
		webOrderField?: string;
	};
	const alsoFetch = alsoFetchParameter(this, i, options);
	const filters = {
		onlyWithTracking: this.getNodeParameter('onlyWithTracking', i, true) as boolean,
		onlyWebOrders: this.getNodeParameter('onlyWebOrders', i, false) as boolean,
		excludeCancelled: this.getNodeParameter('excludeCancelled', i, true) as boolean,
		webOrderField: options.webOrderField || 'NumAtCard',
		itemIndex: i,
	};
	const after = watermarkParameter(this, i);
	const request = {
		...filters,
		after,
		limit: returnAll ? undefined : Math.max(1, Number(this.getNodeParameter('limit', i, 50))),
		pageSize: Math.max(1, Math.floor(Number(options.pageSize ?? 100))),
	};
	let changed: IDataObject[] = (await source.deliveriesAfter(request)) as unknown as IDataObject[];
	// Read from a watermark (a sync cursor): say how many changed deliveries a limit left for later runs.
	if (after && !returnAll) {
		const last = changed[changed.length - 1] as unknown as NormalisedDelivery | undefined;
		const remaining =
			changed.length < (request.limit ?? Infinity)
				? 0
				: await source.remainingAfter({ ...request, after: last?.watermark ?? after });
		changed = changed.map((d) => ({ ...d, remaining }));
	}
	const already = new Set(changed.map((d) => Number(d.DocEntry)));
	const missing = alsoFetch.filter((entry) => !already.has(entry));
	if (missing.length === 0) return changed;
	const extra = await source.deliveriesByEntries({ ...filters, docEntries: missing });
	return [...(extra as unknown as IDataObject[]), ...changed];
}
