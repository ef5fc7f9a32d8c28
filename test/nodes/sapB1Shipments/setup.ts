/** Shared set-up for the SAP B1 Shipments node tests: the TDS test server, the emulated Service Layer, a runner. */
import type { IDataObject } from 'n8n-workflow';
import { SapB1ServiceLayerApi } from '../../../credentials/SapB1ServiceLayerApi.credentials';
import { SapB1SqlServerApi } from '../../../credentials/SapB1SqlServerApi.credentials';
import { SapB1Shipments } from '../../../nodes/SapB1Shipments/SapB1Shipments.node';
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';
import type { SqlServerEmulator } from '../../emulators/tds';
import { serviceLayerCredential, sqlServerCredential } from '../../helpers/credentials';
import { runNode, type CredentialStore, type RunResult } from '../../helpers/n8n';

export const credentialTypes = [new SapB1ServiceLayerApi(), new SapB1SqlServerApi()];

export const sqlCredentials = sqlServerCredential;

export function credentialsFor(db: SqlServerEmulator, sl: ServiceLayerEmulator, version: 'v1' | 'v2' = 'v2'): CredentialStore {
	return {
		sapB1SqlServerApi: sqlCredentials(db),
		sapB1ServiceLayerApi: serviceLayerCredential(sl, version),
	};
}

export type Source = 'sqlServer' | 'serviceLayer';

export async function run(
	credentials: CredentialStore,
	source: Source,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	continueOnFail = false,
): Promise<RunResult> {
	return await runNode(new SapB1Shipments(), {
		parameters: { source, resource: 'delivery', ...parameters },
		items,
		credentials,
		credentialTypes,
		continueOnFail,
	});
}

/** Get Many with every filter off and no limit. */
export const ALL: IDataObject = { operation: 'getMany', onlyWithTracking: false, excludeCancelled: false, onlyWebOrders: false, returnAll: true };

export const entries = (r: RunResult) => r.json.map((j) => j.DocEntry);
