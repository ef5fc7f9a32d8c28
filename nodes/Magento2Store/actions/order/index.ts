import type { INodeProperties } from 'n8n-workflow';
import * as addComment from './addComment.operation';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as hold from './hold.operation';
import * as unhold from './unhold.operation';

export { addComment, cancel, get, getMany, hold, unhold };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Add Comment',
				value: 'addComment',
				description: "Add a comment to an order's history",
				action: 'Add a comment to an order',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel an order',
				action: 'Cancel an order',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an order by increment ID or entity ID',
				action: 'Get an order',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get orders changed or created since a time',
				action: 'Get many orders',
			},
			{ name: 'Hold', value: 'hold', description: 'Put an order on hold', action: 'Hold an order' },
			{
				name: 'Unhold',
				value: 'unhold',
				description: 'Release an order from hold',
				action: 'Unhold an order',
			},
		],
		default: 'getMany',
	},
	...addComment.description,
	...cancel.description,
	...get.description,
	...getMany.description,
	...hold.description,
	...unhold.description,
];
