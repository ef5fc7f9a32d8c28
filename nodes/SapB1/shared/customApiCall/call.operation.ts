/**
 * Custom API Call: any Service Layer request, through the node's ServiceLayerClient, so the
 * credential's session, the 401 re-login and the retries apply (a write is never repeated after an
 * answer was lost). The path stays below the credential's Service Layer root.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type INodeProperties,
} from 'n8n-workflow';
import { byDisplayName, connectionOptions } from '../../../shared/properties';
import { outcomeOfSync } from '../../../shared/outcome';
import { parseJson } from '../../../shared/json';
import type { ItemRecord } from '../../../shared/runner';
import { resolveSlUrl, type ServiceLayerClient } from '../transport/ServiceLayerClient';

export const RESOURCE = 'customApiCall';

const show = { resource: [RESOURCE], operation: ['call'] };
const WITH_BODY = ['POST', 'PATCH', 'PUT'];

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Make an API Call',
			value: 'call',
			description: 'Any Service Layer request, with the credential and its session',
			action: 'Make an API call',
		},
	],
	default: 'call',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		displayOptions: { show },
		options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((m) => ({ name: m, value: m })),
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		displayOptions: { show },
		default: '',
		required: true,
		placeholder: "/Items('A00001')",
		description:
			"Below the credential's Service Layer root (…/b1s/v2), e.g. /BusinessPartners('C20000') or /Items?$select=ItemCode,ItemName. The session is handled by the node (no /Login or /Logout).",
	},
	{
		displayName: 'Query Parameters',
		name: 'query',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show },
		default: {},
		placeholder: 'Add Query Parameter',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: '$filter',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: "CardType eq 'cCustomer'",
						description: "OData literals as SAP wants them (quote strings, double a ' inside)",
					},
				],
			},
		],
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		displayOptions: { show: { ...show, method: WITH_BODY } },
		default: '{}',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: byDisplayName([
			...connectionOptions('SAP', { timeoutMs: 60000 }),
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 100,
				description: 'Records per page with Return All Pages (Prefer: odata.maxpagesize)',
			},
			{
				displayName: 'Return All Pages',
				name: 'returnAllPages',
				type: 'boolean',
				default: false,
				description:
					'Whether a GET of a collection follows its next links to the end and outputs one item per record (otherwise the answer as it is, one item)',
			},
		]),
	},
];

/** The path, checked to stay below the Service Layer root (no other host, no session calls). */
export function checkedPath(root: string, path: string): string {
	const text = path.trim();
	if (!text) throw new Error('Path is empty');
	if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//'))
		throw new Error(`Path "${text}" must be a path below the Service Layer root, not a URL`);
	const url = new URL(resolveSlUrl(root, text));
	const base = new URL(`${root}/`);
	if (url.origin !== base.origin || !`${url.pathname}/`.startsWith(base.pathname))
		throw new Error(`Path "${text}" leaves the Service Layer root ${base.pathname}`);
	if (/^\/?(Login|Logout)\b/i.test(url.pathname.slice(base.pathname.length)))
		throw new Error('The node handles the session: /Login and /Logout cannot be called');
	return url.pathname.slice(base.pathname.length - 1) + url.search;
}

function queryOf(ctx: IExecuteFunctions, i: number): IDataObject | undefined {
	const rows = ((ctx.getNodeParameter('query', i, {}) as IDataObject).parameter ??
		[]) as IDataObject[];
	const qs: IDataObject = {};
	for (const row of rows) {
		const name = String(row.name ?? '').trim();
		if (name) qs[name] = String(row.value ?? '');
	}
	return Object.keys(qs).length ? qs : undefined;
}

function bodyOf(ctx: IExecuteFunctions, i: number): IDataObject | IDataObject[] {
	const raw = ctx.getNodeParameter('body', i, '{}');
	const parsed =
		typeof raw === 'string' ? parseJson(raw.trim() || '{}') : { ok: true as const, value: raw };
	if (!parsed.ok)
		throw new NodeOperationError(ctx.getNode(), `Body (JSON) is not valid JSON: ${parsed.reason}`, {
			itemIndex: i,
		});
	if (!parsed.value || typeof parsed.value !== 'object')
		throw new NodeOperationError(ctx.getNode(), 'Body (JSON) must be a JSON object or array', {
			itemIndex: i,
		});
	return parsed.value as IDataObject | IDataObject[];
}

/** What a custom call outputs: an object answer as it is, an array as one item per element, anything else wrapped. */
export function outputOf(body: unknown, status?: number): IDataObject | IDataObject[] {
	if (Array.isArray(body))
		return body.map((e) =>
			e && typeof e === 'object' && !Array.isArray(e) ? (e as IDataObject) : { value: e },
		);
	if (body && typeof body === 'object') return body as IDataObject;
	if (body === undefined || body === null || body === '')
		return { success: true, ...(status !== undefined ? { statusCode: status } : {}) };
	return { value: body as string | number | boolean };
}

export async function execute(
	this: IExecuteFunctions,
	client: ServiceLayerClient,
	i: number,
	record: ItemRecord,
): Promise<IDataObject | IDataObject[]> {
	const method = this.getNodeParameter('method', i) as IHttpRequestMethods;
	const checked = outcomeOfSync(() =>
		checkedPath(client.root, String(this.getNodeParameter('path', i, ''))),
	);
	if (!checked.ok)
		throw new NodeOperationError(this.getNode(), (checked.error as Error).message, {
			itemIndex: i,
		});
	const path = checked.value;
	record.request = `${method} ${path}`;
	const qs = queryOf(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	if (method === 'GET') {
		if (options.returnAllPages === true)
			return await client.getAll(path, {
				qs,
				pageSize: Number(options.pageSize ?? 100) || 100,
				itemIndex: i,
				errorContext: record.request as string,
			});
		const answer = await client.requestFull('GET', path, {
			qs,
			expect: { kind: 'any' },
			itemIndex: i,
			errorContext: record.request as string,
		});
		return outputOf(answer.checked, answer.status);
	}
	const { result } = await client.write<unknown>(method, path, {
		qs,
		body: WITH_BODY.includes(method) ? bodyOf(this, i) : undefined,
		expect: { kind: 'any' },
		itemIndex: i,
		errorContext: record.request as string,
	});
	return outputOf(result);
}
