/**
 * What the stock and price operations share: the Bulk Options, reading an item's SKU and values,
 * and how an item's outcome is kept between `prepare` (where the whole batch is worked on) and
 * `execute` (which hands each item its own result or error).
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { connectionSettingsOf } from '../../shared/properties';
import type { ItemRecord } from '../../shared/runner';
import { MagentoError, type MagentoClient } from '../transport/MagentoClient';

export const DEFAULT_BATCH_SIZE = 20;

export const bulkOptions = (what: string, batch: boolean): INodeProperties => ({
	displayName: 'Bulk Options',
	name: 'bulkOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		...(batch
			? [
					{
						displayName: 'Batch Size',
						name: 'batchSize',
						type: 'number' as const,
						typeOptions: { minValue: 1, maxValue: 1000 },
						default: DEFAULT_BATCH_SIZE,
						description: `Rows per bulk request. 20 is safe on every store: with Web API input limits on (Stores > Configuration > Services > Web API Input Limits; always on in 2.4.3 and 2.3.7-p1), Magento refuses a request with more than 20 (its Input List Limit) ${what} rows. A batch the store refuses for its size is sent again in smaller batches.`,
					},
				]
			: []),
		{
			displayName: 'Check SKUs First',
			name: 'checkSkus',
			type: 'boolean' as const,
			default: true,
			description:
				"Whether to look the SKUs to write up in the catalogue first (one GET /V1/products per 100 SKUs), so that a SKU Magento does not have, or a product type that cannot take the value, is that item's failure and never fails or pollutes a batch",
		},
		{
			displayName: 'Only Changed Values',
			name: 'onlyChanged',
			type: 'boolean' as const,
			default: true,
			description: `Whether to read the ${what} Magento holds first (in bulk) and write only those that differ. Off: every item is written.`,
		},
		{
			displayName: 'Unknown SKUs',
			name: 'unknownSkus',
			type: 'options' as const,
			options: [
				{
					name: 'Fail the Item',
					value: 'fail',
					description: 'The item goes to the error output (and a sync checkpoint retries it)',
				},
				{
					name: 'Skip the Item',
					value: 'skip',
					description:
						'The item is output with skipped: "not in Magento" (for SAP items the shop does not sell)',
				},
			],
			default: 'fail',
		},
	],
});

export interface BulkSettings {
	batchSize: number;
	checkSkus: boolean;
	onlyChanged: boolean;
	unknownSkus: 'fail' | 'skip';
	concurrency: number;
}

export function bulkSettings(ctx: IExecuteFunctions): BulkSettings {
	const o = (ctx.getNodeParameter('bulkOptions', 0, {}) as IDataObject) ?? {};
	const size = Number(o.batchSize);
	return {
		batchSize: Number.isInteger(size) && size > 0 ? size : DEFAULT_BATCH_SIZE,
		checkSkus: o.checkSkus !== false,
		onlyChanged: o.onlyChanged !== false,
		unknownSkus: o.unknownSkus === 'skip' ? 'skip' : 'fail',
		concurrency: connectionSettingsOf(ctx, { timeoutMs: 30_000 }).concurrency,
	};
}

/**
 * Where the per-item values come from: the parameters (expressions n8n evaluates for every item),
 * or straight from the input items' fields (no expression per item: much faster for thousands).
 */
export const valuesFromProperty = (fields: string): INodeProperties => ({
	displayName: 'Values From',
	name: 'valuesFrom',
	type: 'options',
	options: [
		{
			name: 'Parameters Below',
			value: 'parameters',
			description: 'As set below, usually expressions evaluated for each item',
		},
		{
			name: `Input Item Fields (${fields})`,
			value: 'inputFields',
			description: `Read ${fields} straight from each input item, as SAP B1 Items outputs them: no expression per item, much faster for thousands of items`,
		},
	],
	default: 'parameters',
});

/** Whether the node reads sku / quantity / price from the input items' fields. */
export function fromInputFields(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter('valuesFrom', 0, 'parameters') === 'inputFields';
}

/** A per-item value: the parameter, or the input item's field of that name. */
export function itemValue(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
	fromInput: boolean,
): unknown {
	if (fromInput) return ctx.getInputData()[i]?.json?.[name];
	return ctx.getNodeParameter(name, i, '') as unknown;
}

/** The SKU of item i (trimmed); an empty SKU is the item's error. */
export function skuOf(ctx: IExecuteFunctions, i: number, fromInput = false): string {
	const sku = String(itemValue(ctx, 'sku', i, fromInput) ?? '').trim();
	if (!sku)
		throw new NodeOperationError(ctx.getNode(), `Item ${i}: SKU is empty`, {
			itemIndex: i,
			description: 'Set SKU to an expression that gives each item its SKU, e.g. {{ $json.sku }}.',
		});
	return sku;
}

/** A number parameter given as text or from an expression: undefined when empty / null. */
export function optionalNumber(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	i: number,
	fromInput = false,
): number | undefined {
	const raw = itemValue(ctx, name, i, fromInput);
	if (raw === '' || raw === null || raw === undefined) return undefined;
	const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
	if (typeof raw === 'boolean' || !Number.isFinite(n))
		throw new NodeOperationError(ctx.getNode(), `${label} "${String(raw)}" is not a number`, {
			itemIndex: i,
		});
	return n;
}

/** What `prepare` decided for one item: its result JSON, or its error. */
export type Outcome =
	{ kind: 'result'; json: IDataObject } | { kind: 'error'; error: Error; record: ItemRecord };

export interface BulkBatch {
	outcomes: Map<number, Outcome>;
}

/**
 * The item's output: the input item's fields plus the result under `resultKey` (so a Magento
 * stock node can feed a price node, and a checkpoint Record can read the SKU); or its error,
 * thrown afresh for this item (the runner names the SKU and routes it to the error output).
 */
export function outcomeOf(
	ctx: IExecuteFunctions,
	batch: BulkBatch,
	i: number,
	record: ItemRecord,
	resultKey: string,
): IDataObject {
	const outcome = batch.outcomes.get(i);
	if (!outcome) throw new NodeOperationError(ctx.getNode(), `Item ${i}: no outcome`);
	if (outcome.kind === 'error') {
		Object.assign(record, outcome.record);
		const error = outcome.error;
		if (error instanceof MagentoError) throw error;
		throw new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex: i,
			description: (error as NodeOperationError).description ?? undefined,
		});
	}
	Object.assign(record, { sku: outcome.json.sku });
	const input: INodeExecutionData | undefined = ctx.getInputData()[i];
	return { ...(input?.json ?? {}), [resultKey]: outcome.json };
}

/** The operations' `execute`: each item gets what `prepare` decided for it, under `resultKey`. */
export function executeOutcome(resultKey: string) {
	return async function execute(
		this: IExecuteFunctions,
		_client: MagentoClient,
		i: number,
		record: ItemRecord,
		batch: BulkBatch,
	): Promise<IDataObject> {
		return outcomeOf(this, batch, i, record, resultKey);
	};
}

/** An error of one item that came up before anything was sent (a bad parameter). */
export function parameterError(error: unknown, sku?: string): Outcome {
	return failedRow(error, sku ? { sku } : {});
}

/** Not an error: the item has nothing to write (no value, not in Magento with Skip, a type that cannot take it). */
export function skipped(json: IDataObject, reason: string): Outcome {
	return { kind: 'result', json: { ...json, changed: false, skipped: reason } };
}

export const NOT_IN_MAGENTO = 'not in Magento';

/** The failure of an item whose SKU Magento does not have. */
export function unknownSku(sku: string, record: ItemRecord): Outcome {
	return {
		kind: 'error',
		error: Object.assign(new Error(`no such product in Magento (${sku})`), {
			description:
				'Create the product in Magento, map the SKU in the workflow, or set Bulk Options > Unknown SKUs to Skip the Item for items the shop does not sell.',
		}),
		record,
	};
}

/** One item's request: a row to write under a key (the last item per key wins), or its own outcome. */
export type ItemRow<R> = { key: string; row: R; superseded: (earlier: R) => IDataObject } | Outcome;

/**
 * Reads every item's row: its SKU, then `parse`. An item a later one supersedes (same key) reports
 * `changed: false, supersededBy`; a bad parameter is that item's error. Returns the rows to work on.
 */
export function collectRows<R extends { index: number }>(
	ctx: IExecuteFunctions,
	count: number,
	outcomes: Map<number, Outcome>,
	parse: (i: number, sku: string, fromInput: boolean) => ItemRow<R>,
): R[] {
	const fromInput = fromInputFields(ctx);
	const latest = new Map<string, R>();
	for (let i = 0; i < count; i++) {
		let sku: string | undefined;
		try {
			sku = skuOf(ctx, i, fromInput);
			const parsed = parse(i, sku, fromInput);
			if ('kind' in parsed) {
				outcomes.set(i, parsed);
				continue;
			}
			const earlier = latest.get(parsed.key);
			if (earlier)
				outcomes.set(earlier.index, {
					kind: 'result',
					json: { ...parsed.superseded(earlier), changed: false, supersededBy: i },
				});
			latest.set(parsed.key, parsed.row);
		} catch (error) {
			outcomes.set(i, parameterError(error, sku));
		}
	}
	return [...latest.values()];
}

/** The failure of an item, with the record that names it (SKU, source). */
export function failedRow(error: unknown, record: ItemRecord): Outcome {
	return {
		kind: 'error',
		error: error instanceof Error ? error : new Error(String(error)),
		record,
	};
}
