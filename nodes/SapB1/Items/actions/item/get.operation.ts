import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { ItemRecord } from '../../../../shared/runner';
import { normaliseItem } from '../../model';
import type { ItemSource } from '../../sources/types';
import { readStockAndPrice, stockAndPriceProperties, tuningOptions } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Item Code',
		name: 'itemCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: '24-MB01',
	},
	...stockAndPriceProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Zero Price Means No Price',
				name: 'zeroPriceIsNoPrice',
				type: 'boolean',
				default: true,
				description:
					'Whether a price of 0 in the price list counts as not maintained (price null, so it is never sent to the store)',
			},
			...tuningOptions,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['item'], operation: ['get'] } },
	properties,
);

/** One item by ItemCode, with its stock and price (whatever its flags). */
export async function execute(
	this: IExecuteFunctions,
	source: ItemSource,
	i: number,
	record: ItemRecord,
): Promise<IDataObject[]> {
	const itemCode = String(this.getNodeParameter('itemCode', i, '') ?? '').trim();
	if (!itemCode)
		throw new NodeOperationError(this.getNode(), 'Item Code is empty', { itemIndex: i });
	record.itemCode = itemCode;
	const { stock, price } = readStockAndPrice(this, i);
	for await (const page of source.items({
		onlyActive: false,
		onlySalesItems: false,
		onlyInventoryItems: false,
		groups: [],
		itemCodes: [itemCode],
		warehouses: stock.warehouses,
		price,
		pageSize: 1,
		itemIndex: i,
	})) {
		const found = page.find((raw) => raw.itemCode.toLowerCase() === itemCode.toLowerCase());
		if (found) return normaliseItem(found, stock, price);
	}
	throw new NodeOperationError(this.getNode(), `Item ${itemCode}: no such item in SAP B1`, {
		itemIndex: i,
	});
}
