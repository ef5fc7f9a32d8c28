import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { assertODataName, odataString } from '../../../../shared/odata';
import { returnAllOrLimit } from '../../../../shared/properties';
import type { ServiceLayerClient } from '../../../shared/transport/ServiceLayerClient';
import { webOrderFieldOf } from '../../helpers/orders';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Customer Code',
				name: 'cardCode',
				type: 'string',
				default: '',
				placeholder: 'C20000',
			},
			{
				displayName: 'Date From',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description: 'Document date on or after this day',
			},
			{
				displayName: 'Date To',
				name: 'dateTo',
				type: 'dateTime',
				default: '',
				description: 'Document date on or before this day',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Open', value: 'open' },
					{ name: 'Closed', value: 'closed' },
				],
				default: 'open',
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: 'Changed on or after this day (SAP compares whole days)',
			},
			{ displayName: 'Web Order Number', name: 'webOrderNumber', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Fields',
		name: 'select',
		type: 'string',
		default: '',
		placeholder: 'DocEntry,DocNum,CardCode,NumAtCard,DocTotal',
		description: 'Comma-separated properties to return (empty: the whole documents)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getMany'] } },
	properties,
);

const day = (value: unknown) => String(value ?? '').slice(0, 10);

export function ordersFilter(filters: IDataObject, webOrderField: string): string {
	const parts: string[] = [];
	if (filters.cardCode) parts.push(`CardCode eq ${odataString(String(filters.cardCode).trim())}`);
	if (filters.status === 'open') parts.push("DocumentStatus eq 'bost_Open'");
	if (filters.status === 'closed') parts.push("DocumentStatus eq 'bost_Close'");
	if (filters.dateFrom) parts.push(`DocDate ge ${odataString(day(filters.dateFrom))}`);
	if (filters.dateTo) parts.push(`DocDate le ${odataString(day(filters.dateTo))}`);
	if (filters.updatedSince) parts.push(`UpdateDate ge ${odataString(day(filters.updatedSince))}`);
	if (filters.webOrderNumber)
		parts.push(`${webOrderField} eq ${odataString(String(filters.webOrderNumber).trim())}`);
	return parts.join(' and ');
}

function selectedFields(ctx: IExecuteFunctions, i: number): string[] {
	try {
		return String(ctx.getNodeParameter('select', i, '') ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean)
			.map((s) => assertODataName(s, 'Field'));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex: i });
	}
}

export async function execute(
	this: IExecuteFunctions,
	client: ServiceLayerClient,
	i: number,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', i, 50));
	const pageSize = Number((this.getNodeParameter('options', i, {}) as IDataObject).pageSize);
	const filter = ordersFilter(
		this.getNodeParameter('filters', i, {}) as IDataObject,
		webOrderFieldOf(this, i),
	);
	const select = selectedFields(this, i);
	const qs: IDataObject = { $orderby: 'DocEntry' };
	if (filter) qs.$filter = filter;
	if (select.length) qs.$select = select.join(',');
	return await client.getAll('/Orders', {
		qs,
		limit,
		pageSize: Number.isFinite(pageSize) && pageSize >= 1 ? Math.floor(pageSize) : 100,
		itemIndex: i,
	});
}
