/**
 * Magento's searchCriteria query grammar as a pure function:
 * `searchCriteria[filter_groups][g][filters][f][field|value|condition_type]`,
 * `searchCriteria[sortOrders][i][field|direction]`, `searchCriteria[pageSize]`, `searchCriteria[currentPage]`.
 * Filters inside one group are OR-ed; groups are AND-ed.
 */
import { percentEncode } from '../../../credentials/helpers/oauth1';

export const CONDITION_TYPES = [
	'eq',
	'neq',
	'gt',
	'gteq',
	'lt',
	'lteq',
	'in',
	'nin',
	'like',
	'nlike',
	'from',
	'to',
	'null',
	'notnull',
	'finset',
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

export interface SearchFilter {
	field: string;
	/** Arrays are joined with commas (for `in` / `nin`). Omitted for `null` / `notnull`. */
	value?: string | number | ReadonlyArray<string | number>;
	conditionType?: ConditionType;
}

export interface SortOrder {
	field: string;
	direction: 'ASC' | 'DESC';
}

export interface SearchCriteria {
	/** AND of groups; each group is an OR of its filters. */
	filterGroups?: SearchFilter[][];
	sortOrders?: SortOrder[];
	pageSize?: number;
	currentPage?: number;
	/** Magento's response field filter, e.g. `items[sku,type_id],total_count` (sent as `fields`). */
	fields?: string;
}

function checkField(field: string): string {
	if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(field))
		throw new Error(`"${field}" is not a valid Magento field name`);
	return field;
}

/** The decoded name/value pairs of the query. */
export function searchCriteriaPairs(criteria: SearchCriteria): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	const groups = (criteria.filterGroups ?? []).filter((g) => g.length > 0);
	groups.forEach((group, g) => {
		group.forEach((filter, f) => {
			const prefix = `searchCriteria[filter_groups][${g}][filters][${f}]`;
			const condition = filter.conditionType ?? 'eq';
			if (!CONDITION_TYPES.includes(condition))
				throw new Error(`Unknown condition type "${condition}"`);
			pairs.push([`${prefix}[field]`, checkField(filter.field)]);
			if (filter.value !== undefined) {
				const value = Array.isArray(filter.value) ? filter.value.join(',') : String(filter.value);
				pairs.push([`${prefix}[value]`, value]);
			}
			pairs.push([`${prefix}[condition_type]`, condition]);
		});
	});
	(criteria.sortOrders ?? []).forEach((sort, i) => {
		pairs.push([`searchCriteria[sortOrders][${i}][field]`, checkField(sort.field)]);
		pairs.push([
			`searchCriteria[sortOrders][${i}][direction]`,
			sort.direction === 'DESC' ? 'DESC' : 'ASC',
		]);
	});
	if (criteria.pageSize !== undefined)
		pairs.push(['searchCriteria[pageSize]', String(Math.floor(criteria.pageSize))]);
	if (criteria.currentPage !== undefined)
		pairs.push(['searchCriteria[currentPage]', String(Math.floor(criteria.currentPage))]);
	// Magento needs searchCriteria to be present even when empty.
	if (pairs.length === 0) pairs.push(['searchCriteria', '']);
	if (criteria.fields) pairs.push(['fields', criteria.fields]);
	return pairs;
}

/** The encoded query string (without `?`), RFC 3986 encoded so OAuth signs exactly what is sent. */
export function searchCriteriaQuery(criteria: SearchCriteria): string {
	return searchCriteriaPairs(criteria)
		.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
		.join('&');
}

/** A date/time as Magento filters want it: UTC `YYYY-MM-DD HH:MM:SS`. Zone-less input is taken as UTC. */
export function toMagentoDate(value: string | Date): string {
	let date: Date;
	if (value instanceof Date) date = value;
	else {
		const text = String(value).trim();
		const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?)?$/.exec(text);
		date = m
			? new Date(`${m[1]}T${m[2] ?? '00:00:00'}${m[2]?.length === 5 ? ':00' : ''}Z`)
			: new Date(text);
	}
	if (Number.isNaN(date.getTime())) throw new Error(`"${String(value)}" is not a valid date`);
	return date.toISOString().slice(0, 19).replace('T', ' ');
}
