/** Reading sales orders and the parameters that name one. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { assertWebOrderField } from '../../shared/webOrderField';
import type { ServiceLayerClient } from '../../shared/transport/ServiceLayerClient';

/** The Document Entry parameter of item `i`, checked to be a positive whole number. */
export function docEntryOf(ctx: IExecuteFunctions, i: number): number {
	const value = Number(ctx.getNodeParameter('docEntry', i));
	if (!Number.isInteger(value) || value <= 0)
		throw new NodeOperationError(
			ctx.getNode(),
			`Document Entry must be a positive whole number (got "${String(ctx.getNodeParameter('docEntry', i))}")`,
			{ itemIndex: i },
		);
	return value;
}

export async function readOrder(
	client: ServiceLayerClient,
	docEntry: number,
	i: number,
): Promise<IDataObject> {
	return await client.get(`/Orders(${docEntry})`, {
		keys: ['DocEntry'],
		itemIndex: i,
		errorContext: `Sales order ${docEntry}`,
	});
}

/** The document property that carries the web order number: NumAtCard or a user field (U_...). */
export function webOrderFieldOf(ctx: IExecuteFunctions, itemIndex: number): string {
	try {
		return assertWebOrderField(ctx.getNodeParameter('webOrderField', itemIndex, 'NumAtCard'));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
	}
}

/** A resource locator's value (or a plain string parameter). */
export function locatorValue(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in (value as IDataObject))
		return String((value as IDataObject).value ?? '').trim();
	return String(value ?? '').trim();
}
