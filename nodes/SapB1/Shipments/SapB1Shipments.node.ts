import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as delivery from './actions/delivery';
import { router } from './actions/router';
import { sapB1SqlServerConnectionTest } from './methods/credentialTest';

export class SapB1Shipments implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP B1 Shipments',
		name: 'sapB1Shipments',
		icon: { light: 'file:sapB1Shipments.svg', dark: 'file:sapB1Shipments.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read SAP Business One deliveries (with tracking numbers and web order numbers) from SQL Server or the Service Layer',
		defaults: { name: 'SAP B1 Shipments' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'sapB1SqlServerApi',
				required: true,
				testedBy: 'sapB1SqlServerConnectionTest',
				displayOptions: { show: { source: ['sqlServer'] } },
			},
			{
				name: 'sapB1ServiceLayerApi',
				required: true,
				displayOptions: { show: { source: ['serviceLayer'] } },
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
						name: 'SQL Server',
						value: 'sqlServer',
						description:
							'Read the company database directly (read-only SQL login); one query per page',
					},
					{
						name: 'Service Layer',
						value: 'serviceLayer',
						description: 'Read DeliveryNotes through the SAP B1 Service Layer (also on HANA)',
					},
				],
				default: 'sqlServer',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Delivery', value: 'delivery' }],
				default: 'delivery',
			},
			...delivery.description,
		],
	};

	methods = {
		credentialTest: { sapB1SqlServerConnectionTest },
	};

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
