import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { mapWithConcurrency } from '../../../shared/concurrency';
import {
	cannotTake,
	lookupProducts,
	round6,
	skuKey,
	type ProductInfo,
} from '../../helpers/catalog';
import type { MagentoClient } from '../../transport/MagentoClient';
import {
	NOT_IN_MAGENTO,
	bulkOptions,
	bulkSettings,
	collectRows,
	failedRow,
	optionalNumber,
	executeOutcome,
	skipped,
	unknownSku,
	type BulkBatch,
	valuesFromProperty,
	type Outcome,
} from '../catalogCommon';
import { statusOf, stockStatusProperty } from '../sourceItem/update.operation';

const properties: INodeProperties[] = [
	valuesFromProperty('sku, quantity'),
	{
		displayName:
			'For stores without Multi-Source Inventory: Magento has no bulk endpoint for legacy stock items, so each changed item is one PUT /V1/products/{sku}/stockItems/{itemId}. The current values are read with the products lookup where the store lists them (extension_attributes.stock_item), otherwise with one GET /V1/stockItems/{sku} per item. With MSI, use Source Item > Update.',
		name: 'legacyNotice',
		type: 'notice',
		default: '',
	},
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
		displayName: 'Quantity',
		name: 'quantity',
		displayOptions: { show: { valuesFrom: ['parameters'] } },
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.quantity }}',
		description:
			'The quantity, evaluated per item. Empty or null: nothing is written for the item.',
	},
	stockStatusProperty,
	bulkOptions('stock item', false),
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['stockItem'], operation: ['update'] } },
	properties,
);

interface Row {
	index: number;
	sku: string;
	qty: number;
	inStock: boolean;
}

interface Current {
	itemId: number;
	qty: number;
	isInStock: boolean;
}

async function readStockItem(client: MagentoClient, sku: string): Promise<Current> {
	const item = await client.get<{ item_id: number; qty: number | string; is_in_stock: boolean }>(
		`/stockItems/${encodeURIComponent(sku)}`,
		undefined,
		{ kind: 'object', keys: ['item_id'] },
	);
	return {
		itemId: Number(item.item_id),
		qty: Number(item.qty ?? 0),
		isInStock: !!item.is_in_stock,
	};
}

const same = (row: Row, c: Current) =>
	round6(c.qty) === round6(row.qty) && c.isInStock === row.inStock;

export async function prepare(
	this: IExecuteFunctions,
	client: MagentoClient,
	items: INodeExecutionData[],
): Promise<BulkBatch> {
	const settings = bulkSettings(this);
	const outcomes = new Map<number, Outcome>();
	const rows = collectRows<Row>(this, items.length, outcomes, (i, sku, fromInput) => {
		const qty = optionalNumber(this, 'quantity', 'Quantity', i, fromInput);
		if (qty === undefined) return skipped({ sku, qty: null }, 'no quantity');
		return {
			key: skuKey(sku),
			row: {
				index: i,
				sku,
				qty,
				inStock: statusOf(this.getNodeParameter('stockStatus', i, 'auto'), qty) === 1,
			},
			superseded: (earlier) => ({ sku, qty: earlier.qty }),
		};
	});
	const fail = (row: Row, error: unknown) =>
		outcomes.set(row.index, failedRow(error, { sku: row.sku }));

	let products = new Map<string, ProductInfo>();
	let candidates = rows;
	if (settings.checkSkus && rows.length) {
		try {
			products = await lookupProducts(
				client,
				rows.map((r) => r.sku),
				{ concurrency: settings.concurrency, stockItem: true },
			);
			candidates = [];
			for (const row of rows) {
				const product = products.get(skuKey(row.sku));
				if (!product) {
					if (settings.unknownSkus === 'skip')
						outcomes.set(row.index, skipped({ sku: row.sku, qty: row.qty }, NOT_IN_MAGENTO));
					else outcomes.set(row.index, unknownSku(row.sku, { sku: row.sku }));
					continue;
				}
				const reason = cannotTake(product, 'stock');
				if (reason) outcomes.set(row.index, skipped({ sku: row.sku, qty: row.qty }, reason));
				else candidates.push(row);
			}
		} catch (error) {
			for (const row of rows) fail(row, error);
			candidates = [];
		}
	}

	await mapWithConcurrency(candidates, settings.concurrency, async (row) => {
		try {
			const listed = products.get(skuKey(row.sku))?.stockItem;
			const current = listed ?? (await readStockItem(client, row.sku));
			const previous = { qty: current.qty, is_in_stock: current.isInStock };
			const done = (changed: boolean) =>
				outcomes.set(row.index, {
					kind: 'result',
					json: {
						sku: row.sku,
						itemId: current.itemId,
						qty: row.qty,
						is_in_stock: row.inStock,
						changed,
						previous,
					},
				});
			if (settings.onlyChanged && same(row, current)) {
				done(false);
				return;
			}
			await client.write<number>({
				method: 'PUT',
				path: `/products/${encodeURIComponent(row.sku)}/stockItems/${current.itemId}`,
				body: { stockItem: { qty: row.qty, is_in_stock: row.inStock } },
				expect: { kind: 'id' },
				// Absolute values: after a lost answer, the item holding them means the PUT was done.
				recover: async () => {
					const now = await readStockItem(client, row.sku);
					return same(row, now) ? now.itemId : undefined;
				},
			});
			done(true);
		} catch (error) {
			fail(row, error);
		}
	});
	return { outcomes };
}

export const execute = executeOutcome('stockItem');
