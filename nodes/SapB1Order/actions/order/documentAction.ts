/** Close / Cancel: bound actions `POST /Orders(n)/Close|Cancel` (204), safe to run again. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { slRequest } from '../../../SapB1/transport/serviceLayer';
import { failedItem } from '../../helpers/itemErrors';
import { applyRunOptions } from '../../helpers/runOptions';
import { docEntryOf, docEntryProperty, readOrder } from './common';

export const actionProperties: INodeProperties[] = [
	docEntryProperty,
	{
		displayName: 'Return Document',
		name: 'returnDocument',
		type: 'boolean',
		default: false,
		description: 'Whether to read the order again and return it instead of a short confirmation',
	},
];

const ACTIONS = {
	Close: { flag: 'closed', done: (d: IDataObject) => d.DocumentStatus === 'bost_Close' },
	Cancel: { flag: 'cancelled', done: (d: IDataObject) => d.Cancelled === 'tYES' },
} as const;

export async function runDocumentAction(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	action: keyof typeof ACTIONS,
): Promise<INodeExecutionData[]> {
	const run = applyRunOptions(ctx);
	const { flag, done } = ACTIONS[action];
	return await mapWithConcurrency(items, run.concurrency, async (_item, i) => {
		try {
			const docEntry = docEntryOf(ctx, i);
			let document: IDataObject | undefined;
			try {
				await slRequest(ctx, 'POST', `/Orders(${docEntry})/${action}`, { itemIndex: i, errorContext: `Sales order ${docEntry}` });
			} catch (error) {
				// A retried action whose first attempt went through, or an order already in that state.
				document = await readOrder(ctx, docEntry, i).catch(() => undefined);
				if (!document || !done(document)) throw error;
			}
			const returnDocument = ctx.getNodeParameter('returnDocument', i, false) as boolean;
			if (returnDocument) return { json: document ?? (await readOrder(ctx, docEntry, i)), pairedItem: { item: i } };
			return { json: { DocEntry: docEntry, [flag]: true }, pairedItem: { item: i } };
		} catch (error) {
			return failedItem(ctx, error, i);
		}
	});
}
