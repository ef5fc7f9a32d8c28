import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['item'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one item with its stock and price',
				action: 'Get an item',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get items with their stock per warehouse and their price from a price list',
				action: 'Get many items',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
