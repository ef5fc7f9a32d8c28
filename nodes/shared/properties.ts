import type { IDataObject, INodeProperties } from 'n8n-workflow';

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

/** How a node talks to a remote system; the same four options on every node of the package. */
export interface ConnectionSettings {
	concurrency: number;
	retries: number;
	retryDelayMs: number;
	timeoutMs: number;
}

/** The Concurrency / Retries / Retry Delay / Timeout options, for a node's "Options" collection. */
export function connectionOptions(system: string, { timeoutMs }: { timeoutMs: number }): INodeProperties[] {
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
export function readConnectionSettings(options: IDataObject, defaults: { timeoutMs: number }): ConnectionSettings {
	const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
	return {
		concurrency: Math.max(1, Math.floor(num(options.concurrency, 4))),
		retries: Math.floor(num(options.retries, 4)),
		retryDelayMs: num(options.retryDelayMs, 500),
		timeoutMs: Math.max(1, num(options.timeout, defaults.timeoutMs)),
	};
}

/** Sorts a collection's options by display name, as n8n lists them. */
export function byDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
