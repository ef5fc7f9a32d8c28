import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { ServiceLayerError } from '../../SapB1/transport/serviceLayer';

/** Makes any per-item failure a NodeApiError / NodeOperationError carrying the item index. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): ServiceLayerError | NodeOperationError {
	if (error instanceof ServiceLayerError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

/**
 * With "continue on fail": the item for the error output (`json.error` plus the record's ids);
 * otherwise throws the error.
 */
export function failedItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	record: IDataObject = {},
): INodeExecutionData {
	const nodeError = asNodeError(ctx, error, itemIndex);
	if (!ctx.continueOnFail()) throw nodeError;
	return { json: { error: nodeError.message, ...record }, error: nodeError, pairedItem: { item: itemIndex } };
}
