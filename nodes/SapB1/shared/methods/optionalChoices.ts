/**
 * Dropdowns of optional parameters: the list loaded from SAP, led by the choice that sends
 * nothing (value ''), named by what SAP then does. Without it n8n marks the empty default of such
 * a parameter as an issue ("The value "" is not supported!").
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { getShippingTypes, getTaxCodes, getWarehouses } from './loadOptions';

export const led = (
	name: string,
	description: string,
	options: INodePropertyOptions[],
): INodePropertyOptions[] => [{ name, value: '', description }, ...options];

/** Tax code of a rate row or a line: empty = SAP's own determination. */
export async function getTaxCodesOrSapDefault(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return led(
		'SAP Default',
		"No tax code is sent: SAP determines it (business partner's ship-to address or VAT group, item)",
		await getTaxCodes.call(this),
	);
}

/** Tax code of the shipping amount: empty = as the Tax parameter decides. */
export async function getShippingTaxCodes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return led(
		'As the Tax Setting Decides',
		"The fixed tax code, the rate table row that reproduces Magento's shipping tax, or SAP's default",
		await getTaxCodes.call(this),
	);
}

/** Warehouse of the lines: empty = the item's default warehouse. */
export async function getWarehousesOrItemDefault(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return led(
		"Item's Default Warehouse",
		'No warehouse is sent: SAP takes the default warehouse of each item',
		await getWarehouses.call(this),
	);
}

/** Shipping type of a new order: empty = the business partner's. */
export async function getShippingTypesOrPartnerDefault(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return led(
		"Business Partner's Default",
		"No shipping type is sent: SAP takes the business partner's",
		(await getShippingTypes.call(this)) as INodePropertyOptions[],
	);
}

/** Shipping type of an update: empty = unchanged. */
export async function getShippingTypesOrUnchanged(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return led(
		'Unchanged',
		'The shipping type is not changed',
		(await getShippingTypes.call(this)) as INodePropertyOptions[],
	);
}
