import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import {
	assertODataName,
	isSapDay,
	odataDate,
	odataString,
	type ServiceLayerVersion,
} from '../../../../shared/odata';
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

/** The day of a date(-time) parameter as `YYYY-MM-DD`; an Error naming the filter when it is none. */
function day(value: unknown, name: string): string {
	const text = String(value ?? '').trim();
	const d = text.slice(0, 10);
	if (!isSapDay(d) || (text.length > 10 && !/^[T ]/.test(text.slice(10))))
		throw new Error(`${name} "${text}" is not a date (YYYY-MM-DD)`);
	return d;
}

const STATUSES: Record<string, string> = {
	open: "DocumentStatus eq 'bost_Open'",
	closed: "DocumentStatus eq 'bost_Close'",
};

/**
 * The `$filter` of Get Many. Values are escaped (`odataString`) or checked (dates, the status
 * choice against its fixed list); the only field name that varies, the web order number field,
 * is checked against its pattern by the caller.
 */
export function ordersFilter(
	filters: IDataObject,
	webOrderField: string,
	version: ServiceLayerVersion = 'v2',
): string {
	const parts: string[] = [];
	if (filters.cardCode) parts.push(`CardCode eq ${odataString(String(filters.cardCode).trim())}`);
	if (filters.status !== undefined && filters.status !== '') {
		const status = STATUSES[String(filters.status)];
		if (!status)
			throw new Error(
				`Status "${String(filters.status)}" is not one of ${Object.keys(STATUSES).join(', ')}`,
			);
		parts.push(status);
	}
	if (filters.dateFrom)
		parts.push(`DocDate ge ${odataDate(day(filters.dateFrom, 'Date From'), version)}`);
	if (filters.dateTo)
		parts.push(`DocDate le ${odataDate(day(filters.dateTo, 'Date To'), version)}`);
	if (filters.updatedSince)
		parts.push(`UpdateDate ge ${odataDate(day(filters.updatedSince, 'Updated Since'), version)}`);
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
	let filter: string;
	try {
		filter = ordersFilter(
			this.getNodeParameter('filters', i, {}) as IDataObject,
			webOrderFieldOf(this, i),
			client.version,
		);
	} catch (error) {
		if (error instanceof NodeOperationError) throw error;
		throw new NodeOperationError(this.getNode(), `Filters: ${(error as Error).message}`, {
			itemIndex: i,
		});
	}
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
