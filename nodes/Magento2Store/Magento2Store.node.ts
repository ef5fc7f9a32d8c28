import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as invoice from './actions/invoice';
import * as order from './actions/order';
import * as price from './actions/price';
import { router } from './actions/router';
import * as shipment from './actions/shipment';
import * as sourceItem from './actions/sourceItem';
import * as stockItem from './actions/stockItem';
import { loadOptions } from './methods';
import { connectionOptions } from '../shared/properties';
import { REDIS_CREDENTIAL, redisConnectionTest } from '../shared/coordination';

export class Magento2Store implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Magento 2 Store',
		name: 'magento2Store',
		icon: { light: 'file:magento2Store.svg', dark: 'file:magento2Store.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read and update Magento 2 / Adobe Commerce orders, shipments and invoices; update stock and prices in bulk',
		defaults: { name: 'Magento 2 Store' },
		usableAsTool: true,
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'magento2StoreApi', required: true },
			{
				name: REDIS_CREDENTIAL,
				required: true,
				testedBy: 'redisConnectionTest',
				displayOptions: { show: { coordination: ['redis'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
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
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: connectionOptions('Magento', { timeoutMs: 30000 }),
			},
		],
	};

	methods = { loadOptions, credentialTest: { redisConnectionTest } };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
