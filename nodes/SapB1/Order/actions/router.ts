import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { connectionSettingsOf } from '../../../shared/properties';
import { runOperation, type ErrorPolicy, type OperationTable } from '../../../shared/runner';
import { ServiceLayerClient } from '../../shared/transport/ServiceLayerClient';
import { SAP_TIMEOUT } from '../../shared/timeouts';
import * as order from './order';
import * as customApiCall from '../../shared/customApiCall/call.operation';

const operations: OperationTable<ServiceLayerClient> = {
	order: {
		create: order.create,
		get: order.get,
		getMany: order.getMany,
		update: order.update,
		close: order.close,
		cancel: order.cancel,
	},
	[customApiCall.RESOURCE]: { call: customApiCall },
};

/** Errors name the web order (or the sales order) they are about. */
const errors: ErrorPolicy = {
	subjectOf: (record) =>
		record.webOrderNumber
			? `Web order ${String(record.webOrderNumber)}`
			: record.DocEntry
				? `Sales order ${String(record.DocEntry)}`
				: undefined,
	// SAP's and the mapping's messages name the order their own way ("Magento order #000000101: …").
	names: (message, subject, record) =>
		message.startsWith(subject) ||
		message.includes(String(record.webOrderNumber ?? record.DocEntry)),
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings = connectionSettingsOf(this, SAP_TIMEOUT);
	return await runOperation(
		this,
		operations,
		async () => ({
			client: await ServiceLayerClient.create(this, settings),
			concurrency: settings.concurrency,
		}),
		errors,
	);
}
