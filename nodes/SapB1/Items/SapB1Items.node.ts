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
import { sapB1ServiceLayerLoginTest } from '../shared/methods/credentialTest';
import { SOURCE_SUBTITLE } from '../shared/sourceDescription';
import { operationSubtitle } from '../../shared/subtitle';

export class SapB1Items implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP B1 Items',
		name: 'sapB1Items',
		icon: { light: 'file:sapB1Items.svg', dark: 'file:sapB1Items.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(item.description, SOURCE_SUBTITLE),
		description:
			'Read SAP Business One items with their stock per warehouse and their price from a price list, from the Service Layer or SQL Server',
		defaults: { name: 'SAP B1 Items' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Shown through `hide`, not `show`, so that Source stays a visible parameter (see SAP B1 Shipments).
		credentials: [
			{
				name: 'sapB1ServiceLayerApi',
				required: true,
				testedBy: 'sapB1ServiceLayerLoginTest',
				displayOptions: { hide: { source: ['sqlServer'] } },
			},
			{
				name: 'sapB1SqlServerApi',
				required: true,
				testedBy: 'sapB1SqlServerConnectionTest',
				displayOptions: { hide: { source: ['serviceLayer'] } },
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
		credentialTest: { sapB1SqlServerConnectionTest, sapB1ServiceLayerLoginTest },
	};

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
