import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { ItemRecord } from '../../../../shared/runner';
import type { DeliveryKey, DeliverySource } from '../../sources/types';
import { connectionOptionProperties, webOrderFieldOption } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Get By',
		name: 'getBy',
		type: 'options',
		options: [
			{ name: 'DocEntry', value: 'DocEntry', description: 'The internal key of the delivery' },
			{ name: 'DocNum', value: 'DocNum', description: 'The delivery number users see in SAP B1' },
		],
		default: 'DocEntry',
	},
	{
		displayName: 'Value',
		name: 'key',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 0,
		required: true,
		description: 'DocEntry or DocNum of the delivery',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [webOrderFieldOption, ...connectionOptionProperties],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['delivery'], operation: ['get'] } },
	properties,
);

const KEYS: readonly DeliveryKey[] = ['DocEntry', 'DocNum'];

export async function execute(
	this: IExecuteFunctions,
	source: DeliverySource,
	i: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	const key = this.getNodeParameter('getBy', i, 'DocEntry') as DeliveryKey;
	// The choice names a column in the query: only the two listed are accepted.
	if (!KEYS.includes(key))
		throw new NodeOperationError(
			this.getNode(),
			`Get By "${String(key)}" is not one of ${KEYS.join(', ')}`,
			{ itemIndex: i },
		);
	const value = Number(this.getNodeParameter('key', i));
	record[key] = this.getNodeParameter('key', i, null) as number;
	if (!Number.isInteger(value) || value <= 0)
		throw new NodeOperationError(
			this.getNode(),
			`Delivery ${key} "${String(value)}" is not a positive whole number`,
			{ itemIndex: i },
		);
	const options = this.getNodeParameter('options', i, {}) as { webOrderField?: string };
	const found = await source.deliveriesByKey(key, value, options.webOrderField || 'NumAtCard', i);
	if (found.length === 0)
		throw new NodeOperationError(this.getNode(), `Delivery with ${key} ${value} not found`, {
			itemIndex: i,
		});
	return found as unknown as IDataObject[];
}
