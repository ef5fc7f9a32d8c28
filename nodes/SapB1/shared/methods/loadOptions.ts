/** Dropdowns loaded from SAP B1 through the Service Layer (shared by the SAP B1 nodes). */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { ServiceLayerClient, slFailureOf } from '../transport/ServiceLayerClient';

const getAll = async (ctx: ILoadOptionsFunctions, path: string, qs?: IDataObject) =>
	await (await ServiceLayerClient.create(ctx)).getAll(path, { qs, pageSize: 100 });

const sortByName = (options: INodePropertyOptions[]) =>
	options.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));

const active = (r: IDataObject) => r.Inactive !== 'tYES' && r.Inactive !== 'Y';

export async function getWarehouses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await getAll(this, '/Warehouses', {
		$select: 'WarehouseCode,WarehouseName,Inactive',
	});
	return sortByName(
		rows.filter(active).map((r) => ({
			name: `${String(r.WarehouseCode)} - ${String(r.WarehouseName ?? '')}`,
			value: String(r.WarehouseCode),
		})),
	);
}

/** Tax codes: US-style sales tax codes when the company has them, otherwise VAT groups. */
export async function getTaxCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let rows: IDataObject[] = [];
	try {
		rows = await getAll(this, '/SalesTaxCodes', { $select: 'Code,Name,Rate,Inactive' });
	} catch (error) {
		// Not available in this localisation (SAP answers 400/404); anything else is a real failure.
		const status = slFailureOf(error).status;
		if (status !== 400 && status !== 404) throw error;
		rows = [];
	}
	if (rows.length > 0)
		return sortByName(
			rows.filter(active).map((r) => ({
				name: `${String(r.Code)} - ${String(r.Name ?? '')} (${Number(r.Rate ?? 0)}%)`,
				value: String(r.Code),
			})),
		);
	const groups = await getAll(this, '/VatGroups');
	return sortByName(
		groups
			.filter((g) => active(g) && (g.Category === undefined || g.Category === 'bovcOutputTax'))
			.map((g) => {
				const lines = Array.isArray(g.VatGroups_Lines) ? (g.VatGroups_Lines as IDataObject[]) : [];
				const rate = lines.length ? Number(lines[lines.length - 1].Rate ?? 0) : undefined;
				return {
					name: `${String(g.Code)} - ${String(g.Name ?? '')}${rate !== undefined ? ` (${rate}%)` : ''}`,
					value: String(g.Code),
				};
			}),
	);
}

export async function getShippingTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const rows = await getAll(this, '/ShippingTypes', { $select: 'Code,Name' });
	return rows
		.map((r) => ({ name: String(r.Name ?? r.Code), value: Number(r.Code) }))
		.sort((a, b) => a.value - b.value);
}

/**
 * Freight / additional expense codes (entity AdditionalExpenses). The entity's key is spelled
 * `ExpensCode` in SAP's metadata (v1 and v2; a real Service Layer refuses `$select=ExpenseCode`
 * with 400), while document lines call the same code `DocumentAdditionalExpenses[].ExpenseCode`.
 */
export async function getExpenseCodes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const rows = await getAll(this, '/AdditionalExpenses', { $select: 'ExpensCode,Name' });
	return rows
		.map((r) => ({
			name: `${String(r.ExpensCode)} - ${String(r.Name ?? '')}`,
			value: Number(r.ExpensCode),
		}))
		.sort((a, b) => a.value - b.value);
}
