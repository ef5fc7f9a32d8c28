/** Parameters shared by several operations. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { coordinationProperty } from '../../shared/coordination';

/**
 * Items about the same order run one after another (e.g. one delivery listed twice must not ship
 * twice because both items checked the existing shipments at the same time).
 */
export function serialiseByOrder(this: IExecuteFunctions, itemIndex: number): string {
	return `${String(this.getNodeParameter('orderIdType', itemIndex, ''))}:${String(this.getNodeParameter('orderId', itemIndex, '')).trim()}`;
}

export const orderRefProperties: INodeProperties[] = [
	{
		displayName: 'Order Identified By',
		name: 'orderIdType',
		type: 'options',
		options: [
			{
				name: 'Increment ID (Order Number)',
				value: 'incrementId',
				description: 'The order number customers see, e.g. 000000101',
			},
			{ name: 'Entity ID', value: 'entityId', description: "Magento's internal order ID" },
		],
		default: 'incrementId',
	},
	{
		displayName: 'Order',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '000000101',
		description: 'The order number (increment ID) or entity ID, as chosen above',
	},
];

const ALL_DESCRIPTION = {
	ship: 'Ship everything not yet shipped',
	invoice: 'Invoice everything not yet invoiced',
};

export const itemsProperties = (purpose: 'ship' | 'invoice'): INodeProperties[] => [
	{
		displayName: 'Items',
		name: 'itemsMode',
		type: 'options',
		options: [
			{ name: 'All Remaining Items', value: 'all', description: ALL_DESCRIPTION[purpose] },
			{ name: 'By SKU (Fields)', value: 'bySku', description: 'List SKUs and quantities' },
			{
				name: 'By SKU (JSON)',
				value: 'json',
				description:
					'An array of lines such as SAP delivery lines: [{"sku": "...", "qty": 1}] (ItemCode / Quantity are accepted too)',
			},
		],
		default: 'all',
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line',
		default: {},
		displayOptions: { show: { itemsMode: ['bySku'] } },
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{
						displayName: 'SKU',
						name: 'sku',
						type: 'string',
						default: '',
						description: 'Order item SKU; a configurable child SKU selects its parent row',
					},
					{
						displayName: 'Quantity',
						name: 'qty',
						type: 'number',
						default: 1,
						typeOptions: { minValue: 0 },
					},
				],
			},
		],
	},
	{
		displayName: 'Lines (JSON)',
		name: 'linesJson',
		type: 'json',
		default: '[]',
		displayOptions: { show: { itemsMode: ['json'] } },
		description:
			'JSON array of {"sku", "qty"} (or {"ItemCode", "Quantity"}), e.g. the lines of an SAP delivery',
	},
];

/** Where the claims of the guard against two runs shipping / invoicing one order at once live. */
export const guardProperties: INodeProperties[] = [
	coordinationProperty(
		'coordination',
		"Two runs never work on the same order at once: an item claims its order before it checks the order's documents and posts. Claims live in this n8n process (regular mode) or in Redis (queue mode: every worker must see them).",
	),
];
