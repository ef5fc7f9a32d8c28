import type { INodeProperties } from 'n8n-workflow';
import { optionsProperty } from './common';
import { webOrderFieldProperty } from '../../../shared/webOrderField';
import * as cancel from './cancel.operation';
import * as close from './close.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { cancel, close, create, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel a sales order',
				action: 'Cancel a sales order',
			},
			{
				name: 'Close',
				value: 'close',
				description: 'Close a sales order',
				action: 'Close a sales order',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a sales order once per web order',
				action: 'Create a sales order',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a sales order by document entry or web order number',
				action: 'Get a sales order',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many sales orders',
				action: 'Get many sales orders',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a sales order',
				action: 'Update a sales order',
			},
		],
		default: 'create',
	},
	{
		...webOrderFieldProperty,
		displayOptions: { show: { resource: ['order'], operation: ['create', 'get', 'getMany'] } },
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...close.description,
	...cancel.description,
	{ ...optionsProperty, displayOptions: { show: { resource: ['order'] } } },
];
