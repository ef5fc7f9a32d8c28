/**
 * The SQL of the SAP B1 Items node: one parameterised query per page of items, in the portable
 * subset T-SQL and Postgres both accept (OFFSET … FETCH, COALESCE, CAST). The CTE picks the next
 * `@pageSize` item codes after `@afterCode` (keyset paging on ItemCode); the outer query joins
 * their warehouse rows (OITW, only the chosen warehouses) and their price in the chosen list
 * (ITM1). Values are always parameters; no identifier varies.
 */
import sql from 'mssql';
import type { SqlParameter, SqlQuery } from '../../../Shipments/sources/sqlServer/queries';
import { updateTimeToInt } from '../../../shared/updateTime';
import type { ItemFilters } from '../../model';

/** Values per IN (…) list (SQL Server allows 2100 parameters per request). */
export const MAX_LIST = 100;

export interface ItemPageRequest extends ItemFilters {
	/** Start after this item code (keyset); from the first item when undefined. */
	afterCode?: string;
	pageSize: number;
	/** Only these item codes (at most MAX_LIST; empty: all). */
	itemCodes: string[];
	/** Warehouses whose rows are joined (at most MAX_LIST; empty: all). */
	warehouses: string[];
	/** Price list whose price is joined; none when undefined. */
	priceList?: number;
	changedSince?: { date: string; seconds: number };
}

/** One row per item and warehouse (or one row with NULL warehouse columns for an item without any). */
export interface ItemRow {
	item_code: string;
	item_name: string | null;
	invnt_item: string | null;
	sell_item: string | null;
	valid_for: string | null;
	frozen_for: string | null;
	group_code: number | null;
	update_date: Date | string | null;
	update_ts: number | null;
	whs_code: string | null;
	on_hand: number | string | null;
	is_commited: number | string | null;
	on_order: number | string | null;
	price: number | string | null;
	currency: string | null;
}

function list(prefix: string, values: readonly (string | number)[], type: SqlParameter['type']) {
	if (values.length > MAX_LIST)
		throw new Error(`at most ${MAX_LIST} values per list, not ${values.length}`);
	const params: SqlParameter[] = values.map((value, n) => ({ name: `${prefix}${n}`, type, value }));
	return { params, sql: params.map((p) => `@${p.name}`).join(', ') };
}

/** The items of one page with their warehouse rows and price. */
export function itemsPageQuery(r: ItemPageRequest): SqlQuery {
	const params: SqlParameter[] = [];
	const where: string[] = [];
	if (r.afterCode !== undefined) {
		where.push('I.ItemCode > @afterCode');
		params.push({ name: 'afterCode', type: sql.NVarChar(50), value: r.afterCode });
	}
	if (r.onlyActive) where.push(`I.validFor = 'Y' AND I.frozenFor = 'N'`);
	if (r.onlySalesItems) where.push(`I.SellItem = 'Y'`);
	if (r.onlyInventoryItems) where.push(`I.InvntItem = 'Y'`);
	if (r.groups.length) {
		const groups = list('g', r.groups.map(Math.trunc), sql.SmallInt);
		where.push(`I.ItmsGrpCod IN (${groups.sql})`);
		params.push(...groups.params);
	}
	if (r.itemCodes.length) {
		const codes = list('c', r.itemCodes, sql.NVarChar(50));
		where.push(`I.ItemCode IN (${codes.sql})`);
		params.push(...codes.params);
	}
	if (r.changedSince) {
		where.push(`(I.UpdateDate > CAST(@sinceDate AS DATE)
			OR (I.UpdateDate = CAST(@sinceDate AS DATE) AND COALESCE(I.UpdateTS, 0) >= @sinceTime))`);
		params.push(
			{ name: 'sinceDate', type: sql.NVarChar(10), value: r.changedSince.date },
			{
				name: 'sinceTime',
				type: sql.Int,
				value: updateTimeToInt(
					Math.floor(r.changedSince.seconds / 3600) * 10000 +
						(Math.floor(r.changedSince.seconds / 60) % 60) * 100 +
						(r.changedSince.seconds % 60),
				),
			},
		);
	}
	params.push({ name: 'pageSize', type: sql.Int, value: Math.max(1, Math.floor(r.pageSize)) });
	let warehouseJoin = '';
	if (r.warehouses.length) {
		const whs = list('w', r.warehouses, sql.NVarChar(8));
		warehouseJoin = ` AND W.WhsCode IN (${whs.sql})`;
		params.push(...whs.params);
	}
	let priceColumns = `CAST(NULL AS numeric(19,6)) AS price,
	CAST(NULL AS nvarchar(3)) AS currency`;
	let priceJoin = '';
	if (r.priceList !== undefined) {
		priceColumns = `P.Price AS price,
	P.Currency AS currency`;
		priceJoin = `LEFT JOIN ITM1 P ON P.ItemCode = I.ItemCode AND P.PriceList = @priceList`;
		params.push({ name: 'priceList', type: sql.SmallInt, value: Math.trunc(r.priceList) });
	}
	const text = `WITH next_items AS (
	SELECT I.ItemCode
	FROM OITM I
	${where.length ? `WHERE ${where.join('\n\t\tAND ')}` : ''}
	ORDER BY I.ItemCode
	OFFSET 0 ROWS FETCH NEXT @pageSize ROWS ONLY
)
SELECT
	I.ItemCode AS item_code,
	I.ItemName AS item_name,
	I.InvntItem AS invnt_item,
	I.SellItem AS sell_item,
	I.validFor AS valid_for,
	I.frozenFor AS frozen_for,
	I.ItmsGrpCod AS group_code,
	I.UpdateDate AS update_date,
	I.UpdateTS AS update_ts,
	W.WhsCode AS whs_code,
	W.OnHand AS on_hand,
	W.IsCommited AS is_commited,
	W.OnOrder AS on_order,
	${priceColumns}
FROM next_items N
JOIN OITM I ON I.ItemCode = N.ItemCode
LEFT JOIN OITW W ON W.ItemCode = I.ItemCode${warehouseJoin}
${priceJoin}
ORDER BY I.ItemCode, W.WhsCode`;
	return { text, params };
}

/** Price lists for the dropdown. */
export const PRICE_LISTS_QUERY: SqlQuery = {
	text: 'SELECT ListNum AS list_num, ListName AS list_name FROM OPLN ORDER BY ListNum',
	params: [],
};

/** Active warehouses for the dropdown. */
export const WAREHOUSES_QUERY: SqlQuery = {
	text: `SELECT WhsCode AS whs_code, WhsName AS whs_name FROM OWHS WHERE COALESCE(Inactive, 'N') <> 'Y' ORDER BY WhsCode`,
	params: [],
};

/** Item groups for the dropdown. */
export const ITEM_GROUPS_QUERY: SqlQuery = {
	text: 'SELECT ItmsGrpCod AS group_code, ItmsGrpNam AS group_name FROM OITB ORDER BY ItmsGrpCod',
	params: [],
};
