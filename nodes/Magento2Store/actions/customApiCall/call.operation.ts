/**
 * Custom API Call: any Magento REST request below `/rest/<store code>/V1`, through the node's
 * MagentoClient, so the credential's signing (OAuth 1.0a or bearer), strict answers and retries
 * apply (a write is resent only when it surely did not go through).
 */
import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type INodeProperties,
} from 'n8n-workflow';
import { parseJson } from '../../../shared/json';
import type { ItemRecord } from '../../../shared/runner';
import type { MagentoClient } from '../../transport/MagentoClient';

export const RESOURCE = 'customApiCall';
const WITH_BODY = ['POST', 'PUT'];

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
			description: 'Any Magento REST request, signed with the credential',
			action: 'Make an API call',
		},
	],
	default: 'call',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: ['DELETE', 'GET', 'POST', 'PUT'].map((m) => ({ name: m, value: m })),
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/products/24-MB01',
		description:
			'After /rest/&lt;store code&gt;/V1, e.g. /products/24-MB01, /invoices/12 or /orders/207/comments',
	},
	{
		displayName: 'Query Parameters',
		name: 'query',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
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
						placeholder: 'searchCriteria[pageSize]',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		displayOptions: { show: { method: WITH_BODY } },
		default: '{}',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: [RESOURCE], operation: ['call'] } },
	properties,
);

/** The path below /V1: no URL, no way out of the REST API. */
export function checkedPath(path: string): string {
	const text = path.trim();
	if (!text) throw new Error('Path is empty');
	if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//'))
		throw new Error(`Path "${text}" must be a path after /V1, not a URL`);
	const withSlash = text.startsWith('/') ? text : `/${text}`;
	if (withSlash.split(/[/?#]/).some((segment) => segment === '..' || segment === '.'))
		throw new Error(`Path "${text}" must not contain . or .. segments`);
	return withSlash.replace(/^\/V1(?=\/)/i, '');
}

function outputOf(body: unknown): IDataObject | IDataObject[] {
	if (Array.isArray(body))
		return body.map((e) =>
			e && typeof e === 'object' && !Array.isArray(e) ? (e as IDataObject) : { value: e },
		);
	if (body && typeof body === 'object') return body as IDataObject;
	if (body === undefined || body === null || body === '') return { success: true };
	return { value: body as string | number | boolean };
}

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	i: number,
	record: ItemRecord,
): Promise<IDataObject | IDataObject[]> {
	const method = this.getNodeParameter('method', i) as IHttpRequestMethods;
	let path: string;
	try {
		path = checkedPath(String(this.getNodeParameter('path', i, '')));
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: i });
	}
	record.request = `${method} ${path}`;
	const [pathOnly, inline] = path.split('?', 2);
	const qs: IDataObject = Object.fromEntries(new URLSearchParams(inline ?? ''));
	const rows = ((this.getNodeParameter('query', i, {}) as IDataObject).parameter ??
		[]) as IDataObject[];
	for (const row of rows) {
		const name = String(row.name ?? '').trim();
		if (name) qs[name] = String(row.value ?? '');
	}
	let body: IDataObject | undefined;
	if (WITH_BODY.includes(method)) {
		const raw = this.getNodeParameter('body', i, '{}');
		const parsed =
			typeof raw === 'string' ? parseJson(raw.trim() || '{}') : { ok: true as const, value: raw };
		if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object')
			throw new NodeOperationError(
				this.getNode(),
				`Body (JSON) must be a JSON object or array${parsed.ok ? '' : `: ${parsed.reason}`}`,
				{ itemIndex: i },
			);
		body = parsed.value as IDataObject;
	}
	const answer = await client.call<unknown>({
		method,
		path: pathOnly,
		qs: Object.keys(qs).length ? qs : undefined,
		body,
		expect: { kind: 'any' },
	});
	return outputOf(answer);
}
