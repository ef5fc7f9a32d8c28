import type { INodeProperties } from 'n8n-workflow';
import * as update from './update.operation';

export { update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sourceItem'] } },
		options: [
			{
				name: 'Update',
				value: 'update',
				description:
					'Set the quantity and stock status of products in MSI sources, in bulk, only where they differ',
				action: 'Update source items',
			},
		],
		default: 'update',
	},
	...update.description,
];
