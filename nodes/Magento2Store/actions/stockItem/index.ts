import type { INodeProperties } from 'n8n-workflow';
import * as update from './update.operation';

export { update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stockItem'] } },
		options: [
			{
				name: 'Update',
				value: 'update',
				description:
					'Set the quantity and stock status of products on a store without Multi-Source Inventory, only where they differ',
				action: 'Update stock items',
			},
		],
		default: 'update',
	},
	...update.description,
];
