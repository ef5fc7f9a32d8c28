import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The "Return All" switch and the "Limit" it hides, as every list operation shows them. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/**
 * How a node talks to a remote system: the same four options (Concurrency, Retries, Retry Delay,
 * Timeout) on every node of the package, read into this one shape that every client takes.
 */
export interface ConnectionSettings {
	/** Items worked on (requests in flight) at once. */
	concurrency: number;
	/** Further attempts after 429, 5xx, a timeout, a dropped connection or an unexpected answer. */
	retries: number;
	/** First back-off delay; doubles with each further attempt. */
	retryDelayMs: number;
	/** How long to wait for one answer. */
	timeoutMs: number;
}

export const DEFAULT_CONNECTION: ConnectionSettings = {
	concurrency: 4,
	retries: 4,
	retryDelayMs: 500,
	timeoutMs: 60_000,
};

/** The Concurrency / Retries / Retry Delay / Timeout options, for a node's "Options" collection. */
export function connectionOptions(
	system: string,
	{ timeoutMs }: { timeoutMs: number },
): INodeProperties[] {
	return [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 32 },
			default: 4,
			description: `Max number of requests to ${system} in flight at once`,
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 4,
			description:
				'Further attempts after HTTP 429, 5xx, a timeout or a dropped connection (never after a business error; writes that may have been done are checked first)',
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
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: timeoutMs,
			description: `How long to wait for one answer from ${system}`,
		},
	];
}

/** Reads the options above from a node's "Options" collection, with the same defaults. */
export function readConnectionSettings(
	options: IDataObject,
	defaults: { timeoutMs: number },
): ConnectionSettings {
	const num = (v: unknown, d: number) =>
		typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d;
	return {
		concurrency: Math.max(1, Math.floor(num(options.concurrency, DEFAULT_CONNECTION.concurrency))),
		retries: Math.floor(num(options.retries, DEFAULT_CONNECTION.retries)),
		retryDelayMs: num(options.retryDelayMs, DEFAULT_CONNECTION.retryDelayMs),
		timeoutMs: Math.max(1, num(options.timeout, defaults.timeoutMs)),
	};
}

/** The node's connection settings from its "Options" collection (read from the first item). */
export function connectionSettingsOf(
	ctx: IExecuteFunctions,
	defaults: { timeoutMs: number },
	collection = 'options',
): ConnectionSettings {
	return readConnectionSettings(
		(ctx.getNodeParameter(collection, 0, {}) as IDataObject) ?? {},
		defaults,
	);
}

/** Sorts a collection's options by display name, as n8n lists them. */
export function byDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
