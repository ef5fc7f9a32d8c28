import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import * as order from './order';

type Operation = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Operation>> = {
	order: {
		create: order.create.execute,
		get: order.get.execute,
		getMany: order.getMany.execute,
		update: order.update.execute,
		close: order.close.execute,
		cancel: order.cancel.execute,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	return [await run.call(this, items)];
}
