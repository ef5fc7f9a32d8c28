/**
 * Magento's searchCriteria grammar for list endpoints (GET /V1/orders, /V1/shipments, ...), applied as MySQL would:
 * filters inside one filter group are OR-ed, groups are AND-ed; string comparison is case-insensitive (utf8 *_ci
 * collations); NULL never matches a comparison (only `null`); `in`/`nin` take a comma-separated list; `like` uses
 * the caller's own % and _; `from` = >=, `to` = <= (so a from and a to in ONE group are OR-ed, as in Magento).
 */
import { badRequest, internalError, MagentoHttpError } from './errors';

export interface Filter {
	field: string;
	value: string;
	condition_type: string;
}
export interface SearchCriteria {
	filter_groups: Array<{ filters: Filter[] }>;
	sort_orders?: Array<{ field: string; direction: string }>;
	page_size?: number;
	current_page?: number;
}

export interface PagingOptions {
	version: '2.3' | '2.4';
	/** Input limit; undefined = no limit. */
	maxPageSize?: number;
	/** Applied when the request has no pageSize; undefined = everything. */
	defaultPageSize?: number;
}

type Nested = { [k: string]: Nested | string };

/** PHP parse_str: '+' is a space, `a[b][0][c]=v` builds nested maps (later duplicates win). */
export function parseQuery(query: string): Nested {
	const root: Nested = {};
	for (const pair of query.split('&')) {
		if (!pair) continue;
		const eq = pair.indexOf('=');
		const rawKey = eq < 0 ? pair : pair.slice(0, eq);
		const rawVal = eq < 0 ? '' : pair.slice(eq + 1);
		const dec = (s: string) => {
			try {
				return decodeURIComponent(s.replace(/\+/g, ' '));
			} catch {
				return s;
			}
		};
		const key = dec(rawKey);
		const m = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
		if (!m) continue;
		const path = [m[1], ...Array.from(m[2].matchAll(/\[([^\]]*)\]/g), (x) => x[1])];
		let node = root;
		for (let i = 0; i < path.length - 1; i++) {
			const seg = path[i] === '' ? String(Object.keys(node).length) : path[i];
			if (typeof node[seg] !== 'object') node[seg] = {};
			node = node[seg] as Nested;
		}
		const last =
			path[path.length - 1] === '' ? String(Object.keys(node).length) : path[path.length - 1];
		node[last] = dec(rawVal);
	}
	return root;
}

const values = (n: Nested | string | undefined): Array<Nested | string> =>
	n && typeof n === 'object' ? Object.values(n) : [];
const str = (n: Nested | string | undefined): string | undefined =>
	typeof n === 'string' ? n : undefined;
/** Magento's deserializer accepts camelCase and snake_case keys. */
const pick = (n: Nested, camel: string, snake: string) => n[camel] ?? n[snake];

function toInt(v: string | undefined, name: string): number | undefined {
	if (v === undefined || v === '') return undefined;
	if (!/^-?\d+$/.test(v.trim()))
		throw badRequest(
			'The "%value" value\'s type is invalid. The "%type" type was expected. Verify and try again.',
			{ value: v, type: 'int' },
		);
	void name;
	return parseInt(v, 10);
}

/** Reads searchCriteria from a parsed query; throws Magento's 400 when the page size is over the limit. */
export function readSearchCriteria(query: Nested, paging: PagingOptions): SearchCriteria {
	const sc = (query.searchCriteria ?? query.search_criteria) as Nested | string | undefined;
	const node: Nested = sc && typeof sc === 'object' ? sc : {};
	const criteria: SearchCriteria = { filter_groups: [] };
	for (const g of values(pick(node, 'filterGroups', 'filter_groups'))) {
		if (typeof g !== 'object') continue;
		const filters: Filter[] = [];
		for (const f of values(g.filters)) {
			if (typeof f !== 'object') continue;
			filters.push({
				field: str(f.field) ?? '',
				value: str(f.value) ?? '',
				condition_type: str(pick(f, 'conditionType', 'condition_type')) || 'eq',
			});
		}
		criteria.filter_groups.push({ filters });
	}
	const sorts = values(pick(node, 'sortOrders', 'sort_orders'));
	if (sorts.length) {
		criteria.sort_orders = [];
		for (const s of sorts) {
			if (typeof s !== 'object') continue;
			const direction = str(s.direction) ?? 'ASC';
			if (!['ASC', 'DESC'].includes(direction.toUpperCase()))
				throw badRequest('The sort order "%1" is invalid. Verify and try again.', [direction]);
			criteria.sort_orders.push({ field: str(s.field) ?? '', direction: direction.toUpperCase() });
		}
	}
	const pageSize = toInt(str(pick(node, 'pageSize', 'page_size')), 'pageSize');
	const currentPage = toInt(str(pick(node, 'currentPage', 'current_page')), 'currentPage');
	if (pageSize !== undefined) {
		if (paging.maxPageSize !== undefined && pageSize > paging.maxPageSize) {
			throw badRequest('Maximum SearchCriteria pageSize is %max', { max: paging.maxPageSize });
		}
		criteria.page_size = pageSize;
	} else if (paging.defaultPageSize !== undefined) {
		criteria.page_size = paging.defaultPageSize;
	}
	if (currentPage !== undefined) criteria.current_page = currentPage;
	return criteria;
}

export type Row = Record<string, unknown>;

const DATE_RE = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?)?$/;
const isNumeric = (v: unknown) =>
	typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v)));

/** MySQL-like comparison of a column value with a filter literal; null = not comparable (NULL). */
function compare(col: unknown, lit: string, dateFields: Set<string>, field: string): number | null {
	if (col === null || col === undefined) return null;
	if (dateFields.has(field)) {
		const m = DATE_RE.exec(lit.trim());
		if (!m) return null;
		const norm = `${m[1]} ${m[2] ?? '00:00:00'}`;
		const c = String(col);
		return c < norm ? -1 : c > norm ? 1 : 0;
	}
	if (typeof col === 'number' || typeof col === 'boolean') {
		const a = Number(col);
		const b = isNumeric(lit) ? Number(lit) : parseFloat(lit) || 0;
		return a < b ? -1 : a > b ? 1 : 0;
	}
	const a = String(col).toLowerCase().replace(/ +$/, '');
	const b = lit.toLowerCase().replace(/ +$/, '');
	return a < b ? -1 : a > b ? 1 : 0;
}

function likeToRegExp(pattern: string): RegExp {
	let re = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '\\' && i + 1 < pattern.length)
			re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		else if (c === '%') re += '.*';
		else if (c === '_') re += '.';
		else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${re}$`, 'is');
}

/** The values of an `in` / `nin` filter as text columns compare them (case-insensitive, trailing spaces ignored), once per filter. */
const inSets = new WeakMap<Filter, Set<string>>();
function inSet(f: Filter): Set<string> {
	let set = inSets.get(f);
	if (!set) {
		set = new Set(f.value.split(',').map((v) => v.toLowerCase().replace(/ +$/, '')));
		inSets.set(f, set);
	}
	return set;
}

export function matches(row: Row, f: Filter, dateFields: Set<string>): boolean {
	const col = row[f.field];
	const cmp = () => compare(col, f.value, dateFields, f.field);
	switch (f.condition_type) {
		case 'null':
			return col === null || col === undefined;
		case 'notnull':
			return col !== null && col !== undefined;
		case 'neq': {
			const c = cmp();
			return c !== null && c !== 0;
		}
		case 'gt': {
			const c = cmp();
			return c !== null && c > 0;
		}
		case 'gteq':
		case 'moreq':
		case 'from': {
			const c = cmp();
			return c !== null && c >= 0;
		}
		case 'lt': {
			const c = cmp();
			return c !== null && c < 0;
		}
		case 'lteq':
		case 'to': {
			const c = cmp();
			return c !== null && c <= 0;
		}
		case 'in':
		case 'nin': {
			if (col === null || col === undefined) return false;
			const hit =
				typeof col === 'string' && !dateFields.has(f.field)
					? inSet(f).has(col.toLowerCase().replace(/ +$/, ''))
					: f.value.split(',').some((v) => compare(col, v, dateFields, f.field) === 0);
			return f.condition_type === 'in' ? hit : !hit;
		}
		case 'like':
		case 'nlike': {
			if (col === null || col === undefined) return false;
			const hit = likeToRegExp(f.value).test(String(col));
			return f.condition_type === 'like' ? hit : !hit;
		}
		case 'finset':
		case 'nfinset': {
			if (col === null || col === undefined) return false;
			const hit = String(col)
				.split(',')
				.some((v) => v.toLowerCase() === f.value.toLowerCase());
			return f.condition_type === 'finset' ? hit : !hit;
		}
		case 'eq':
		default: {
			return cmp() === 0;
		}
	}
}

export interface ListResult<T> {
	items: T[];
	search_criteria: SearchCriteria;
	total_count: number;
}

/**
 * Filters, sorts and pages rows. `columns` are the filterable/sortable column names: any other field is an SQL
 * error in Magento, answered as a masked 500.
 */
export function applySearchCriteria<T extends Row>(
	rows: T[],
	criteria: SearchCriteria,
	paging: PagingOptions,
	columns: Set<string>,
	dateFields: Set<string>,
	idField: string,
): ListResult<T> {
	for (const g of criteria.filter_groups)
		for (const f of g.filters) if (!columns.has(f.field)) throw internalError();
	for (const s of criteria.sort_orders ?? []) if (!columns.has(s.field)) throw internalError();
	let out = rows.filter((r) =>
		criteria.filter_groups.every(
			(g) => g.filters.length === 0 || g.filters.some((f) => matches(r, f, dateFields)),
		),
	);
	const sorts = criteria.sort_orders ?? [];
	out = [...out].sort((a, b) => {
		for (const s of sorts) {
			const av = a[s.field];
			const bv = b[s.field];
			let c: number;
			if (av === bv) c = 0;
			else if (av === null || av === undefined)
				c = -1; // MySQL: NULLs first in ASC
			else if (bv === null || bv === undefined) c = 1;
			else if (typeof av === 'number' && typeof bv === 'number') c = av - bv;
			else
				c =
					String(av).toLowerCase() < String(bv).toLowerCase()
						? -1
						: String(av).toLowerCase() > String(bv).toLowerCase()
							? 1
							: 0;
			if (c !== 0) return s.direction === 'DESC' ? -c : c;
		}
		return (a[idField] as number) - (b[idField] as number);
	});
	const total = out.length;
	const size = criteria.page_size;
	if (size === undefined || size <= 0)
		return { items: out, search_criteria: criteria, total_count: total };
	let page = Math.max(1, criteria.current_page ?? 1);
	const lastPage = Math.max(1, Math.ceil(total / size));
	if (page > lastPage && paging.version === '2.3') page = lastPage; // 2.0–2.3: Collection::getCurPage clamps to the last page
	return {
		items: out.slice((page - 1) * size, page * size),
		search_criteria: criteria,
		total_count: total,
	};
}

export function isMagentoError(e: unknown): e is MagentoHttpError {
	return e instanceof MagentoHttpError;
}
