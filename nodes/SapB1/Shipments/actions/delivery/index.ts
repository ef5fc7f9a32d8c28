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
		displayOptions: { show: { resource: ['delivery'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one delivery by DocEntry or DocNum',
				action: 'Get a delivery',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get deliveries changed after a watermark',
				action: 'Get many deliveries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
