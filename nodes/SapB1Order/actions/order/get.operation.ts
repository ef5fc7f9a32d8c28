import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { failedItem } from '../../helpers/itemErrors';
import { applyRunOptions, webOrderFieldOf } from '../../helpers/runOptions';
import { findOrdersByWebOrderNumbers } from '../../helpers/webOrders';
import { docEntryOf, docEntryProperty, readOrder } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'by',
		type: 'options',
		options: [
			{ name: 'Document Entry', value: 'docEntry' },
			{ name: 'Web Order Number', value: 'webOrderNumber' },
		],
		default: 'docEntry',
	},
	{ ...docEntryProperty, displayOptions: { show: { by: ['docEntry'] } } },
	{
		displayName: 'Web Order Number',
		name: 'webOrderNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { by: ['webOrderNumber'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const run = applyRunOptions(this);
	return await mapWithConcurrency(items, run.concurrency, async (_item, i) => {
		const by = this.getNodeParameter('by', i) as string;
		const webOrderNumber = by === 'webOrderNumber' ? String(this.getNodeParameter('webOrderNumber', i, '')).trim() : '';
		try {
			if (by === 'docEntry') return { json: await readOrder(this, docEntryOf(this, i), i), pairedItem: { item: i } };
			if (!webOrderNumber) throw new NodeOperationError(this.getNode(), 'Web Order Number is required', { itemIndex: i });
			const field = webOrderFieldOf(this, i);
			const found = (await findOrdersByWebOrderNumbers(this, field, [webOrderNumber], i)).get(webOrderNumber);
			if (!found) throw new NodeOperationError(this.getNode(), `Web order ${webOrderNumber}: no sales order with ${field} = "${webOrderNumber}" in SAP`, { itemIndex: i });
			return { json: found, pairedItem: { item: i } };
		} catch (error) {
			return failedItem(this, error, i, webOrderNumber ? { webOrderNumber } : {});
		}
	});
}
