import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { assertODataName } from '../../shared/odata';
import { configureServiceLayer } from '../../SapB1/transport/serviceLayer';

/** The "Options" collection shown for every operation: how the node talks to SAP. */
export const runOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 32 },
			default: 4,
			description: 'How many requests to SAP may be in flight at the same time',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 100,
			description: 'Records per request when reading lists (Get Many); asked for with Prefer: odata.maxpagesize',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 4,
			description: 'How often to try again after HTTP 429, 5xx, a timeout or a dropped connection (never after a business error)',
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 500,
			description: 'First back-off delay; it doubles with each further attempt',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60000,
			description: 'How long to wait for one answer from the Service Layer',
		},
	],
};

export interface RunOptions {
	concurrency: number;
	pageSize: number;
	retries: number;
	retryDelayMs: number;
	timeoutMs: number;
}

/** Reads the Options collection (from the first item) and applies it to the Service Layer transport. */
export function applyRunOptions(ctx: IExecuteFunctions): RunOptions {
	const given = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
	const options: RunOptions = {
		concurrency: Math.max(1, Math.floor(num(given.concurrency, 4))),
		pageSize: Math.max(1, Math.floor(num(given.pageSize, 100))),
		retries: Math.floor(num(given.retries, 4)),
		retryDelayMs: num(given.retryDelayMs, 500),
		timeoutMs: Math.max(1, num(given.timeoutMs, 60000)),
	};
	configureServiceLayer(ctx, { retries: options.retries, retryDelayMs: options.retryDelayMs, timeoutMs: options.timeoutMs });
	return options;
}

/** The document property that carries the web order number: NumAtCard or a user field (U_...). */
export function webOrderFieldOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const field = String(ctx.getNodeParameter('webOrderField', itemIndex, 'NumAtCard') || 'NumAtCard').trim();
	return assertODataName(field, 'Web order number field');
}

/** A resource locator's value (or a plain string parameter). */
export function locatorValue(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) return String((value as IDataObject).value ?? '').trim();
	return String(value ?? '').trim();
}
