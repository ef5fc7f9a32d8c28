import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { searchBusinessPartners } from '../shared/methods/listSearch';
import {
	getExpenseCodes,
	getShippingTypes,
	getTaxCodes,
	getWarehouses,
} from '../shared/methods/loadOptions';
import {
	getShippingTaxCodes,
	getShippingTypesOrPartnerDefault,
	getShippingTypesOrUnchanged,
	getTaxCodesOrSapDefault,
	getWarehousesOrItemDefault,
} from '../shared/methods/optionalChoices';
import { sapB1ServiceLayerLoginTest } from '../shared/methods/credentialTest';
import { operationSubtitle } from '../../shared/subtitle';
import * as customApiCall from '../shared/customApiCall/call.operation';
import * as order from './actions/order';
import { router } from './actions/router';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Custom API Call', value: customApiCall.RESOURCE },
			{ name: 'Order', value: 'order' },
		],
		default: 'order',
	},
	...order.description,
	customApiCall.operationProperty,
	...customApiCall.description,
];

export class SapB1Order implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP B1 Order',
		name: 'sapB1Order',
		icon: { light: 'file:sapB1Order.svg', dark: 'file:sapB1Order.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Create (once per web order), read, update, close and cancel SAP Business One sales orders through the Service Layer',
		defaults: { name: 'SAP B1 Order' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'sapB1ServiceLayerApi', required: true, testedBy: 'sapB1ServiceLayerLoginTest' },
		],
		properties,
	};

	methods = {
		loadOptions: {
			getWarehouses,
			getTaxCodes,
			getShippingTypes,
			getExpenseCodes,
			getTaxCodesOrSapDefault,
			getShippingTaxCodes,
			getWarehousesOrItemDefault,
			getShippingTypesOrPartnerDefault,
			getShippingTypesOrUnchanged,
		},
		listSearch: { searchBusinessPartners },
		credentialTest: { sapB1ServiceLayerLoginTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
