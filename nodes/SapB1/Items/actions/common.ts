/** Parameters shared by the Items operations, and reading them into the sources' request. */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { connectionOptions } from '../../../shared/properties';
import { updateTimeSeconds } from '../../shared/updateTime';
import { toSapDate } from '../../Shipments/helpers/watermark';
import type { ItemPriceOptions, ItemStockOptions, QuantityBasis } from '../model';

export const tuningOptions: INodeProperties[] = connectionOptions('SAP', { timeoutMs: 60000 });

/** Price list, warehouses and what the quantity is: the same on Get and Get Many. */
export const stockAndPriceProperties: INodeProperties[] = [
	{
		displayName: 'Price List Name or ID',
		name: 'priceList',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPriceLists' },
		default: '',
		description:
			'Price list whose price each item carries as price (empty: no price). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Warehouse Names or IDs',
		name: 'warehouses',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getWarehouses' },
		default: [],
		description:
			'Warehouses whose stock counts (empty: all warehouses of the item). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Stock Output',
		name: 'stockOutput',
		type: 'options',
		options: [
			{
				name: 'One Item per SAP Item (Summed Over the Warehouses)',
				value: 'summed',
				description: 'For a store with one stock source: the chosen warehouses add up',
			},
			{
				name: 'One Item per SAP Item and Warehouse',
				value: 'perWarehouse',
				description:
					'For Multi-Source Inventory with one Magento source per SAP warehouse: each output item has its warehouseCode',
			},
		],
		default: 'summed',
	},
	{
		displayName: 'Quantity',
		name: 'quantityBasis',
		type: 'options',
		options: [
			{
				name: 'Available (In Stock − Committed)',
				value: 'available',
				description: 'What can still be sold: stock minus what open sales orders have committed',
			},
			{
				name: 'Available + Ordered',
				value: 'availablePlusOrdered',
				description: 'Also counts what is ordered from suppliers (purchase orders)',
			},
			{ name: 'In Stock', value: 'inStock', description: 'All stock on hand' },
		],
		default: 'available',
		description:
			'Which figure each item carries as quantity (never below 0), the value to send to the store',
	},
];

export interface StockAndPrice {
	stock: ItemStockOptions;
	price: ItemPriceOptions;
}

/** Reads a list given as an array (from an expression) or as text separated by commas or new lines. */
export function parseList(input: unknown): string[] {
	const values = Array.isArray(input)
		? input
		: typeof input === 'string'
			? input.trim().startsWith('[')
				? (JSON.parse(input) as unknown[])
				: input.split(/[,\n]/)
			: input === undefined || input === null || input === ''
				? []
				: [input];
	return [...new Set(values.map((v) => String(v ?? '').trim()).filter((v) => v !== ''))];
}

export function readStockAndPrice(ctx: IExecuteFunctions, i: number): StockAndPrice {
	const rawList = ctx.getNodeParameter('priceList', i, '') as unknown;
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	let priceList: number | undefined;
	if (rawList !== '' && rawList !== null && rawList !== undefined) {
		priceList = Number(rawList);
		if (!Number.isInteger(priceList))
			throw new NodeOperationError(
				ctx.getNode(),
				`Price List: "${String(rawList)}" is not a price list number`,
				{ itemIndex: i },
			);
	}
	const warehouses = parseList(ctx.getNodeParameter('warehouses', i, []));
	return {
		stock: {
			warehouses,
			quantityBasis: ctx.getNodeParameter('quantityBasis', i, 'available') as QuantityBasis,
			perWarehouse: ctx.getNodeParameter('stockOutput', i, 'summed') === 'perWarehouse',
		},
		price: { priceList, zeroIsNoPrice: options.zeroPriceIsNoPrice !== false },
	};
}

/** Changed After: a watermark {date, time} (e.g. an item's watermark) or a date / date-time text. */
export function parseChangedSince(input: unknown): { date: string; seconds: number } | undefined {
	if (input === undefined || input === null) return undefined;
	let value: unknown = input;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '' || text === '{}') return undefined;
		if (text.startsWith('{')) value = JSON.parse(text);
		else {
			const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/.exec(text);
			if (!m) throw new Error(`"${text}" is not a date (YYYY-MM-DD) or date and time`);
			return { date: m[1], seconds: m[2] ? updateTimeSeconds(m[2]) : 0 };
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new Error(`${JSON.stringify(value)} is not a watermark { date, time }`);
	const w = (value as IDataObject).watermark ?? value;
	const date = toSapDate((w as IDataObject).date);
	if (!date) throw new Error(`the watermark ${JSON.stringify(w)} has no date (YYYY-MM-DD)`);
	const seconds = updateTimeSeconds((w as IDataObject).time);
	if (Number.isNaN(seconds))
		throw new Error(
			`the watermark's time ${JSON.stringify((w as IDataObject).time)} is not a time`,
		);
	return { date, seconds };
}
