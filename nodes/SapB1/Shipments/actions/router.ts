import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { connectionSettingsOf } from '../../../shared/properties';
import { runOperation, type OperationTable } from '../../../shared/runner';
import { ServiceLayerClient } from '../../shared/transport/ServiceLayerClient';
import { SAP_TIMEOUT } from '../../shared/timeouts';
import { runOnSource } from '../../shared/twoSources';
import { ServiceLayerDeliverySource } from '../sources/serviceLayer/source';
import { SqlServerDeliverySource } from '../sources/sqlServer/source';
import type { DeliverySource } from '../sources/types';
import * as delivery from './delivery';
import * as customApiCall from '../../shared/customApiCall/call.operation';

const operations: OperationTable<DeliverySource> = {
	delivery: { get: delivery.get, getMany: delivery.getMany },
};

/** Custom API Call: a Service Layer request (the SQL Server source has no HTTP API). */
async function customCall(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	if (ctx.getNodeParameter('source', 0) !== 'serviceLayer')
		throw new NodeOperationError(
			ctx.getNode(),
			'Custom API Call sends Service Layer requests: set Source to Service Layer',
		);
	const settings = connectionSettingsOf(ctx, SAP_TIMEOUT);
	return await runOperation(
		ctx,
		{ [customApiCall.RESOURCE]: { call: customApiCall } },
		async () => ({
			client: await ServiceLayerClient.create(ctx, settings),
			concurrency: settings.concurrency,
		}),
		{},
	);
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	if (this.getNodeParameter('resource', 0) === customApiCall.RESOURCE)
		return await customCall(this);
	return await runOnSource<DeliverySource>(
		this,
		operations,
		{
			// The Service Layer source runs its look-ups in parallel itself (one client and its caches).
			serviceLayer: (client, settings) => ({
				source: new ServiceLayerDeliverySource(client, { concurrency: settings.concurrency }),
				concurrency: 1,
			}),
			sqlServer: (session) => new SqlServerDeliverySource(session),
		},
		// "Delivery DocEntry 13" for Get, "Deliveries" for Get Many.
		(record) =>
			record.DocEntry !== undefined
				? `Delivery DocEntry ${String(record.DocEntry)}`
				: record.DocNum !== undefined
					? `Delivery DocNum ${String(record.DocNum)}`
					: 'Deliveries',
	);
}
