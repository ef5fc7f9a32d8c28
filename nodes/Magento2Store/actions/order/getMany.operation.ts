import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { chunk } from '../../../shared/concurrency';
import { MAX_PAGE_SIZE, type MagentoClient } from '../../transport/MagentoClient';
import { toMagentoDate, type SearchFilter } from '../../transport/searchCriteria';
import type { ItemRecord, MagentoOrder } from '../../helpers/orders';
import { returnAllOrLimit } from '../../../shared/properties';

export const ORDER_STATUSES = [
	{ name: 'Canceled', value: 'canceled' },
	{ name: 'Closed', value: 'closed' },
	{ name: 'Complete', value: 'complete' },
	{ name: 'Fraud', value: 'fraud' },
	{ name: 'On Hold', value: 'holded' },
	{ name: 'Payment Review', value: 'payment_review' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Pending Payment', value: 'pending_payment' },
	{ name: 'Processing', value: 'processing' },
];

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Also Fetch Orders',
				name: 'alsoFetchIds',
				type: 'string',
				default: '',
				placeholder: '000000101, 000000102',
				description:
					'Orders to fetch whatever their dates (e.g. a retry list): comma-separated, or an expression returning an array. Status and store filters still apply.',
			},
			{
				displayName: 'Also Fetch Orders Identified By',
				name: 'alsoFetchIdType',
				type: 'options',
				options: [
					{ name: 'Increment ID', value: 'increment_id' },
					{ name: 'Entity ID', value: 'entity_id' },
				],
				default: 'increment_id',
			},
			{
				displayName: 'Changed After (Sync Cursor)',
				name: 'changedAfter',
				type: 'string',
				default: '',
				placeholder: '={{ $json.cursor }}',
				description:
					"The cursor of a Sync Checkpoint: a timestamp (orders changed at or after it), or the cursor object Record (Fetched) keeps from an order's updated_at and entity_id (orders changed after that order, in updated_at and entity_id order). Output items then carry remaining: how many changed orders a Limit left for later runs.",
			},
			{
				displayName: 'Created Since (UTC)',
				name: 'createdSince',
				type: 'dateTime',
				default: '',
				description: 'Only orders created at or after this time (UTC when no zone is given)',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: ORDER_STATUSES,
				default: [],
				description: 'Only orders in one of these statuses',
			},
			{
				displayName: 'Store Names or IDs',
				name: 'storeIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getStoreViews' },
				default: [],
				description:
					'Only orders placed in these store views. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Updated Since (UTC)',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description:
					'Only orders changed at or after this time (UTC when no zone is given), e.g. the sync cursor',
			},
		],
	},
	{
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
		default: 100,
		description: 'Orders per request (Magento refuses more than 300)',
	},
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getMany'] } },
	properties,
);

function idList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(/[\s,;]+/);
	return [...new Set(list.map((v) => String(v).trim()).filter(Boolean))];
}

/**
 * The values of an `in` filter, each checked against `pattern`: Magento splits an `in` value on
 * commas, so a value must not carry one (nor anything else the field cannot hold).
 */
function checkedList(value: unknown, what: string, pattern: RegExp): string[] {
	const list = idList(value);
	const bad = list.find((v) => !pattern.test(v));
	if (bad !== undefined) throw new Error(`${what} "${bad}" is not valid`);
	return list;
}

/** Magento status codes: lower-case letters, digits and _ (sales_order_status.status, 32 characters). */
const STATUS_CODE = /^[a-z][a-z0-9_]{0,31}$/;
const WHOLE_NUMBER = /^\d{1,10}$/;
/** Increment ids: letters, digits, - and _ (Magento's sequence prefixes and numbers). */
const INCREMENT_ID = /^[A-Za-z0-9_-]{1,50}$/;

export async function execute(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	_record: ItemRecord,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const pageSize = Math.min(
		MAX_PAGE_SIZE,
		Number(this.getNodeParameter('pageSize', itemIndex, 100)) || 100,
	);

	const common: SearchFilter[][] = [];
	let extraIds: string[];
	const idField = filters.alsoFetchIdType === 'entity_id' ? 'entity_id' : 'increment_id';
	try {
		const statuses = checkedList(filters.statuses, 'Status', STATUS_CODE);
		if (statuses.length) common.push([{ field: 'status', value: statuses, conditionType: 'in' }]);
		const stores = checkedList(filters.storeIds, 'Store ID', WHOLE_NUMBER);
		if (stores.length) common.push([{ field: 'store_id', value: stores, conditionType: 'in' }]);
		extraIds =
			idField === 'entity_id'
				? checkedList(filters.alsoFetchIds, 'Order entity ID', WHOLE_NUMBER)
				: checkedList(filters.alsoFetchIds, 'Order increment ID', INCREMENT_ID);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Filters: ${(error as Error).message}`, {
			itemIndex,
		});
	}

	const dated = [...common];
	let cursorMode = false;
	try {
		const cursor = parseChangedAfter(filters.changedAfter);
		if (cursor) {
			cursorMode = true;
			dated.push([{ field: 'updated_at', value: cursor.at, conditionType: 'gteq' }]);
			// Strictly after (at, id): (updated_at > at) OR (updated_at = at AND entity_id > id).
			if (cursor.id !== undefined)
				dated.push([
					{ field: 'updated_at', value: cursor.at, conditionType: 'gt' },
					{ field: 'entity_id', value: String(cursor.id), conditionType: 'gt' },
				]);
		}
		if (filters.updatedSince)
			dated.push([
				{
					field: 'updated_at',
					value: toMagentoDate(String(filters.updatedSince)),
					conditionType: 'gteq',
				},
			]);
		if (filters.createdSince)
			dated.push([
				{
					field: 'created_at',
					value: toMagentoDate(String(filters.createdSince)),
					conditionType: 'gteq',
				},
			]);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Filters: ${(error as Error).message}`, {
			itemIndex,
		});
	}
	const sortOrders = [
		{ field: 'updated_at', direction: 'ASC' as const },
		{ field: 'entity_id', direction: 'ASC' as const },
	];

	const result = await client.search<MagentoOrder>(
		'/orders',
		{ filterGroups: dated, sortOrders },
		{ limit, pageSize },
	);
	const orders = result.items;
	const remaining = Math.max(0, result.totalCount - orders.length);
	const seen = new Set(orders.map((o) => String(o.entity_id)));

	for (const ids of chunk(extraIds, 100)) {
		const extra = await client.search<MagentoOrder>(
			'/orders',
			{
				filterGroups: [...common, [{ field: idField, value: ids, conditionType: 'in' }]],
				sortOrders,
			},
			{ pageSize },
		);
		for (const order of extra.items) {
			if (seen.has(String(order.entity_id))) continue;
			seen.add(String(order.entity_id));
			orders.push(order);
		}
	}
	if (cursorMode) return orders.map((o) => ({ ...o, remaining })) as unknown as IDataObject[];
	return orders as unknown as IDataObject[];
}

/** The Changed After filter: a timestamp, or { at, id } (object or JSON text); undefined when empty. */
export function parseChangedAfter(value: unknown): { at: string; id?: number } | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let cursor = value;
	if (typeof cursor === 'string' && cursor.trim().startsWith('{')) {
		try {
			cursor = JSON.parse(cursor);
		} catch {
			throw new Error(`Changed After "${cursor}" is not valid JSON`);
		}
	}
	if (typeof cursor === 'string') return { at: toMagentoDate(cursor) };
	if (typeof cursor === 'object' && !Array.isArray(cursor)) {
		const { at, id } = cursor as { at?: unknown; id?: unknown };
		if (typeof at !== 'string' || !at.trim())
			throw new Error('Changed After needs "at", a timestamp such as "2026-01-02 10:00:00"');
		const entity = id === undefined || id === null || id === '' ? undefined : Number(id);
		if (entity !== undefined && (!Number.isInteger(entity) || entity < 0))
			throw new Error(`Changed After "id" ${String(id)} is not an order entity ID`);
		return { at: toMagentoDate(at), id: entity };
	}
	throw new Error('Changed After must be a timestamp or {"at": …, "id": …}');
}
