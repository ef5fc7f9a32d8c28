import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { connectionSettingsOf } from '../../../shared/properties';
import {
	runOperation,
	type ErrorPolicy,
	type OperationTable,
	type Session,
} from '../../../shared/runner';
import { ServiceLayerClient } from '../../shared/transport/ServiceLayerClient';
import { SqlServerSession, describeSqlError } from '../../Shipments/sources/sqlServer/session';
import { ServiceLayerItemSource } from '../sources/serviceLayer/source';
import { SqlServerItemSource } from '../sources/sqlServer/source';
import type { ItemSource } from '../sources/types';
import * as item from './item';

export const SQL_CREDENTIAL = 'sapB1SqlServerApi';

const SAP_TIMEOUT = { timeoutMs: 60000 };

const operations: OperationTable<ItemSource> = {
	item: { get: item.get, getMany: item.getMany },
};

/** One source per execution: one SQL connection pool, or one Service Layer client. */
async function openSource(
	ctx: IExecuteFunctions,
): Promise<Session<ItemSource> & { sqlCredentials?: ICredentialDataDecryptedObject }> {
	const settings = connectionSettingsOf(ctx, SAP_TIMEOUT);
	if (ctx.getNodeParameter('source', 0) === 'serviceLayer') {
		const client = await ServiceLayerClient.create(ctx, settings);
		return { client: new ServiceLayerItemSource(client), concurrency: settings.concurrency };
	}
	const credentials = await ctx.getCredentials(SQL_CREDENTIAL);
	const session = new SqlServerSession(credentials, {
		retries: settings.retries,
		retryDelayMs: settings.retryDelayMs,
		timeoutMs: settings.timeoutMs,
	});
	const source = new SqlServerItemSource(session);
	return {
		client: source,
		concurrency: 1,
		close: async () => await source.close(),
		sqlCredentials: credentials,
	};
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	let sqlCredentials: ICredentialDataDecryptedObject | undefined;
	const errors: ErrorPolicy = {
		subjectOf: (record) =>
			record.itemCode !== undefined ? `Item ${String(record.itemCode)}` : 'Items',
		convert: (ctx, error, itemIndex) => {
			if (error instanceof NodeApiError || error instanceof NodeOperationError) return undefined;
			if (
				sqlCredentials &&
				(error as { name?: string })?.name?.match(
					/ConnectionError|RequestError|MSSQLError|PreparedStatementError/,
				)
			) {
				const { message, description } = describeSqlError(error, sqlCredentials);
				return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
			}
			return undefined;
		},
	};
	return await runOperation(
		this,
		operations,
		async () => {
			const session = await openSource(this);
			sqlCredentials = session.sqlCredentials;
			return session;
		},
		errors,
	);
}
