/** Close / Cancel: bound actions `POST /Orders(n)/Close|Cancel` (204), safe to run again. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { outcomeOf } from '../../../../shared/outcome';
import type { ItemRecord } from '../../../../shared/runner';
import type { ServiceLayerClient } from '../../../shared/transport/ServiceLayerClient';
import { docEntryOf, readOrder } from '../../helpers/orders';
import { docEntryProperty } from './common';

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
	client: ServiceLayerClient,
	i: number,
	record: ItemRecord,
	action: keyof typeof ACTIONS,
): Promise<IDataObject> {
	const { flag, done } = ACTIONS[action];
	const docEntry = docEntryOf(ctx, i);
	record.DocEntry = docEntry;
	let document: IDataObject | undefined;
	const reached = async () => {
		document = await readOrder(client, docEntry, i);
		return done(document) ? true : undefined;
	};
	// After a lost answer the order is read: when it is in the target state, the action was done.
	const sent = await outcomeOf(
		async () =>
			await client.write('POST', `/Orders(${docEntry})/${action}`, {
				expect: { kind: 'noContent' },
				itemIndex: i,
				errorContext: `Sales order ${docEntry}`,
				recover: reached,
			}),
	);
	// SAP refuses the action when the order is already in that state: that counts as done.
	if (!sent.ok && !(await reached().catch(() => undefined))) throw sent.error;
	if (ctx.getNodeParameter('returnDocument', i, false) as boolean)
		return document ?? (await readOrder(client, docEntry, i));
	return { DocEntry: docEntry, [flag]: true };
}
