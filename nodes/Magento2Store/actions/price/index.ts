import type { INodeProperties } from 'n8n-workflow';
import * as updateBase from './updateBase.operation';
import * as updateSpecial from './updateSpecial.operation';

export { updateBase, updateSpecial };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['price'] } },
		options: [
			{
				name: 'Update Base Prices',
				value: 'updateBase',
				description: 'Set the prices of products, in bulk, only where they differ',
				action: 'Update base prices',
			},
			{
				name: 'Update Special Prices',
				value: 'updateSpecial',
				description:
					'Set or remove the special (sale) prices of products, in bulk, only where they differ',
				action: 'Update special prices',
			},
		],
		default: 'updateBase',
	},
	...updateBase.description,
	...updateSpecial.description,
];
