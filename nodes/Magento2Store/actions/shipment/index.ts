import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export { create, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shipment'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Ship an order (idempotent by tracking number)',
				action: 'Create a shipment',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the shipments of an order',
				action: 'Get many shipments',
			},
		],
		default: 'create',
	},
	...create.description,
	...getMany.description,
];
