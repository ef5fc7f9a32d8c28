/**
 * The bulk machinery of the stock and price operations: SKU batches for searchCriteria, the
 * products lookup (does the SKU exist, of which type), read-back of the values the store holds,
 * batched writes that never fail as a whole because of one row, and per-row results.
 *
 * Why the pre-check: on `POST /V1/inventory/source-items` one unknown SKU fails the whole batch on
 * 2.4.6-p3 ("Could not save Source Item", magento/inventory#889), is saved as an orphan row with
 * 200 on 2.3 (magento2#30274, #38154), or fails validation where ExistentSkuValidator exists. Only
 * a lookup before the write makes an unknown SKU a per-item failure on every version. A batch
 * that fails for another row-level reason (400) is split in halves until the bad row is alone;
 * a batch refused by the Web API input limit ("Maximum items of type "%type" is %max") is sent
 * again in batches of the limit.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';
import { chunk, mapWithConcurrency } from '../../shared/concurrency';
import { describeHttpFailure, isTransient } from '../../shared/http/failure';
import type { MagentoClient } from '../transport/MagentoClient';
import { MagentoError } from '../transport/MagentoClient';
import { percentEncode } from '../../../credentials/helpers/oauth1';
import type { SearchFilter } from '../transport/searchCriteria';

/** SKUs compare as MySQL compares them: case-insensitively, trailing spaces ignored. */
export const skuKey = (sku: string): string => sku.trim().toLowerCase();

/** Rounds to Magento's decimal(…,6) precision, so 7 and 7.0000001 are the same value. */
export const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * Batches of SKUs for a `sku in (…)` filter, small enough for one page and for a URL a proxy
 * accepts (each batch's encoded values at most `maxChars`).
 */
export function skuBatches(skus: readonly string[], maxCount = 100, maxChars = 3000): string[][] {
	const out: string[][] = [];
	let current: string[] = [];
	let chars = 0;
	for (const sku of skus) {
		const length = percentEncode(sku).length + 3;
		if (current.length && (current.length >= maxCount || chars + length > maxChars)) {
			out.push(current);
			current = [];
			chars = 0;
		}
		current.push(sku);
		chars += length;
	}
	if (current.length) out.push(current);
	return out;
}

/**
 * The filter group selecting these SKUs: one `in` filter (Magento splits its value on commas), and
 * an `eq` filter (OR-ed in the same group) for each SKU that contains a comma itself.
 */
export function skuFilterGroup(skus: readonly string[]): SearchFilter[] {
	const plain = skus.filter((s) => !s.includes(','));
	const group: SearchFilter[] = [];
	if (plain.length) group.push({ field: 'sku', value: plain, conditionType: 'in' });
	for (const sku of skus.filter((s) => s.includes(',')))
		group.push({ field: 'sku', value: sku, conditionType: 'eq' });
	return group;
}

export interface ProductInfo {
	id: number;
	sku: string;
	typeId: string;
	/** The legacy stock item, when the store lists it with the product. */
	stockItem?: { itemId: number; qty: number; isInStock: boolean };
}

interface ListedProduct {
	id?: number;
	sku?: string;
	type_id?: string;
	extension_attributes?: {
		stock_item?: { item_id?: number; qty?: number | string; is_in_stock?: boolean | number };
	};
}

/** Products by SKU (`GET /V1/products`, `sku in (…)`, only the fields needed), keyed by skuKey. */
export async function lookupProducts(
	client: MagentoClient,
	skus: readonly string[],
	options: { concurrency: number; stockItem?: boolean },
): Promise<Map<string, ProductInfo>> {
	const found = new Map<string, ProductInfo>();
	const fields = options.stockItem
		? 'items[id,sku,type_id,extension_attributes[stock_item[item_id,qty,is_in_stock]]],total_count'
		: 'items[id,sku,type_id],total_count';
	await mapWithConcurrency(skuBatches(skus), options.concurrency, async (batch) => {
		const { items } = await client.search<ListedProduct>(
			'/products',
			{ filterGroups: [skuFilterGroup(batch)], fields },
			// A row without its SKU or type is an unexpected answer, never "not in Magento".
			{ pageSize: batch.length, key: 'sku', rowKeys: ['id', 'sku', 'type_id'] },
		);
		for (const p of items) {
			const stock = p.extension_attributes?.stock_item;
			found.set(skuKey(String(p.sku)), {
				id: Number(p.id),
				sku: String(p.sku),
				typeId: String(p.type_id),
				...(stock && stock.item_id !== undefined
					? {
							stockItem: {
								itemId: Number(stock.item_id),
								qty: Number(stock.qty ?? 0),
								isInStock: stock.is_in_stock === true || stock.is_in_stock === 1,
							},
						}
					: {}),
			});
		}
	});
	return found;
}

/** Bundle SKUs with a fixed price (price_type 1): only those take a base price of their own. */
export async function fixedPriceBundles(
	client: MagentoClient,
	skus: readonly string[],
	concurrency: number,
): Promise<Set<string>> {
	const fixed = new Set<string>();
	await mapWithConcurrency(skuBatches(skus, 50), concurrency, async (batch) => {
		const { items } = await client.search<{
			sku?: string;
			custom_attributes?: Array<{ attribute_code: string; value: unknown }>;
		}>(
			'/products',
			{ filterGroups: [skuFilterGroup(batch)], fields: 'items[sku,custom_attributes],total_count' },
			{ pageSize: batch.length, key: 'sku', rowKeys: ['sku'] },
		);
		for (const p of items) {
			const type = p.custom_attributes?.find((a) => a.attribute_code === 'price_type');
			if (p.sku && String(type?.value) === '1') fixed.add(skuKey(p.sku));
		}
	});
	return fixed;
}

/** Product types that hold stock of their own (MSI source items, legacy stock items). */
export const STOCK_TYPES = new Set(['simple', 'virtual', 'downloadable']);

/**
 * Why a product cannot take the value (undefined: it can). Configurable, bundle and grouped
 * products have no stock of their own (their children have); configurable and grouped products,
 * and bundles with a dynamic price, have no base price of their own.
 */
export function cannotTake(
	product: ProductInfo,
	what: 'stock' | 'price',
	fixedBundles?: Set<string>,
): string | undefined {
	const type = product.typeId;
	if (what === 'stock')
		return STOCK_TYPES.has(type) || type === ''
			? undefined
			: `a ${type} product has no stock of its own in Magento (its simple products have)`;
	if (STOCK_TYPES.has(type) || type === '') return undefined;
	if (type === 'bundle' && fixedBundles?.has(skuKey(product.sku))) return undefined;
	if (type === 'bundle') return 'Magento computes a dynamic bundle price from its items';
	return `a ${type} product has no price of its own in Magento (its simple products have)`;
}

/**
 * Magento's message with its placeholders filled: `%1`… from a list, `%name` from an object, and
 * the positional lists the price APIs send (`["SKU","X"]` for "%fieldName = %fieldValue") in the
 * order the names first appear.
 */
export function fillMessage(message: string, parameters: unknown): string {
	if (Array.isArray(parameters)) {
		if (/%\d/.test(message))
			return message.replace(/%(\d+)/g, (whole, n: string) =>
				parameters[Number(n) - 1] === undefined ? whole : String(parameters[Number(n) - 1]),
			);
		const names: string[] = [];
		for (const m of message.matchAll(/%([A-Za-z_]\w*)/g))
			if (!names.includes(m[1])) names.push(m[1]);
		return message.replace(/%([A-Za-z_]\w*)/g, (whole, name: string) => {
			const value = parameters[names.indexOf(name)];
			return value === undefined || value === null ? whole : String(value);
		});
	}
	if (parameters && typeof parameters === 'object')
		return message.replace(/%([A-Za-z_]\w*)/g, (whole, name: string) => {
			const value = (parameters as Record<string, unknown>)[name];
			return value === undefined || value === null ? whole : String(value);
		});
	return message;
}

/** A row to write and the input items it answers for. */
export interface WriteRow<P> {
	key: string;
	payload: P;
}

export type RowOutcome = { ok: true } | { ok: false; error: Error };

const INPUT_LIMIT = /Maximum items of type/i;

/** The limit from a "Maximum items of type … is N" answer, if it is one. */
export function inputLimitOf(error: unknown): number | undefined {
	if (!(error instanceof MagentoError)) return undefined;
	const body = error.failure.body as { message?: unknown; parameters?: unknown } | undefined;
	if (typeof body?.message !== 'string' || !INPUT_LIMIT.test(body.message)) return undefined;
	const params = body.parameters as Record<string, unknown> | unknown[] | undefined;
	const max = Array.isArray(params) ? params[1] : params?.max;
	const n = Number(max);
	return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A 4xx about the content (not auth, not a missing route): splitting the batch finds the bad row. */
function isRowLevel(error: unknown): boolean {
	const failure = describeHttpFailure(error);
	if (isTransient(failure)) return false;
	return failure.status === 400;
}

/**
 * Writes rows in batches of `batchSize`, `concurrency` batches at once. `send` writes one batch
 * and returns per-row failures it learnt from a successful answer (base prices answer 200 with
 * the failed rows). A batch that fails as a whole is split until the failing rows are alone;
 * every row ends with an outcome, none is left out.
 */
export async function writeInBatches<P>(
	rows: WriteRow<P>[],
	options: { batchSize: number; concurrency: number },
	send: (batch: WriteRow<P>[]) => Promise<Map<string, Error>>,
): Promise<Map<string, RowOutcome>> {
	const outcomes = new Map<string, RowOutcome>();
	let limit = Math.max(1, Math.floor(options.batchSize));
	const write = async (batch: WriteRow<P>[]): Promise<void> => {
		if (batch.length > limit) {
			for (const part of chunk(batch, limit)) await write(part);
			return;
		}
		try {
			const failed = await send(batch);
			for (const row of batch) {
				const error = failed.get(row.key);
				outcomes.set(row.key, error ? { ok: false, error } : { ok: true });
			}
		} catch (error) {
			const max = inputLimitOf(error);
			if (max !== undefined && max < batch.length) {
				limit = Math.min(limit, max);
				for (const part of chunk(batch, max)) await write(part);
				return;
			}
			if (batch.length > 1 && isRowLevel(error)) {
				const half = Math.ceil(batch.length / 2);
				await write(batch.slice(0, half));
				await write(batch.slice(half));
				return;
			}
			for (const row of batch)
				outcomes.set(row.key, {
					ok: false,
					error: error instanceof Error ? error : new Error(String(error)),
				});
		}
	};
	await mapWithConcurrency(chunk(rows, limit), options.concurrency, write);
	return outcomes;
}

/** A per-row failure the store reported in a successful answer (e.g. a price row). */
export function rowError(node: INode, message: string): NodeOperationError {
	return new NodeOperationError(node, message);
}
