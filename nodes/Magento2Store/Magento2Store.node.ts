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
import { operationSubtitle } from '../shared/subtitle';
import { router } from './actions/router';
import * as shipment from './actions/shipment';
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
			{ name: 'Shipment', value: 'shipment' },
		],
		default: 'order',
	},
	...order.description,
	...shipment.description,
	...invoice.description,
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
		description: 'Read and update Magento 2 / Adobe Commerce orders, shipments and invoices',
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
