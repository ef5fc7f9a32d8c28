import {
	NodeOperationError,
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
	skuBatches,
	skuFilterGroup,
	skuKey,
	writeInBatches,
	type WriteRow,
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

export const stockStatusProperty: INodeProperties = {
	displayName: 'Stock Status',
	name: 'stockStatus',
	type: 'options',
	options: [
		{
			name: 'By Quantity',
			value: 'auto',
			description: 'In stock when the quantity is above 0, out of stock otherwise',
		},
		{ name: 'In Stock', value: 'inStock', description: 'E.g. for backorders.' },
		{ name: 'Out of Stock', value: 'outOfStock' },
	],
	default: 'auto',
};

const properties: INodeProperties[] = [
	valuesFromProperty('sku, quantity'),
	{
		displayName: 'SKU',
		name: 'sku',
		displayOptions: { show: { valuesFrom: ['parameters'] } },
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.sku }}',
		description: 'The product, evaluated per item',
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
			'The quantity in this source, evaluated per item (e.g. the quantity of an SAP B1 Items item). Empty or null: nothing is written for the item (items SAP keeps no stock for).',
	},
	{
		displayName: 'Source Name or ID',
		name: 'sourceCode',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSources' },
		default: 'default',
		required: true,
		description:
			'The MSI source, evaluated per item: the default source of a single-source store, or an expression mapping the SAP warehouse code of the item to a source code. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	stockStatusProperty,
	bulkOptions('source item', true),
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['sourceItem'], operation: ['update'] } },
	properties,
);

interface Row {
	index: number;
	sku: string;
	sourceCode: string;
	quantity: number;
	status: 0 | 1;
}

export function statusOf(setting: unknown, quantity: number): 0 | 1 {
	if (setting === 'inStock') return 1;
	if (setting === 'outOfStock') return 0;
	return quantity > 0 ? 1 : 0;
}

const rowKey = (sku: string, source: string) => `${skuKey(sku)}\u0000${source}`;

type Current = Map<string, { quantity: number; status: number }>;

/** The source items Magento holds for these SKUs in one source (`GET /V1/inventory/source-items`). */
async function readSourceItems(
	client: MagentoClient,
	sourceCode: string,
	skus: string[],
	concurrency: number,
	into: Current,
): Promise<void> {
	await mapWithConcurrency(skuBatches(skus), concurrency, async (batch) => {
		const { items } = await client.search<{
			sku: string;
			source_code: string;
			quantity: number | string;
			status: number | string;
		}>(
			'/inventory/source-items',
			{
				filterGroups: [
					skuFilterGroup(batch),
					[{ field: 'source_code', value: sourceCode, conditionType: 'eq' }],
				],
			},
			// A row without its values is an unexpected answer, never "Magento holds nothing".
			{ pageSize: batch.length, key: 'sku', rowKeys: ['sku', 'source_code', 'quantity', 'status'] },
		);
		for (const s of items)
			if (s.source_code === sourceCode)
				into.set(rowKey(String(s.sku), sourceCode), {
					quantity: Number(s.quantity),
					status: Number(s.status),
				});
	});
}

const sameValue = (row: Row, current: { quantity: number; status: number } | undefined) =>
	current !== undefined &&
	round6(current.quantity) === round6(row.quantity) &&
	current.status === row.status;

/**
 * All the work, for all items at once: read what Magento holds, keep what differs, check the
 * SKUs, write in batches, and note each item's outcome.
 */
export async function prepare(
	this: IExecuteFunctions,
	client: MagentoClient,
	items: INodeExecutionData[],
): Promise<BulkBatch> {
	const settings = bulkSettings(this);
	const outcomes = new Map<number, Outcome>();
	const rows = collectRows<Row>(this, items.length, outcomes, (i, sku, fromInput) => {
		const sourceCode = String(this.getNodeParameter('sourceCode', i, 'default') ?? '').trim();
		if (!sourceCode)
			throw new NodeOperationError(this.getNode(), 'Source Code is empty', { itemIndex: i });
		const quantity = optionalNumber(this, 'quantity', 'Quantity', i, fromInput);
		const base = { sku, sourceCode };
		if (quantity === undefined) return skipped({ ...base, quantity: null }, 'no quantity');
		return {
			key: rowKey(sku, sourceCode),
			row: {
				index: i,
				sku,
				sourceCode,
				quantity,
				status: statusOf(this.getNodeParameter('stockStatus', i, 'auto'), quantity),
			},
			superseded: (earlier) => ({ ...base, quantity: earlier.quantity }),
		};
	});
	const fail = (row: Row, error: unknown) =>
		outcomes.set(row.index, failedRow(error, { sku: row.sku, sourceCode: row.sourceCode }));
	const result = (row: Row, changed: boolean, previous?: { quantity: number; status: number }) =>
		outcomes.set(row.index, {
			kind: 'result',
			json: {
				sku: row.sku,
				sourceCode: row.sourceCode,
				quantity: row.quantity,
				status: row.status,
				changed,
				previous: previous ?? null,
			},
		});

	// 1. What Magento holds now, per source.
	const current: Current = new Map();
	let toWrite = rows;
	if (settings.onlyChanged) {
		const bySource = new Map<string, Row[]>();
		for (const row of rows) {
			const list = bySource.get(row.sourceCode);
			if (list) list.push(row);
			else bySource.set(row.sourceCode, [row]);
		}
		const readable: Row[] = [];
		for (const [sourceCode, list] of bySource) {
			try {
				await readSourceItems(
					client,
					sourceCode,
					list.map((r) => r.sku),
					settings.concurrency,
					current,
				);
				readable.push(...list);
			} catch (error) {
				for (const row of list) fail(row, error);
			}
		}
		toWrite = [];
		for (const row of readable) {
			const now = current.get(rowKey(row.sku, row.sourceCode));
			if (sameValue(row, now)) result(row, false, now);
			else toWrite.push(row);
		}
	}

	// 2. Only SKUs Magento has, of a type that holds stock.
	if (settings.checkSkus && toWrite.length) {
		try {
			const products = await lookupProducts(client, [...new Set(toWrite.map((r) => r.sku))], {
				concurrency: settings.concurrency,
			});
			const known: Row[] = [];
			for (const row of toWrite) {
				const product = products.get(skuKey(row.sku));
				const base = { sku: row.sku, sourceCode: row.sourceCode, quantity: row.quantity };
				if (!product) {
					if (settings.unknownSkus === 'skip')
						outcomes.set(row.index, skipped(base, NOT_IN_MAGENTO));
					else
						outcomes.set(
							row.index,
							unknownSku(row.sku, { sku: row.sku, sourceCode: row.sourceCode }),
						);
					continue;
				}
				const reason = cannotTake(product, 'stock');
				if (reason) outcomes.set(row.index, skipped(base, reason));
				else known.push(row);
			}
			toWrite = known;
		} catch (error) {
			for (const row of toWrite) fail(row, error);
			toWrite = [];
		}
	}

	// 3. Write in batches; a lost answer is checked by reading the rows back.
	const payload = (r: Row) => ({
		sku: r.sku,
		source_code: r.sourceCode,
		quantity: r.quantity,
		status: r.status,
	});
	const byKey = new Map(toWrite.map((r) => [rowKey(r.sku, r.sourceCode), r]));
	const writeRows: Array<WriteRow<ReturnType<typeof payload>>> = toWrite.map((r) => ({
		key: rowKey(r.sku, r.sourceCode),
		payload: payload(r),
	}));
	const written = await writeInBatches(
		writeRows,
		{ batchSize: settings.batchSize, concurrency: settings.concurrency },
		async (batch) => {
			await client.write<unknown[]>({
				path: '/inventory/source-items',
				body: { sourceItems: batch.map((b) => b.payload) },
				expect: { kind: 'array' },
				recover: async () => {
					const check: Current = new Map();
					const rowsOf = batch.map((b) => byKey.get(b.key)!);
					for (const source of new Set(rowsOf.map((r) => r.sourceCode)))
						await readSourceItems(
							client,
							source,
							rowsOf.filter((r) => r.sourceCode === source).map((r) => r.sku),
							1,
							check,
						);
					return rowsOf.every((r) => sameValue(r, check.get(rowKey(r.sku, r.sourceCode))))
						? []
						: undefined;
				},
			});
			return new Map();
		},
	);
	for (const [key, outcome] of written) {
		const row = byKey.get(key)!;
		if (outcome.ok) result(row, true, current.get(key));
		else fail(row, outcome.error);
	}
	return { outcomes };
}

export const execute = executeOutcome('sourceItem');
