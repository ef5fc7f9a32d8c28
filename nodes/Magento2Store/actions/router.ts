import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { mapWithConcurrency } from '../../shared/concurrency';
import { magentoApiError } from '../transport/errors';
import { MagentoClient, MagentoError } from '../transport/client';
import type { ItemRecord, OperationExecute } from './common';
import * as invoice from './invoice';
import * as order from './order';
import * as shipment from './shipment';
import { readConnectionSettings } from '../../shared/properties';

const operations: Record<string, Record<string, { execute: OperationExecute }>> = {
	order: { addComment: order.addComment, cancel: order.cancel, get: order.get, getMany: order.getMany, hold: order.hold, unhold: order.unhold },
	shipment: { create: shipment.create, getMany: shipment.getMany },
	invoice: { create: invoice.create },
};

function subjectOf(record: ItemRecord): string | undefined {
	if (record.incrementId) return `Order ${record.incrementId}`;
	if (record.orderId !== undefined) return `Order (entity ID ${record.orderId})`;
	return undefined;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);

	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const { concurrency, ...clientOptions } = readConnectionSettings(options, { timeoutMs: 30_000 });
	const client = await MagentoClient.create(this, clientOptions);

	// Items about the same order run one after the other (e.g. one delivery listed twice must not
	// ship twice because both items checked the existing shipments at the same time).
	const lanes = new Map<string, Promise<unknown>>();
	const orderKey = (i: number) =>
		resource === 'order' && operation === 'getMany'
			? undefined
			: `${String(this.getNodeParameter('orderIdType', i, ''))}:${String(this.getNodeParameter('orderId', i, '')).trim()}`;
	const serialized = async <T>(key: string | undefined, work: () => Promise<T>): Promise<T> => {
		if (key === undefined) return await work();
		const previous = lanes.get(key) ?? Promise.resolve();
		const current = previous.catch(() => undefined).then(work);
		lanes.set(key, current);
		return await current;
	};

	const results = await mapWithConcurrency(items, concurrency, async (_item, i): Promise<INodeExecutionData[]> => {
		const record: ItemRecord = {};
		try {
			const rows = await serialized(orderKey(i), async () => await handler.execute.call(this, client, i, record));
			return rows.map((json) => ({ json, pairedItem: { item: i } }));
		} catch (error) {
			let nodeError: NodeApiError | NodeOperationError;
			if (error instanceof MagentoError)
				nodeError = magentoApiError(this.getNode(), error.failure, { subject: subjectOf(record), itemIndex: i, authType: client.authType });
			else if (error instanceof NodeApiError || error instanceof NodeOperationError) nodeError = error;
			else {
				const subject = subjectOf(record);
				const message = (error as Error)?.message ?? String(error);
				nodeError = new NodeOperationError(this.getNode(), subject && !message.startsWith(subject) ? `${subject}: ${message}` : message, { itemIndex: i });
			}
			if (!this.continueOnFail()) throw nodeError;
			const json: IDataObject = { error: nodeError.message, ...record };
			if (nodeError.description) json.errorDescription = nodeError.description;
			return [{ json, error: nodeError, pairedItem: { item: i } }];
		}
	});
	return [results.flat()];
}
