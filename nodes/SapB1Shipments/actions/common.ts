import type { INodeProperties } from 'n8n-workflow';
import { connectionOptions } from '../../shared/properties';

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
export const tuningOptions: INodeProperties[] = connectionOptions('SAP', { timeoutMs: 60000 });
