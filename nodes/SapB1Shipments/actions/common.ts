import type { INodeProperties } from 'n8n-workflow';

/** Where the base sales order keeps the web order number (validated before use). */
export const webOrderFieldOption: INodeProperties = {
	displayName: 'Web Order Number Field',
	name: 'webOrderField',
	type: 'string',
	default: 'NumAtCard',
	placeholder: 'U_WebOrderNo',
	description:
		'Field of the base sales order that holds the web (Magento) order number: NumAtCard (customer reference) or a user field starting with U_',
};

/** Tuning options shared by the operations (read from the first item for the whole run). */
export const tuningOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 32 },
		default: 4,
		description: 'Service Layer: lookup requests (base orders) in flight at once',
	},
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 4,
		description: 'Further attempts after a timeout, dropped connection, 429 or 5xx answer',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: 60000,
		description: 'Time limit of one query or request, in milliseconds',
	},
];
