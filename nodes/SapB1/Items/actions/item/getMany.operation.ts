import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { returnAllOrLimit } from '../../../../shared/properties';
import type { ItemRecord } from '../../../../shared/runner';
import { normaliseItem, type NormalisedItem } from '../../model';
import type { ItemSource } from '../../sources/types';
import {
	parseChangedSince,
	parseList,
	readStockAndPrice,
	stockAndPriceProperties,
	tuningOptions,
} from '../common';

const properties: INodeProperties[] = [
	...stockAndPriceProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Changed After',
				name: 'changedAfter',
				type: 'string',
				default: '',
				placeholder: '2026-11-01 08:00:00',
				description:
					"Only items whose master data (name, flags, prices) changed at or after this moment, SAP server time: a date, a date and time, or a watermark { date, time }. SAP does not move an item's UpdateDate when only its stock moves (goods receipts, deliveries, …): leave this empty for a stock sync and compare with the store instead (the Magento 2 Store stock and price operations do).",
			},
			{
				displayName: 'Item Codes',
				name: 'itemCodes',
				type: 'string',
				default: '',
				placeholder: '24-MB01, 24-MB04',
				description:
					'Only these items: comma-separated, or an expression returning an array (e.g. a retry list)',
			},
			{
				displayName: 'Item Group Names or IDs',
				name: 'groups',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getItemGroups' },
				default: [],
				description:
					'Only items of these item groups (e.g. the groups sold online). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Only Active Items',
				name: 'onlyActive',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out inactive (not valid) and frozen items',
			},
			{
				displayName: 'Only Inventory Items',
				name: 'onlyInventoryItems',
				type: 'boolean',
				default: false,
				description:
					'Whether to leave out items SAP keeps no stock for (services, warranties); they come with quantity null otherwise',
			},
			{
				displayName: 'Only Sales Items',
				name: 'onlySalesItems',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out items that are not sales items',
			},
		],
	},
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 200,
				description: 'Items read per round trip',
			},
			{
				displayName: 'Zero Price Means No Price',
				name: 'zeroPriceIsNoPrice',
				type: 'boolean',
				default: true,
				description:
					'Whether a price of 0 in the price list counts as not maintained (price null, so it is never sent to the store). SAP keeps a row with price 0 in every price list for every item.',
			},
			...tuningOptions,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['item'], operation: ['getMany'] } },
	properties,
);

/** The items passing the filters, in ItemCode order, with their stock and price. */
export async function execute(
	this: IExecuteFunctions,
	source: ItemSource,
	i: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	record.items = 'Get Many';
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : Math.max(1, Number(this.getNodeParameter('limit', i, 50)));
	let changedSince;
	let itemCodes: string[];
	let groups: number[];
	try {
		changedSince = parseChangedSince(filters.changedAfter);
		itemCodes = parseList(filters.itemCodes);
		groups = parseList(filters.groups).map(Number);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Filters: ${(error as Error).message}`, {
			itemIndex: i,
		});
	}
	if (groups.some((g) => !Number.isInteger(g)))
		throw new NodeOperationError(this.getNode(), 'Filters: item groups must be group numbers', {
			itemIndex: i,
		});
	const { stock, price } = readStockAndPrice(this, i);
	const out: NormalisedItem[] = [];
	let count = 0;
	for await (const page of source.items({
		onlyActive: filters.onlyActive !== false,
		onlySalesItems: filters.onlySalesItems !== false,
		onlyInventoryItems: filters.onlyInventoryItems === true,
		groups,
		changedSince,
		itemCodes,
		warehouses: stock.warehouses,
		price,
		limit,
		pageSize: Math.max(1, Math.floor(Number(options.pageSize ?? 200))),
		itemIndex: i,
	})) {
		for (const raw of page) {
			if (limit !== undefined && count >= limit) return out;
			count++;
			out.push(...normaliseItem(raw, stock, price));
		}
		if (limit !== undefined && count >= limit) break;
	}
	return out;
}
