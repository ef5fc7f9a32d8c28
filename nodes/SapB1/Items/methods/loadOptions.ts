/**
 * Dropdowns of the SAP B1 Items node, from the source the node reads: the Service Layer
 * (PriceLists, Warehouses, ItemGroups) or the company database (OPLN, OWHS, OITB).
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { ServiceLayerClient } from '../../shared/transport/ServiceLayerClient';
import { getWarehouses as serviceLayerWarehouses } from '../../shared/methods/loadOptions';
import { led } from '../../shared/methods/optionalChoices';
import { SqlServerSession } from '../../Shipments/sources/sqlServer/session';
import type { SqlQuery } from '../../Shipments/sources/sqlServer/queries';
import {
	ITEM_GROUPS_QUERY,
	PRICE_LISTS_QUERY,
	WAREHOUSES_QUERY,
} from '../sources/sqlServer/queries';

const fromSql = (ctx: ILoadOptionsFunctions) =>
	(ctx.getCurrentNodeParameter('source') ?? 'serviceLayer') === 'sqlServer';

async function sqlRows<Row>(ctx: ILoadOptionsFunctions, query: SqlQuery): Promise<Row[]> {
	const session = new SqlServerSession(await ctx.getCredentials('sapB1SqlServerApi'), {
		retries: 1,
	});
	try {
		return await session.query<Row>(query);
	} finally {
		await session.close();
	}
}

/** Price list of the items, led by "No Price" (the parameter's empty default). */
export async function getPriceLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return led('No Price', 'Items carry no price', await priceLists(this));
}

async function priceLists(ctx: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	if (fromSql(ctx)) {
		const rows = await sqlRows<{ list_num: number; list_name: string }>(ctx, PRICE_LISTS_QUERY);
		return rows.map((r) => ({
			name: `${r.list_num} - ${r.list_name ?? ''}`,
			value: Number(r.list_num),
		}));
	}
	const client = await ServiceLayerClient.create(ctx);
	const rows = await client.getAll('PriceLists', {
		qs: { $select: 'PriceListNo,PriceListName', $orderby: 'PriceListNo' },
		pageSize: 100,
	});
	return rows.map((r) => ({
		name: `${String(r.PriceListNo)} - ${String(r.PriceListName ?? '')}`,
		value: Number(r.PriceListNo),
	}));
}

export async function getWarehouses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	if (!fromSql(this)) return await serviceLayerWarehouses.call(this);
	const rows = await sqlRows<{ whs_code: string; whs_name: string }>(this, WAREHOUSES_QUERY);
	return rows.map((r) => ({ name: `${r.whs_code} - ${r.whs_name ?? ''}`, value: r.whs_code }));
}

export async function getItemGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	if (fromSql(this)) {
		const rows = await sqlRows<{ group_code: number; group_name: string }>(this, ITEM_GROUPS_QUERY);
		return rows.map((r) => ({
			name: `${r.group_code} - ${r.group_name ?? ''}`,
			value: Number(r.group_code),
		}));
	}
	const client = await ServiceLayerClient.create(this);
	const rows = await client.getAll('ItemGroups', {
		qs: { $select: 'Number,GroupName', $orderby: 'Number' },
		pageSize: 100,
	});
	return rows.map((r) => ({
		name: `${String(r.Number)} - ${String(r.GroupName ?? '')}`,
		value: Number(r.Number),
	}));
}
