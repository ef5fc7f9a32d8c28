import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as customApiCall from './actions/customApiCall/call.operation';
import * as invoice from './actions/invoice';
import * as order from './actions/order';
import * as price from './actions/price';
import { operationSubtitle } from '../shared/subtitle';
import { router } from './actions/router';
import * as shipment from './actions/shipment';
import * as sourceItem from './actions/sourceItem';
import * as stockItem from './actions/stockItem';
import { loadOptions } from './methods';
import { magento2StoreConnectionTest } from './methods/credentialTest';
import { connectionOptions } from '../shared/properties';
import { REDIS_CREDENTIAL, redisConnectionTest } from '../shared/coordination';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Custom API Call', value: customApiCall.RESOURCE },
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Order', value: 'order' },
			{ name: 'Price', value: 'price' },
			{ name: 'Shipment', value: 'shipment' },
			{
				name: 'Source Item (MSI Stock)',
				value: 'sourceItem',
				description: 'Stock per source on stores with Multi-Source Inventory',
			},
			{
				name: 'Stock Item (Legacy Stock)',
				value: 'stockItem',
				description: 'Stock on stores without Multi-Source Inventory',
			},
		],
		default: 'order',
	},
	...order.description,
	...shipment.description,
	...invoice.description,
	...sourceItem.description,
	...stockItem.description,
	...price.description,
	customApiCall.operationProperty,
	...customApiCall.description,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: connectionOptions('Magento', { timeoutMs: 30000 }),
	},
];

export class Magento2Store implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Magento 2 Store',
		name: 'magento2Store',
		icon: { light: 'file:magento2Store.svg', dark: 'file:magento2Store.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Read and update Magento 2 / Adobe Commerce orders, shipments and invoices; update stock and prices in bulk',
		defaults: { name: 'Magento 2 Store' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'magento2StoreApi', required: true, testedBy: 'magento2StoreConnectionTest' },
			{
				name: REDIS_CREDENTIAL,
				required: true,
				testedBy: 'redisConnectionTest',
				displayOptions: { show: { coordination: ['redis'] } },
			},
		],
		properties,
	};

	methods = { loadOptions, credentialTest: { redisConnectionTest, magento2StoreConnectionTest } };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
