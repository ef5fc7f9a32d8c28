import type { INodeProperties } from 'n8n-workflow';
import { connectionOptions } from '../../../shared/properties';
import { webOrderFieldProperty } from '../../shared/webOrderField';

/** Where the base sales order keeps the web order number (validated before use). */
export const webOrderFieldOption: INodeProperties = webOrderFieldProperty;

/** The connection options (Concurrency, Retries, Retry Delay, Timeout) in the operations' Options collection. */
export const connectionOptionProperties: INodeProperties[] = connectionOptions('SAP', {
	timeoutMs: 60000,
});
