import type { INodeProperties } from 'n8n-workflow';
import { connectionOptions } from '../../../shared/properties';
import { webOrderFieldProperty } from '../../shared/webOrderField';

/** Where the base sales order keeps the web order number (validated before use). */
export const webOrderFieldOption: INodeProperties = webOrderFieldProperty;

/** Connection options shared by the operations (read from the first item for the whole run). */
export const tuningOptions: INodeProperties[] = connectionOptions('SAP', { timeoutMs: 60000 });
