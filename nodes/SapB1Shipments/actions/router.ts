import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { configureServiceLayer } from '../../SapB1/transport/serviceLayer';
import type { NormalisedDelivery } from '../normalise';
import { ServiceLayerDeliverySource } from '../sources/serviceLayerSource';
import { SqlServerDeliverySource } from '../sources/sqlServerSource';
import type { DeliverySource } from '../sources/types';
import { SqlServerSession, describeSqlError } from '../transport/sqlServer';
import * as delivery from './delivery';
import { readConnectionSettings, type ConnectionSettings } from '../../shared/properties';

export const SQL_CREDENTIAL = 'sapB1SqlServerApi';

type Operation = (this: IExecuteFunctions, source: DeliverySource, i: number) => Promise<NormalisedDelivery[]>;

const operations: Record<string, Record<string, Operation>> = {
	delivery: { get: delivery.get.execute, getMany: delivery.getMany.execute },
};

/** One source per execution: one SQL connection pool, or one set of Service Layer caches. */
async function openSource(ctx: IExecuteFunctions, sourceName: string, tuning: ConnectionSettings): Promise<{ source: DeliverySource; sqlCredentials?: IDataObject }> {
	if (sourceName === 'serviceLayer') {
		configureServiceLayer(ctx, { retries: tuning.retries, retryDelayMs: tuning.retryDelayMs, timeoutMs: tuning.timeoutMs });
		return { source: new ServiceLayerDeliverySource(ctx, { concurrency: tuning.concurrency }) };
	}
	const credentials = await ctx.getCredentials(SQL_CREDENTIAL);
	const session = new SqlServerSession(credentials, { retries: tuning.retries, retryDelayMs: tuning.retryDelayMs, requestTimeout: tuning.timeoutMs });
	return { source: new SqlServerDeliverySource(session), sqlCredentials: credentials };
}

function recordOf(ctx: IExecuteFunctions, operation: string, i: number): IDataObject {
	if (operation === 'get') return { [String(ctx.getNodeParameter('getBy', i, 'DocEntry'))]: ctx.getNodeParameter('key', i, null) as number };
	return {};
}

/** Turns any failure into a NodeApiError / NodeOperationError that names the record, without secrets. */
function toNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	i: number,
	what: string,
	sqlCredentials: IDataObject | undefined,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (!error.message.startsWith(what)) error.message = `${what}: ${error.message}`;
		return error;
	}
	if (sqlCredentials && (error as { name?: string })?.name?.match(/ConnectionError|RequestError|MSSQLError|PreparedStatementError/)) {
		const { message, description } = describeSqlError(error, sqlCredentials as ICredentialDataDecryptedObject);
		return new NodeOperationError(ctx.getNode(), `${what}: ${message}`, { itemIndex: i, description });
	}
	return new NodeOperationError(ctx.getNode(), `${what}: ${(error as Error)?.message ?? String(error)}`, { itemIndex: i });
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const sourceName = this.getNodeParameter('source', 0) as string;
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	const tuning = readConnectionSettings(this.getNodeParameter('options', 0, {}) as IDataObject, { timeoutMs: 60000 });
	const { source, sqlCredentials } = await openSource(this, sourceName, tuning);
	const out: INodeExecutionData[] = [];
	try {
		for (let i = 0; i < items.length; i++) {
			const record = recordOf(this, operationName, i);
			const what = operationName === 'get' ? `Delivery ${Object.entries(record).map(([k, v]) => `${k} ${String(v)}`).join('')}` : 'Deliveries';
			try {
				const deliveries = await operation.call(this, source, i);
				for (const d of deliveries) out.push({ json: d as unknown as IDataObject, pairedItem: { item: i } });
			} catch (caught) {
				const error = toNodeError(this, caught, i, what, sqlCredentials);
				if (!this.continueOnFail()) throw error;
				out.push({ json: { error: error.message, ...record }, error, pairedItem: { item: i } });
			}
		}
	} finally {
		await source.close();
	}
	return [out];
}
