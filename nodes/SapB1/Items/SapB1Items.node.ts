import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as item from './actions/item';
import { router } from './actions/router';
import * as loadOptions from './methods/loadOptions';
import { sapB1SqlServerConnectionTest } from '../Shipments/methods/credentialTest';

export class SapB1Items implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP B1 Items',
		name: 'sapB1Items',
		icon: { light: 'file:sapB1Items.svg', dark: 'file:sapB1Items.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read SAP Business One items with their stock per warehouse and their price from a price list, from the Service Layer or SQL Server',
		defaults: { name: 'SAP B1 Items' },
		usableAsTool: true,
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'sapB1ServiceLayerApi',
				required: true,
				displayOptions: { show: { source: ['serviceLayer'] } },
			},
			{
				name: 'sapB1SqlServerApi',
				required: true,
				testedBy: 'sapB1SqlServerConnectionTest',
				displayOptions: { show: { source: ['sqlServer'] } },
			},
		],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Service Layer',
						value: 'serviceLayer',
						description: 'Read Items through the SAP B1 Service Layer (also on HANA)',
					},
					{
						name: 'SQL Server',
						value: 'sqlServer',
						description:
							'Read OITM, OITW and ITM1 from the company database (read-only SQL login); one query per page',
					},
				],
				default: 'serviceLayer',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Item', value: 'item' }],
				default: 'item',
			},
			...item.description,
		],
	};

	methods = {
		loadOptions,
		credentialTest: { sapB1SqlServerConnectionTest },
	};

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
