/**
 * All SQL of the SAP B1 Shipments node, in the portable subset that T-SQL and Postgres both
 * accept (OFFSET … FETCH, COALESCE, CAST; no TOP, no ISNULL, no [brackets]). Values are always
 * parameters (`@name`, bound with `request.input(name, type, value)`); the only identifier that
 * varies, the web order number field, is checked against a strict pattern first.
 * Result columns are lower-case aliases so that every engine returns the same names.
 */
import sql from 'mssql';
import type { Watermark } from '../../helpers/watermark';
import { timeToInt } from '../../helpers/watermark';
import { assertWebOrderField } from '../../../shared/webOrderField';

export interface SqlParameter {
	name: string;
	type: sql.ISqlTypeFactoryWithNoParams | sql.ISqlType;
	value: string | number | null;
}

export interface SqlQuery {
	text: string;
	params: SqlParameter[];
}

/** Columns of one result row (see DeliveryRow in ../normalise.ts). */
const columns = (webOrderField: string) => `
	T0.DocEntry AS doc_entry,
	T0.DocNum AS doc_num,
	T0.DocDate AS doc_date,
	T0.UpdateDate AS update_date,
	T0.UpdateTS AS update_ts,
	T0.TrackNo AS track_no,
	T0.TrnspCode AS trnsp_code,
	T3.TrnspName AS trnsp_name,
	T0.CardCode AS card_code,
	T0.CANCELED AS canceled,
	T1.LineNum AS line_num,
	T1.ItemCode AS item_code,
	T1.Dscription AS description,
	T1.Quantity AS quantity,
	T1.BaseType AS base_type,
	T1.BaseEntry AS base_entry,
	T1.BaseLine AS base_line,
	T1.WhsCode AS whs_code,
	T2.DocEntry AS order_entry,
	T2.${assertWebOrderField(webOrderField)} AS web_order_number`;

/** Delivery lines with their base sales order (BaseType 17) and carrier. */
const joins = `
	JOIN DLN1 T1 ON T1.DocEntry = T0.DocEntry
	LEFT JOIN ORDR T2 ON T1.BaseType = 17 AND T1.BaseEntry = T2.DocEntry
	LEFT JOIN OSHP T3 ON T0.TrnspCode = T3.TrnspCode`;

const AFTER_WATERMARK = `(D.UpdateDate > CAST(@afterDate AS DATE)
			OR (D.UpdateDate = CAST(@afterDate AS DATE)
				AND (D.UpdateTS > @afterTime OR (D.UpdateTS = @afterTime AND D.DocEntry > @afterDocEntry))))`;

const NOT_CANCELLED = `D.CANCELED = 'N'`;

const HAS_TRACKING = `LTRIM(RTRIM(COALESCE(D.TrackNo, ''))) <> ''`;

const webOrderBased = (webOrderField: string) => `EXISTS (
			SELECT 1 FROM DLN1 L
			JOIN ORDR O ON L.BaseType = 17 AND L.BaseEntry = O.DocEntry
			WHERE L.DocEntry = D.DocEntry
				AND LTRIM(RTRIM(COALESCE(O.${assertWebOrderField(webOrderField)}, ''))) <> '')`;

/** The Get Many filters, as SQL over `ODLN D`. */
export interface DeliveryFilterRequest {
	onlyWithTracking: boolean;
	onlyWebOrders: boolean;
	excludeCancelled: boolean;
	webOrderField: string;
}

export interface DeliveryPageRequest extends DeliveryFilterRequest {
	/** Start after this watermark; from the beginning when undefined. */
	after?: Watermark;
	/** Number of deliveries (not lines) in the page. */
	pageSize: number;
}

function filterConditions(r: DeliveryFilterRequest): string[] {
	const conditions: string[] = [];
	if (r.excludeCancelled) conditions.push(NOT_CANCELLED);
	if (r.onlyWithTracking) conditions.push(HAS_TRACKING);
	if (r.onlyWebOrders) conditions.push(webOrderBased(r.webOrderField));
	return conditions;
}

/**
 * The chosen deliveries with all their lines: the CTE `next_deliveries` picks delivery
 * DocEntries from `ODLN D`, the outer query joins their lines, base orders and carriers,
 * in watermark order.
 */
function deliveriesWithLines(chooseDeliveries: string, webOrderField: string): string {
	return `WITH next_deliveries AS (
${chooseDeliveries}
)
SELECT ${columns(webOrderField)}
FROM next_deliveries N
JOIN ODLN T0 ON T0.DocEntry = N.DocEntry
${joins}
ORDER BY T0.UpdateDate, T0.UpdateTS, T0.DocEntry, T1.LineNum`;
}

/** The watermark and filter conditions over `ODLN D`, with their parameters. */
function changedAfter(r: DeliveryFilterRequest & { after?: Watermark }): {
	conditions: string[];
	params: SqlParameter[];
} {
	const conditions: string[] = [];
	const params: SqlParameter[] = [];
	if (r.after) {
		conditions.push(AFTER_WATERMARK);
		params.push(
			{ name: 'afterDate', type: sql.NVarChar(10), value: r.after.date },
			{ name: 'afterTime', type: sql.Int, value: timeToInt(r.after.time) },
			{ name: 'afterDocEntry', type: sql.Int, value: r.after.docEntry },
		);
	}
	conditions.push(...filterConditions(r));
	return { conditions, params };
}

const whereClause = (conditions: string[]) =>
	conditions.length ? `WHERE ${conditions.join('\n\t\tAND ')}` : '';

/**
 * One page of deliveries changed after the watermark, with all their lines: the CTE picks the
 * next `@pageSize` delivery DocEntries in (UpdateDate, UpdateTS, DocEntry) order, the outer
 * query joins their lines, base orders and carriers. One round trip per page.
 */
export function deliveriesPageQuery(r: DeliveryPageRequest): SqlQuery {
	const { conditions, params } = changedAfter(r);
	params.push({ name: 'pageSize', type: sql.Int, value: Math.max(1, Math.floor(r.pageSize)) });
	const choose = `	SELECT D.DocEntry
	FROM ODLN D
	${whereClause(conditions)}
	ORDER BY D.UpdateDate, D.UpdateTS, D.DocEntry
	OFFSET 0 ROWS FETCH NEXT @pageSize ROWS ONLY`;
	return { text: deliveriesWithLines(choose, r.webOrderField), params };
}

/** How many deliveries passing the filters changed after the watermark (for "remaining" after a limited run). */
export function deliveriesCountQuery(r: DeliveryFilterRequest & { after?: Watermark }): SqlQuery {
	const { conditions, params } = changedAfter(r);
	return {
		text: `SELECT COUNT(*) AS remaining
FROM ODLN D
${whereClause(conditions)}`,
		params,
	};
}

/** DocEntries per deliveriesByEntriesQuery (SQL Server allows 2100 parameters per request). */
export const MAX_ENTRIES_PER_QUERY = 100;

/**
 * The deliveries with these DocEntries (whatever their watermark) that pass the filters, with
 * all their lines, in watermark order. Each DocEntry is a bound parameter (`@e0, @e1, …`);
 * at most MAX_ENTRIES_PER_QUERY of them.
 */
export function deliveriesByEntriesQuery(
	docEntries: readonly number[],
	r: DeliveryFilterRequest,
): SqlQuery {
	if (docEntries.length === 0 || docEntries.length > MAX_ENTRIES_PER_QUERY)
		throw new Error(
			`between 1 and ${MAX_ENTRIES_PER_QUERY} DocEntries per query, not ${docEntries.length}`,
		);
	const params: SqlParameter[] = docEntries.map((value, n) => {
		if (!Number.isSafeInteger(value))
			throw new Error(`DocEntry ${String(value)} is not a whole number`);
		return { name: `e${n}`, type: sql.Int, value };
	});
	const conditions = [
		`D.DocEntry IN (${params.map((p) => `@${p.name}`).join(', ')})`,
		...filterConditions(r),
	];
	const choose = `	SELECT D.DocEntry
	FROM ODLN D
	${whereClause(conditions)}`;
	return { text: deliveriesWithLines(choose, r.webOrderField), params };
}

/** One delivery (all its lines) by DocEntry, or the deliveries with a DocNum. */
export function deliveryByKeyQuery(
	key: 'DocEntry' | 'DocNum',
	value: number,
	webOrderField: string,
): SqlQuery {
	const column = key === 'DocEntry' ? 'T0.DocEntry' : 'T0.DocNum';
	const text = `SELECT ${columns(webOrderField)}
FROM ODLN T0
${joins}
WHERE ${column} = @key
ORDER BY T0.DocEntry, T1.LineNum`;
	const params: SqlParameter[] = [];
	params.push({ name: 'key', type: sql.Int, value });
	return { text, params };
}

/** The credential test's query. */
export const CONNECTION_TEST_QUERY = 'SELECT 1 AS ok';
