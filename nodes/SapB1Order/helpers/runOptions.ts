import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { assertODataName } from '../../shared/odata';
import { byDisplayName, connectionOptions, readConnectionSettings, type ConnectionSettings } from '../../shared/properties';
import { configureServiceLayer } from '../../SapB1/transport/serviceLayer';

/** The "Options" collection shown for every operation: how the node talks to SAP. */
export const runOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: byDisplayName([
		...connectionOptions('SAP', { timeoutMs: 60000 }),
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 100,
			description: 'Records per request when reading lists (Get Many); asked for with Prefer: odata.maxpagesize',
		},
	]),
};

export interface RunOptions extends ConnectionSettings {
	pageSize: number;
}

/** Reads the Options collection (from the first item) and applies it to the Service Layer transport. */
export function applyRunOptions(ctx: IExecuteFunctions): RunOptions {
	const given = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const pageSize = Number(given.pageSize);
	const options: RunOptions = {
		...readConnectionSettings(given, { timeoutMs: 60000 }),
		pageSize: Number.isFinite(pageSize) && pageSize >= 1 ? Math.floor(pageSize) : 100,
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
