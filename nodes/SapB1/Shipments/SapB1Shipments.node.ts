import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as customApiCall from '../shared/customApiCall/call.operation';
import * as delivery from './actions/delivery';
import { SOURCE_SUBTITLE } from '../shared/sourceDescription';
import { operationSubtitle } from '../../shared/subtitle';
import { router } from './actions/router';
import { sapB1ServiceLayerLoginTest } from '../shared/methods/credentialTest';
import { sapB1SqlServerConnectionTest } from './methods/credentialTest';

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Service Layer',
				value: 'serviceLayer',
				description:
					'Read DeliveryNotes through the SAP B1 Service Layer (SQL Server and HANA; no database access needed)',
			},
			{
				name: 'SQL Server',
				value: 'sqlServer',
				description: 'Read the company database directly (read-only SQL login); one query per page',
			},
		],
		default: 'serviceLayer',
		description: 'Where the deliveries are read from; each source has its own credential',
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Custom API Call', value: customApiCall.RESOURCE },
			{ name: 'Delivery', value: 'delivery' },
		],
		default: 'delivery',
	},
	...delivery.description,
	customApiCall.operationProperty,
	...customApiCall.description,
];

export class SapB1Shipments implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP B1 Shipments',
		name: 'sapB1Shipments',
		icon: { light: 'file:sapB1Shipments.svg', dark: 'file:sapB1Shipments.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle(properties, SOURCE_SUBTITLE),
		description:
			'Read SAP Business One deliveries (with tracking numbers and web order numbers) from SQL Server or the Service Layer',
		defaults: { name: 'SAP B1 Shipments' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Each credential is shown for its source through `hide`, not `show`: n8n's editor takes a
		// parameter whose every option appears in the credentials' `show` conditions for the
		// authentication selector (getMainAuthField / findAlternativeAuthField) and hides it from the
		// parameters, so Source would only be chosen through the credential type. Source is a
		// parameter of its own: the user picks it, then the credential it needs. (Written out here,
		// not shared: n8n's lint looks for each credential's testedBy in the node file.)
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
		properties,
	};

	methods = {
		credentialTest: { sapB1SqlServerConnectionTest, sapB1ServiceLayerLoginTest },
	};

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
