/**
 * The SAP B1 nodes that read either through the Service Layer or straight from SQL Server (SAP B1
 * Shipments, SAP B1 Items): one source per execution from the Source parameter, and SQL Server's
 * driver errors turned into messages that say what to check.
 */
import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { connectionSettingsOf, type ConnectionSettings } from '../../shared/properties';
import {
	runOperation,
	type ErrorPolicy,
	type OperationTable,
	type Session,
} from '../../shared/runner';
import { SqlServerSession, describeSqlError } from '../Shipments/sources/sqlServer/session';
import { SAP_TIMEOUT } from './timeouts';
import { ServiceLayerClient } from './transport/ServiceLayerClient';

export const SQL_CREDENTIAL = 'sapB1SqlServerApi';

export interface SourceFactories<S> {
	/** The source over the Service Layer, and how many items may run at once on it. */
	serviceLayer: (
		client: ServiceLayerClient,
		settings: ConnectionSettings,
	) => { source: S; concurrency: number };
	/** The source over one SQL Server connection pool (its items run one at a time). */
	sqlServer: (session: SqlServerSession) => S & { close(): Promise<void> };
}

const SQL_ERROR = /ConnectionError|RequestError|MSSQLError|PreparedStatementError/;

/** Runs the node's operations on the source the Source parameter names. */
export async function runOnSource<S>(
	ctx: IExecuteFunctions,
	operations: OperationTable<S>,
	factories: SourceFactories<S>,
	subjectOf: ErrorPolicy['subjectOf'],
): Promise<INodeExecutionData[][]> {
	let sqlCredentials: ICredentialDataDecryptedObject | undefined;
	const open = async (): Promise<Session<S>> => {
		const settings = connectionSettingsOf(ctx, SAP_TIMEOUT);
		if (ctx.getNodeParameter('source', 0) === 'serviceLayer') {
			const { source, concurrency } = factories.serviceLayer(
				await ServiceLayerClient.create(ctx, settings),
				settings,
			);
			return { client: source, concurrency };
		}
		const credentials = await ctx.getCredentials<ICredentialDataDecryptedObject>(SQL_CREDENTIAL);
		sqlCredentials = credentials;
		const source = factories.sqlServer(
			new SqlServerSession(credentials, {
				retries: settings.retries,
				retryDelayMs: settings.retryDelayMs,
				timeoutMs: settings.timeoutMs,
			}),
		);
		return { client: source, concurrency: 1, close: async () => await source.close() };
	};
	const errors: ErrorPolicy = {
		subjectOf,
		convert: (node, error, itemIndex) => {
			if (error instanceof NodeApiError || error instanceof NodeOperationError) return undefined;
			if (sqlCredentials && (error as { name?: string })?.name?.match(SQL_ERROR)) {
				const { message, description } = describeSqlError(error, sqlCredentials);
				return new NodeOperationError(node.getNode(), message, { itemIndex, description });
			}
			return undefined;
		},
	};
	return await runOperation(ctx, operations, open, errors);
}
