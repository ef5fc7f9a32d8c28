import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { round6, skuKey } from '../../helpers/catalog';
import type { MagentoClient } from '../../transport/MagentoClient';
import { toMagentoDate } from '../../transport/searchCriteria';
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
import { storeIdProperty } from './updateBase.operation';

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
		displayName: 'Special Price',
		name: 'price',
		displayOptions: { show: { valuesFrom: ['parameters'] } },
		type: 'string',
		default: '',
		placeholder: '={{ $json.price }}',
		description:
			'The special (sale) price, evaluated per item, e.g. from a second SAP price list. Empty or null: the item has no special price (removed from Magento when Remove When Empty is on).',
	},
	storeIdProperty,
	{
		displayName: 'Price From',
		name: 'priceFrom',
		type: 'string',
		default: '',
		placeholder: '2026-12-01 00:00:00',
		description: 'First day of the special price (empty: from now on)',
	},
	{
		displayName: 'Price To',
		name: 'priceTo',
		type: 'string',
		default: '',
		placeholder: '2026-12-31 23:59:59',
		description: 'Last day of the special price (empty: no end)',
	},
	{
		displayName: 'Remove When Empty',
		name: 'removeWhenEmpty',
		type: 'boolean',
		default: true,
		description:
			'Whether an item without a special price removes the special price Magento has for the SKU and store',
	},
	bulkOptions('special price', true),
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['price'], operation: ['updateSpecial'] } },
	properties,
);

interface Row extends PriceRow {
	price: number | null;
	from: string | null;
	to: string | null;
}

interface SpecialInfo extends IDataObject {
	sku: string;
	price: number | string;
	store_id: number | string;
	price_from?: string | null;
	price_to?: string | null;
}

const rowKey = (sku: string, storeId: number) => `${skuKey(sku)}\u0000${storeId}`;

function dateOf(ctx: IExecuteFunctions, name: string, label: string, i: number): string | null {
	const raw = ctx.getNodeParameter(name, i, '') as unknown;
	if (raw === '' || raw === null || raw === undefined) return null;
	try {
		return toMagentoDate(raw as string);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `${label}: ${(error as Error).message}`, {
			itemIndex: i,
		});
	}
}

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

/** Special price rows by SKU. */
type SpecialIndex = Map<string, SpecialInfo[]>;

function indexBySku(rows: SpecialInfo[]): SpecialIndex {
	const index: SpecialIndex = new Map();
	for (const row of rows) {
		const key = skuKey(String(row.sku));
		index.set(key, [...(index.get(key) ?? []), row]);
	}
	return index;
}

/** The special price a store view has: its own row, else the default (store 0) row. */
function effective(rows: SpecialIndex, sku: string, storeId: number): SpecialInfo | undefined {
	const mine = rows.get(skuKey(sku)) ?? [];
	return (
		mine.find((r) => Number(r.store_id) === storeId) ?? mine.find((r) => Number(r.store_id) === 0)
	);
}

const matches = (row: Row, info: SpecialInfo | undefined) =>
	info !== undefined &&
	row.price !== null &&
	round6(Number(info.price)) === row.price &&
	text(info.price_from) === row.from &&
	text(info.price_to) === row.to;

export async function prepare(
	this: IExecuteFunctions,
	client: MagentoClient,
	items: INodeExecutionData[],
): Promise<BulkBatch> {
	const settings = bulkSettings(this);
	const outcomes = new Map<number, Outcome>();
	const removeWhenEmpty = this.getNodeParameter('removeWhenEmpty', 0, true) !== false;
	const rows = collectRows<Row>(this, items.length, outcomes, (i, sku, fromInput) => {
		const storeId = storeIdOf(this, i);
		const price = optionalNumber(this, 'price', 'Special Price', i, fromInput);
		if (price !== undefined && price < 0)
			throw new NodeOperationError(this.getNode(), `Special Price ${price} is negative`, {
				itemIndex: i,
			});
		return {
			key: rowKey(sku, storeId),
			row: {
				index: i,
				sku,
				storeId,
				price: price === undefined ? null : round6(price),
				from: dateOf(this, 'priceFrom', 'Price From', i),
				to: dateOf(this, 'priceTo', 'Price To', i),
			},
			superseded: (earlier) => ({ sku, storeId, price: earlier.price }),
		};
	});
	const base = (r: Row) => ({
		sku: r.sku,
		storeId: r.storeId,
		price: r.price,
		priceFrom: r.from,
		priceTo: r.to,
	});
	const fail = (row: Row, error: unknown) =>
		outcomes.set(row.index, failedRow(error, { sku: row.sku }));
	const read = async (list: Row[]) =>
		indexBySku(
			await readPrices<SpecialInfo>(
				client,
				'/products/special-price-information',
				list.map((r) => r.sku),
				settings.concurrency,
			),
		);
	let current: SpecialIndex = new Map();
	try {
		current =
			rows.length && (settings.onlyChanged || removeWhenEmpty) ? await read(rows) : new Map();
	} catch (error) {
		for (const row of rows) fail(row, error);
		return { outcomes };
	}
	const toSet: Row[] = [];
	const toRemove: Array<{ row: Row; existing: SpecialInfo[] }> = [];
	for (const row of rows) {
		const now = effective(current, row.sku, row.storeId);
		const previous = now
			? { price: Number(now.price), priceFrom: text(now.price_from), priceTo: text(now.price_to) }
			: null;
		if (row.price === null) {
			const own = (current.get(skuKey(row.sku)) ?? []).filter(
				(r) => Number(r.store_id) === row.storeId,
			);
			if (removeWhenEmpty && own.length) toRemove.push({ row, existing: own });
			else outcomes.set(row.index, skipped({ ...base(row), previous }, 'no special price'));
		} else if (settings.onlyChanged && matches(row, now))
			outcomes.set(row.index, { kind: 'result', json: { ...base(row), changed: false, previous } });
		else toSet.push(row);
	}
	let checked: Row[];
	try {
		checked = await checkPriceSkus(client, toSet, settings, outcomes, base);
	} catch (error) {
		for (const row of toSet) fail(row, error);
		checked = [];
	}
	const byKey = new Map(rows.map((r) => [rowKey(r.sku, r.storeId), r]));
	const payload = (r: Row) => ({
		sku: r.sku,
		price: r.price,
		store_id: r.storeId,
		...(r.from ? { price_from: r.from } : {}),
		...(r.to ? { price_to: r.to } : {}),
	});
	const written = await writePrices(
		this.getNode(),
		client,
		'/products/special-price',
		checked.map((r) => ({ key: rowKey(r.sku, r.storeId), payload: payload(r) })),
		settings,
		async (batch) => {
			const list = batch.map((b) => byKey.get(b.key)!);
			const now = await read(list);
			return list.every((r) => matches(r, effective(now, r.sku, r.storeId)));
		},
	);
	const removed = await writePrices(
		this.getNode(),
		client,
		'/products/special-price-delete',
		toRemove.flatMap(({ row, existing }) =>
			existing.map((e, n) => ({
				key: `${rowKey(row.sku, row.storeId)}\u0000${n}`,
				payload: {
					sku: String(e.sku),
					price: Number(e.price),
					store_id: Number(e.store_id),
					...(e.price_from ? { price_from: String(e.price_from) } : {}),
					...(e.price_to ? { price_to: String(e.price_to) } : {}),
				},
			})),
		),
		settings,
		async (batch) => {
			const list = batch.map((b) => byKey.get(b.key.split('\u0000').slice(0, 2).join('\u0000'))!);
			const now = await read(list);
			return list.every(
				(r) => !(now.get(skuKey(r.sku)) ?? []).some((x) => Number(x.store_id) === r.storeId),
			);
		},
	);
	for (const row of checked) {
		const outcome = written.get(rowKey(row.sku, row.storeId))!;
		const now = effective(current, row.sku, row.storeId);
		if (outcome.ok)
			outcomes.set(row.index, {
				kind: 'result',
				json: {
					...base(row),
					changed: true,
					previous: now
						? {
								price: Number(now.price),
								priceFrom: text(now.price_from),
								priceTo: text(now.price_to),
							}
						: null,
				},
			});
		else fail(row, outcome.error);
	}
	for (const { row, existing } of toRemove) {
		const failedRow = existing
			.map((_e, n) => removed.get(`${rowKey(row.sku, row.storeId)}\u0000${n}`)!)
			.find((o) => !o.ok);
		if (failedRow && !failedRow.ok) fail(row, failedRow.error);
		else
			outcomes.set(row.index, {
				kind: 'result',
				json: { ...base(row), changed: true, removed: true },
			});
	}
	return { outcomes };
}

export const execute = executeOutcome('specialPrice');
