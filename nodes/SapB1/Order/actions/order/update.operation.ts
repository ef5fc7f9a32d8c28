import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { ItemRecord } from '../../../../shared/runner';
import type { ServiceLayerClient } from '../../../shared/transport/ServiceLayerClient';
import { parseJsonObject } from '../../helpers/createInput';
import { docEntryOf, readOrder } from '../../helpers/orders';
import { SAP_FIELD_LENGTHS, truncate } from '../../mapping/text';
import { docEntryProperty } from './common';

const properties: INodeProperties[] = [
	docEntryProperty,
	{
		displayName: 'Update With',
		name: 'updateMode',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields' },
			{ name: 'Raw JSON', value: 'json' },
		],
		default: 'fields',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { updateMode: ['fields'] } },
		options: [
			{ displayName: 'Comments', name: 'Comments', type: 'string', default: '' },
			{
				displayName: 'Customer Reference (NumAtCard)',
				name: 'NumAtCard',
				type: 'string',
				default: '',
			},
			{ displayName: 'Due Date', name: 'DocDueDate', type: 'dateTime', default: '' },
			{
				displayName: 'Shipping Type Name or ID',
				name: 'TransportationCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getShippingTypes' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{ displayName: 'Tracking Number', name: 'TrackingNumber', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Changes (JSON)',
		name: 'changesJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { updateMode: ['json'] } },
		description:
			'Properties to change (PATCH body). Collections such as DocumentLines are merged by LineNum.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['update'] } },
	properties,
);

export function changesFromFields(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === '' || value === undefined || value === null) continue;
		if (key === 'DocDueDate') body[key] = String(value).slice(0, 10);
		// Free text is cut to SAP's column (UTF-16 units, on a grapheme boundary); identifiers are sent as they are.
		else if (key === 'Comments') body[key] = truncate(String(value), SAP_FIELD_LENGTHS.Comments);
		else if (key === 'TransportationCode') body[key] = Number(value);
		else body[key] = value;
	}
	return body;
}

export async function execute(
	this: IExecuteFunctions,
	client: ServiceLayerClient,
	i: number,
	record: ItemRecord,
): Promise<IDataObject> {
	const docEntry = docEntryOf(this, i);
	record.DocEntry = docEntry;
	const mode = this.getNodeParameter('updateMode', i) as string;
	const body =
		mode === 'json'
			? parseJsonObject(this, this.getNodeParameter('changesJson', i, '{}'), 'Changes (JSON)', i)
			: changesFromFields(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	// A PATCH sets values: repeating it after a lost answer changes nothing more.
	if (Object.keys(body).length > 0)
		await client.request('PATCH', `/Orders(${docEntry})`, {
			body,
			expect: { kind: 'noContent' },
			itemIndex: i,
			errorContext: `Sales order ${docEntry}`,
		});
	return await readOrder(client, docEntry, i);
}
