/**
 * What the base and special price operations share: reading the prices Magento holds (a POST
 * with the SKUs in the body: `…/base-prices-information`, `…/special-price-information`, which
 * leave out unknown and invalid SKUs), the products check, and the batched price writes whose
 * 200 answer lists the failed rows only (Catalog/Model/Product/Price/Validation/Result.php:
 * `{message, parameters}`, no row number; the rows are found by the SKU among the parameters).
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
} from 'n8n-workflow';
import { chunk, mapWithConcurrency } from '../../../shared/concurrency';
import {
	cannotTake,
	fillMessage,
	fixedPriceBundles,
	lookupProducts,
	rowError,
	skuKey,
	writeInBatches,
	type RowOutcome,
	type WriteRow,
} from '../../helpers/catalog';
import type { MagentoClient } from '../../transport/MagentoClient';
import {
	NOT_IN_MAGENTO,
	skipped,
	unknownSku,
	type BulkSettings,
	type Outcome,
} from '../catalogCommon';

/** The item's Store ID parameter, a whole number ≥ 0. */
export function storeIdOf(ctx: IExecuteFunctions, i: number): number {
	const storeId = Number(ctx.getNodeParameter('storeId', i, 0));
	if (!Number.isInteger(storeId) || storeId < 0)
		throw new NodeOperationError(ctx.getNode(), `Store ID "${storeId}" is not a store ID`, {
			itemIndex: i,
		});
	return storeId;
}

/** SKUs per read-back request (a list of strings, not subject to the input limit on objects). */
const SKUS_PER_READ = 200;

/** POSTs `{skus}` to a price information endpoint in batches; the rows it answers. */
export async function readPrices<T extends IDataObject>(
	client: MagentoClient,
	path: string,
	skus: string[],
	concurrency: number,
): Promise<T[]> {
	const pages = await mapWithConcurrency(
		chunk([...new Set(skus)], SKUS_PER_READ),
		concurrency,
		async (batch) =>
			// A row without its SKU, store or price is an unexpected answer, never "no price".
			await client.read<T[]>({
				path,
				body: { skus: batch },
				expect: { kind: 'array', rowKeys: ['sku', 'store_id', 'price'] },
			}),
	);
	return pages.flat();
}

export interface PriceRow {
	index: number;
	sku: string;
	storeId: number;
}

/**
 * Keeps the rows whose SKU Magento has and whose product takes a price of its own; notes the
 * others' outcomes (unknown: failure or skip; configurable, grouped, dynamic bundle: skipped).
 */
export async function checkPriceSkus<R extends PriceRow>(
	client: MagentoClient,
	rows: R[],
	settings: BulkSettings,
	outcomes: Map<number, Outcome>,
	base: (row: R) => IDataObject,
): Promise<R[]> {
	if (!settings.checkSkus || rows.length === 0) return rows;
	const products = await lookupProducts(client, [...new Set(rows.map((r) => r.sku))], {
		concurrency: settings.concurrency,
	});
	const bundles = [...products.values()].filter((p) => p.typeId === 'bundle').map((p) => p.sku);
	const fixed = bundles.length
		? await fixedPriceBundles(client, bundles, settings.concurrency)
		: new Set<string>();
	const kept: R[] = [];
	for (const row of rows) {
		const product = products.get(skuKey(row.sku));
		if (!product) {
			outcomes.set(
				row.index,
				settings.unknownSkus === 'skip'
					? skipped(base(row), NOT_IN_MAGENTO)
					: unknownSku(row.sku, { sku: row.sku }),
			);
			continue;
		}
		const reason = cannotTake(product, 'price', fixed);
		if (reason) outcomes.set(row.index, skipped(base(row), reason));
		else kept.push(row);
	}
	return kept;
}

interface FailedItem {
	message?: string;
	parameters?: unknown;
}

/**
 * Sends price rows in batches to `path` (`{prices: [...]}`) and maps the failed items of each
 * answer to the rows they name (a parameter equal to the row's SKU). A failure that names no row
 * of the batch fails the whole batch's rows (a next run reads them back and sends what is still
 * different).
 */
export async function writePrices<P extends { sku: string }>(
	node: INode,
	client: MagentoClient,
	path: string,
	rows: Array<WriteRow<P>>,
	settings: BulkSettings,
	verify: (batch: Array<WriteRow<P>>) => Promise<boolean>,
): Promise<Map<string, RowOutcome>> {
	return await writeInBatches(
		rows,
		{ batchSize: settings.batchSize, concurrency: settings.concurrency },
		async (batch) => {
			const { result } = await client.write<FailedItem[]>({
				path,
				body: { prices: batch.map((b) => b.payload) },
				expect: { kind: 'array' },
				// Absolute values: after a lost answer, Magento holding them means the write was done.
				recover: async () => ((await verify(batch)) ? [] : undefined),
			});
			const failed = new Map<string, Error>();
			for (const item of result ?? []) {
				const text = fillMessage(String(item.message ?? 'price not saved'), item.parameters);
				const params = Array.isArray(item.parameters)
					? item.parameters
					: item.parameters && typeof item.parameters === 'object'
						? Object.values(item.parameters as object)
						: [];
				const named = batch.filter((b) =>
					params.some((p) => typeof p === 'string' && skuKey(p) === skuKey(b.payload.sku)),
				);
				for (const row of named.length ? named : batch)
					failed.set(row.key, rowError(node, `Magento refused the price: ${text}`));
			}
			return failed;
		},
	);
}
