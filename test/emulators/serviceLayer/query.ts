/** Query options on a collection: $filter, $orderby, $select, $skip, $top, counts and server paging. */
import type { EntitySetDef } from './entities';
import { errors } from './errors';
import { evalFilter, optimiseFilter, parseFilter } from './filter';

type Row = Record<string, unknown>;

export interface CollectionQuery {
	/** Query string parameters as sent (decoded). */
	params: URLSearchParams;
	/** Effective page size; 0 = no paging. */
	pageSize: number;
	/** Prefix of the next link before the entity set name: `/b1s/v1/` (absolute) or `` (relative). */
	nextLinkPrefix: string;
}

export interface CollectionResult {
	value: Row[];
	nextLink?: string;
	count?: number;
}

function knownProp(def: EntitySetDef, rows: Row[]): (name: string) => boolean {
	return (name) => def.props.has(name) || rows.some((r) => name in r);
}

function int(params: URLSearchParams, name: string): number | undefined {
	const raw = params.get(name);
	if (raw === null) return undefined;
	if (!/^\d+$/.test(raw.trim()))
		throw errors.syntax(`Invalid value '${raw}' for query option '${name}'`);
	return Number(raw);
}

/** Rows matching `$filter` (all rows without one). */
export function filterRows(def: EntitySetDef, rows: Row[], params: URLSearchParams): Row[] {
	const src = params.get('$filter');
	if (src === null || src.trim() === '') return rows;
	const ast = optimiseFilter(parseFilter(src, knownProp(def, rows)), def.dateProps);
	return rows.filter((r) => !!evalFilter(ast, r, def.dateProps));
}

function orderRows(def: EntitySetDef, rows: Row[], params: URLSearchParams): Row[] {
	const src = params.get('$orderby');
	if (!src) return rows;
	const isProp = knownProp(def, rows);
	const keys = src.split(',').map((part) => {
		const [name, dir = 'asc', ...rest] = part.trim().split(/\s+/);
		if (!isProp(name)) throw errors.invalidProperty(name, def.type);
		if (rest.length || !/^(asc|desc)$/i.test(dir))
			throw errors.syntax(`Invalid $orderby expression '${part.trim()}'`);
		return { name, sign: dir.toLowerCase() === 'desc' ? -1 : 1 };
	});
	return [...rows].sort((a, b) => {
		for (const k of keys) {
			const x = a[k.name];
			const y = b[k.name];
			if (x === y) continue;
			if (x == null) return -k.sign;
			if (y == null) return k.sign;
			return (x < y ? -1 : 1) * k.sign;
		}
		return 0;
	});
}

export function selectFields(
	def: EntitySetDef,
	row: Row,
	select: string | null,
	rows: Row[] = [row],
): Row {
	if (!select || select.trim() === '' || select.trim() === '*') return row;
	const isProp = knownProp(def, rows);
	const out: Row = {};
	for (const name of select.split(',').map((s) => s.trim())) {
		if (!isProp(name)) throw errors.invalidProperty(name, def.type);
		out[name] = row[name] ?? null;
	}
	return out;
}

function encodeQueryValue(v: string): string {
	return encodeURIComponent(v)
		.replace(/%24/g, '$')
		.replace(/%27/g, "'")
		.replace(/%28/g, '(')
		.replace(/%29/g, ')')
		.replace(/%2C/g, ',');
}

export function queryCollection(
	def: EntitySetDef,
	all: Row[],
	q: CollectionQuery,
): CollectionResult {
	const { params } = q;
	const filtered = orderRows(def, filterRows(def, all, params), params);
	const skip = int(params, '$skip') ?? 0;
	const top = int(params, '$top');
	const wanted = filtered.slice(skip, top === undefined ? undefined : skip + top);
	const page = q.pageSize > 0 ? wanted.slice(0, q.pageSize) : wanted;
	const select = params.get('$select');
	const result: CollectionResult = { value: page.map((r) => selectFields(def, r, select, all)) };
	if (params.get('$inlinecount') === 'allpages' || params.get('$count') === 'true')
		result.count = filtered.length;
	if (page.length < wanted.length) {
		const next: string[] = [];
		params.forEach((value, key) => {
			if (key !== '$skip' && key !== '$top') next.push(`${key}=${encodeQueryValue(value)}`);
		});
		if (top !== undefined) next.push(`$top=${top - page.length}`);
		next.push(`$skip=${skip + page.length}`);
		result.nextLink = `${q.nextLinkPrefix}${def.name}?${next.join('&')}`;
	}
	return result;
}
