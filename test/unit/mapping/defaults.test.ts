import type { INodeProperties } from 'n8n-workflow';
import { SapB1Order } from '../../../nodes/SapB1/Order/SapB1Order.node';
import { DEFAULT_MAPPING_OPTIONS } from '../../../nodes/SapB1/Order/mapping';

// The Create operation's parameters show the mapping's defaults: DEFAULT_MAPPING_OPTIONS is the one
// source, the node description repeats the values as literals (n8n's lint wants literal defaults).
describe('SAP B1 Order Create: parameter defaults are the mapping defaults', () => {
	const properties = new SapB1Order().description.properties;
	const find = (name: string, list: INodeProperties[] = properties): INodeProperties => {
		for (const p of list) {
			if (p.name === name && p.displayOptions?.show?.operation?.includes('create') !== false)
				return p;
			const nested = (p.options ?? []).filter(
				(o): o is INodeProperties => 'type' in o && 'name' in o && 'default' in o,
			);
			const hit = nested.find((o) => o.name === name);
			if (hit) return hit;
		}
		throw new Error(`no parameter ${name}`);
	};
	it.each([
		['taxMode', DEFAULT_MAPPING_OPTIONS.taxMode],
		['shippingMode', DEFAULT_MAPPING_OPTIONS.shipping.mode],
		['expenseCode', DEFAULT_MAPPING_OPTIONS.shipping.expenseCode],
		['bundleMode', DEFAULT_MAPPING_OPTIONS.bundleMode],
		['currency', DEFAULT_MAPPING_OPTIONS.currency],
		['discountMode', DEFAULT_MAPPING_OPTIONS.discountMode],
		['dueDays', DEFAULT_MAPPING_OPTIONS.dueDays],
		['priceMode', DEFAULT_MAPPING_OPTIONS.priceMode],
		['webOrderField', DEFAULT_MAPPING_OPTIONS.webOrderField],
	])('%s defaults to %p', (name, value) => {
		expect(find(name).default).toEqual(value);
	});
});
