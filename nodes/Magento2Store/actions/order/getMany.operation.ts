import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { chunk } from '../../../shared/concurrency';
import { MAX_PAGE_SIZE, type MagentoClient } from '../../transport/MagentoClient';
import {
	toMagentoDate,
	type ConditionType,
	type SearchFilter,
	type SortOrder,
} from '../../transport/searchCriteria';
import { simplifyOrder, simplifyProperty } from '../../helpers/simplify';
import type { MagentoOrder } from '../../helpers/orders';
import { parseJson } from '../../../shared/json';
import { returnAllOrLimit } from '../../../shared/properties';
import { ORDER_STATUSES } from '../../../shared/magentoOrder';

export { ORDER_STATUSES };

/** Magento's condition types (FilterProcessor passes them to the collection's addFieldToFilter). */
const CONDITIONS: Array<{ name: string; value: ConditionType; description?: string }> = [
	{ name: 'Equals', value: 'eq' },
	{
		name: 'Find in Set',
		value: 'finset',
		description: 'The field is a comma-separated list holding the value',
	},
	{ name: 'From (≥)', value: 'from' },
	{ name: 'Greater Than', value: 'gt' },
	{ name: 'Greater Than or Equal', value: 'gteq' },
	{ name: 'In', value: 'in', description: 'The value is a comma-separated list' },
	{ name: 'Is Not Null', value: 'notnull' },
	{ name: 'Is Null', value: 'null' },
	{ name: 'Less Than', value: 'lt' },
	{ name: 'Less Than or Equal', value: 'lteq' },
	{ name: 'Like', value: 'like', description: '% matches any text, _ one character' },
	{ name: 'Not Equals', value: 'neq' },
	{ name: 'Not In', value: 'nin', description: 'The value is a comma-separated list' },
	{ name: 'Not Like', value: 'nlike' },
	{ name: 'To (≤)', value: 'to' },
];

/** Field names a custom filter or sort may name (Magento puts them into SQL as column names). */
const FIELD_NAME = /^[a-z][a-z0-9_.]*$/;

function checkedField(value: unknown, what: string): string {
	const field = String(value ?? '').trim();
	if (!FIELD_NAME.test(field))
		throw new Error(
			`${what}: field "${field}" is not a Magento field name (lower-case letters, digits, _ and ., starting with a letter)`,
		);
	return field;
}

/** The Custom Filters rows as searchCriteria groups, one group per row (so ANDed). */
export function customFilterGroups(rows: IDataObject[]): SearchFilter[][] {
	return rows.map((row, i) => {
		const what = `Custom filter ${i + 1}`;
		const field = checkedField(row.field, what);
		const condition = String(row.condition ?? 'eq') as ConditionType;
		if (!CONDITIONS.some((c) => c.value === condition))
			throw new Error(`${what}: condition "${condition}" is not one of Magento's condition types`);
		if (condition === 'null' || condition === 'notnull')
			return [{ field, conditionType: condition }];
		const raw = row.value;
		if (condition === 'in' || condition === 'nin') {
			// Magento splits the value on commas: the list is sent as one comma-separated text.
			const list = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
				.map((v) => String(v).trim())
				.filter((v) => v !== '');
			if (!list.length)
				throw new Error(`${what} (${field}): ${condition} needs at least one value`);
			return [{ field, value: list, conditionType: condition }];
		}
		if (raw !== null && typeof raw === 'object')
			throw new Error(`${what} (${field}): the value must be a text or a number`);
		const value = String(raw ?? '');
		if (value === '' && condition !== 'eq' && condition !== 'neq')
			throw new Error(`${what} (${field}): ${condition} needs a value`);
		// MySQL's FIND_IN_SET never finds a value holding a comma.
		if (condition === 'finset' && value.includes(','))
			throw new Error(`${what} (${field}): a Find in Set value cannot contain a comma`);
		return [{ field, value, conditionType: condition }];
	});
}

/** The Sort choice, then entity_id so that pages do not overlap; undefined when none. */
export function customSort(sort: IDataObject | undefined): SortOrder[] | undefined {
	if (!sort || !sort.field) return undefined;
	const field = checkedField(sort.field, 'Sort');
	const direction = sort.direction === 'DESC' ? 'DESC' : 'ASC';
	const orders: SortOrder[] = [{ field, direction }];
	if (field !== 'entity_id') orders.push({ field: 'entity_id', direction });
	return orders;
}

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
					'Orders to fetch whatever their dates and statuses (e.g. a retry list: an order that failed must be read again even if its status has moved on since): comma-separated, or an expression returning an array. The store filter still applies (not the custom filters).',
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
		displayName: 'Custom Filters',
		name: 'customFilters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Filter',
		default: {},
		description:
			"Filters on any field of Magento's order list (searchCriteria), each one ANDed with the others and with the filters above",
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'customer_email',
						description:
							'A column of the sales_order table, e.g. customer_email, grand_total, coupon_code (lower-case letters, digits, _ and .)',
					},
					{
						displayName: 'Condition',
						name: 'condition',
						type: 'options',
						options: CONDITIONS,
						default: 'eq',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						displayOptions: { hide: { condition: ['null', 'notnull'] } },
						description:
							'Compared as Magento compares it: a comma-separated list for In / Not In, % and _ as wildcards for Like / Not Like, dates as UTC "YYYY-MM-DD HH:MM:SS"',
					},
				],
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		placeholder: 'Add Sort',
		default: {},
		description:
			'The order of the orders returned (then by entity_id). Not used with Changed After (Sync Cursor): a cursor needs the orders in updated_at and entity_id order.',
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: 'updated_at',
						placeholder: 'created_at',
						description: 'A column of the sales_order table (lower-case letters, digits, _ and .)',
					},
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'ASC' },
							{ name: 'Descending', value: 'DESC' },
						],
						default: 'ASC',
					},
				],
			},
		],
	},
	simplifyProperty,
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
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const pageSize = Math.min(
		MAX_PAGE_SIZE,
		Number(this.getNodeParameter('pageSize', itemIndex, 100)) || 100,
	);

	const common: SearchFilter[][] = [];
	const stored: SearchFilter[][] = [];
	let extraIds: string[];
	const idField = filters.alsoFetchIdType === 'entity_id' ? 'entity_id' : 'increment_id';
	try {
		const statuses = checkedList(filters.statuses, 'Status', STATUS_CODE);
		if (statuses.length) common.push([{ field: 'status', value: statuses, conditionType: 'in' }]);
		const stores = checkedList(filters.storeIds, 'Store ID', WHOLE_NUMBER);
		if (stores.length) {
			common.push([{ field: 'store_id', value: stores, conditionType: 'in' }]);
			stored.push([{ field: 'store_id', value: stores, conditionType: 'in' }]);
		}
		extraIds =
			idField === 'entity_id'
				? checkedList(filters.alsoFetchIds, 'Order entity ID', WHOLE_NUMBER)
				: checkedList(filters.alsoFetchIds, 'Order increment ID', INCREMENT_ID);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Filters: ${(error as Error).message}`, {
			itemIndex,
		});
	}

	let sorted: SortOrder[] | undefined;
	try {
		const rows =
			(this.getNodeParameter('customFilters.filter', itemIndex, []) as IDataObject[]) ?? [];
		common.push(...customFilterGroups(rows));
		sorted = customSort(this.getNodeParameter('sort.sortBy', itemIndex, {}) as IDataObject);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
	const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;

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
		// A cursor needs updated_at, entity_id order: Sort applies only without one.
		{ filterGroups: dated, sortOrders: cursorMode ? sortOrders : (sorted ?? sortOrders) },
		{ limit, pageSize },
	);
	const orders = result.items;
	const remaining = Math.max(0, result.totalCount - orders.length);
	const seen = new Set(orders.map((o) => String(o.entity_id)));

	for (const ids of chunk(extraIds, 100)) {
		const extra = await client.search<MagentoOrder>(
			'/orders',
			{
				// Whatever their status: a record on a retry list is read again even when its status changed.
				filterGroups: [...stored, [{ field: idField, value: ids, conditionType: 'in' }]],
				sortOrders,
			},
			{ pageSize },
		);
		for (const order of extra.items) {
			if (seen.has(String(order.entity_id))) continue;
			seen.add(String(order.entity_id));
			// Marked, so that a sync does not move its cursor to it: it may lie past orders the limit
			// left for the next run.
			orders.push({ ...order, alsoFetched: true });
		}
	}
	const out = cursorMode ? orders.map((o) => ({ ...o, remaining })) : orders;
	if (simplify) return out.map((o) => simplifyOrder(o as MagentoOrder & IDataObject));
	return out as unknown as IDataObject[];
}

/** The Changed After filter: a timestamp, or { at, id } (object or JSON text); undefined when empty. */
export function parseChangedAfter(value: unknown): { at: string; id?: number } | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let cursor: unknown = value;
	if (typeof cursor === 'string' && cursor.trim().startsWith('{')) {
		const parsed = parseJson(cursor);
		if (!parsed.ok) throw new Error(`Changed After "${cursor}" is not valid JSON`);
		cursor = parsed.value;
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
