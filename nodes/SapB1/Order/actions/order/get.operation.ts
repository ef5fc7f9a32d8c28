import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { ItemRecord } from '../../../../shared/runner';
import type { ServiceLayerClient } from '../../../shared/transport/ServiceLayerClient';
import { findOrdersByWebOrderNumbers } from '../../helpers/exactlyOnce';
import { docEntryOf, readOrder, webOrderFieldOf } from '../../helpers/orders';
import { docEntryProperty } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'by',
		type: 'options',
		options: [
			{ name: 'Document Entry', value: 'docEntry' },
			{ name: 'Web Order Number', value: 'webOrderNumber' },
		],
		default: 'docEntry',
	},
	{ ...docEntryProperty, displayOptions: { show: { by: ['docEntry'] } } },
	{
		displayName: 'Web Order Number',
		name: 'webOrderNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { by: ['webOrderNumber'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: ServiceLayerClient,
	i: number,
	record: ItemRecord,
): Promise<IDataObject> {
	if (this.getNodeParameter('by', i) === 'docEntry')
		return await readOrder(client, docEntryOf(this, i), i);
	const webOrderNumber = String(this.getNodeParameter('webOrderNumber', i, '')).trim();
	if (!webOrderNumber)
		throw new NodeOperationError(this.getNode(), 'Web Order Number is required', { itemIndex: i });
	record.webOrderNumber = webOrderNumber;
	const field = webOrderFieldOf(this, i);
	const found = (await findOrdersByWebOrderNumbers(client, field, [webOrderNumber], i)).get(
		webOrderNumber,
	);
	if (!found)
		throw new NodeOperationError(
			this.getNode(),
			`Web order ${webOrderNumber}: no sales order with ${field} = "${webOrderNumber}" in SAP`,
			{ itemIndex: i },
		);
	return found;
}
