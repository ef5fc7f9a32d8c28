import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { round6, skuKey } from '../../helpers/catalog';
import type { MagentoClient } from '../../transport/MagentoClient';
import {
	bulkOptions,
	bulkSettings,
	collectRows,
	failedRow,
	optionalNumber,
	executeOutcome,
	skipped,
	type BulkBatch,
	valuesFromProperty,
	type Outcome,
} from '../catalogCommon';
import { checkPriceSkus, readPrices, storeIdOf, writePrices, type PriceRow } from './prices';

export const storeIdProperty: INodeProperties = {
	displayName: 'Store ID',
	name: 'storeId',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		"The store view whose price is set: 0 for the default value (with Magento's default price scope, Global, every price is saved for 0)",
};

const properties: INodeProperties[] = [
	valuesFromProperty('sku, price'),
	{
		displayName: 'SKU',
		name: 'sku',
		displayOptions: { show: { valuesFrom: ['parameters'] } },
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.sku }}',
	},
	{
		displayName: 'Price',
		name: 'price',
		displayOptions: { show: { valuesFrom: ['parameters'] } },
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.price }}',
		description:
			'The price, evaluated per item (e.g. the price of an SAP B1 Items item). Empty or null: nothing is written for the item.',
	},
	storeIdProperty,
	bulkOptions('base price', true),
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['price'], operation: ['updateBase'] } },
	properties,
);

interface Row extends PriceRow {
	price: number;
}

const rowKey = (sku: string, storeId: number) => `${skuKey(sku)}\u0000${storeId}`;

type PriceInfo = { sku: string; price: number | string; store_id: number | string };

/** Price rows by SKU. */
type PriceIndex = Map<string, PriceInfo[]>;

function indexBySku(rows: PriceInfo[]): PriceIndex {
	const index: PriceIndex = new Map();
	for (const row of rows) {
		const key = skuKey(String(row.sku));
		index.set(key, [...(index.get(key) ?? []), row]);
	}
	return index;
}

/** The price a store view shows: its own value, else the default (store 0) value. */
function effectivePrice(rows: PriceIndex, sku: string, storeId: number): number | undefined {
	const mine = rows.get(skuKey(sku)) ?? [];
	const own =
		mine.find((r) => Number(r.store_id) === storeId) ?? mine.find((r) => Number(r.store_id) === 0);
	return own === undefined ? undefined : Number(own.price);
}

export async function prepare(
	this: IExecuteFunctions,
	client: MagentoClient,
	items: INodeExecutionData[],
): Promise<BulkBatch> {
	const settings = bulkSettings(this);
	const outcomes = new Map<number, Outcome>();
	const rows = collectRows<Row>(this, items.length, outcomes, (i, sku, fromInput) => {
		const storeId = storeIdOf(this, i);
		const price = optionalNumber(this, 'price', 'Price', i, fromInput);
		if (price === undefined) return skipped({ sku, storeId, price: null }, 'no price');
		// Magento refuses a negative price with a failure that does not name the row: check it here.
		if (price < 0)
			throw new NodeOperationError(this.getNode(), `Price ${price} is negative`, {
				itemIndex: i,
			});
		return {
			key: rowKey(sku, storeId),
			row: { index: i, sku, storeId, price: round6(price) },
			superseded: (earlier) => ({ sku, storeId, price: earlier.price }),
		};
	});
	const fail = (row: Row, error: unknown) =>
		outcomes.set(row.index, failedRow(error, { sku: row.sku }));
	const result = (row: Row, changed: boolean, previous: number | undefined) =>
		outcomes.set(row.index, {
			kind: 'result',
			json: {
				sku: row.sku,
				storeId: row.storeId,
				price: row.price,
				changed,
				previous: previous ?? null,
			},
		});
	const read = async (list: Row[]) =>
		indexBySku(
			await readPrices<PriceInfo>(
				client,
				'/products/base-prices-information',
				list.map((r) => r.sku),
				settings.concurrency,
			),
		);

	let current: PriceIndex = new Map();
	let toWrite = rows;
	if (settings.onlyChanged && rows.length) {
		try {
			current = await read(rows);
			toWrite = [];
			for (const row of rows) {
				const now = effectivePrice(current, row.sku, row.storeId);
				if (now !== undefined && round6(now) === row.price) result(row, false, now);
				else toWrite.push(row);
			}
		} catch (error) {
			for (const row of rows) fail(row, error);
			toWrite = [];
		}
	}
	try {
		toWrite = await checkPriceSkus(client, toWrite, settings, outcomes, (r) => ({
			sku: r.sku,
			storeId: r.storeId,
			price: r.price,
		}));
	} catch (error) {
		for (const row of toWrite) fail(row, error);
		toWrite = [];
	}
	const byKey = new Map(toWrite.map((r) => [rowKey(r.sku, r.storeId), r]));
	const written = await writePrices(
		this.getNode(),
		client,
		'/products/base-prices',
		toWrite.map((r) => ({
			key: rowKey(r.sku, r.storeId),
			payload: { sku: r.sku, price: r.price, store_id: r.storeId },
		})),
		settings,
		async (batch) => {
			const list = batch.map((b) => byKey.get(b.key)!);
			const now = await read(list);
			return list.every((r) => round6(effectivePrice(now, r.sku, r.storeId) ?? NaN) === r.price);
		},
	);
	for (const [key, outcome] of written) {
		const row = byKey.get(key)!;
		if (outcome.ok) result(row, true, effectivePrice(current, row.sku, row.storeId));
		else fail(row, outcome.error);
	}
	return { outcomes };
}

export const execute = executeOutcome('basePrice');
