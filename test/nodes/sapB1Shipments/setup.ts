/** Shared set-up for the SAP B1 Shipments node tests: the TDS test server, the emulated Service Layer, a runner. */
import type { IDataObject } from 'n8n-workflow';
import { SapB1ServiceLayerApi } from '../../../credentials/SapB1ServiceLayerApi.credentials';
import { SapB1SqlServerApi } from '../../../credentials/SapB1SqlServerApi.credentials';
import { SapB1Shipments } from '../../../nodes/SapB1/Shipments/SapB1Shipments.node';
import type { SapSeed } from '../../emulators/seed/sap';
import { startServiceLayer, type ServiceLayerEmulator } from '../../emulators/serviceLayer';
import { startSqlServer, type SqlServerEmulator } from '../../emulators/tds';
import { serviceLayerCredential, sqlServerCredential } from '../../helpers/credentials';
import { runNode, type CredentialStore, type RunResult } from '../../helpers/n8n';

export const credentialTypes = [new SapB1ServiceLayerApi(), new SapB1SqlServerApi()];

export const sqlCredentials = sqlServerCredential;

export function credentialsFor(
	db: SqlServerEmulator,
	sl: ServiceLayerEmulator,
	version: 'v1' | 'v2' = 'v2',
): CredentialStore {
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
export const ALL: IDataObject = {
	operation: 'getMany',
	onlyWithTracking: false,
	excludeCancelled: false,
	onlyWebOrders: false,
	returnAll: true,
};

export const entries = (r: RunResult) => r.json.map((j) => j.DocEntry);

export interface BothSources {
	sl: ServiceLayerEmulator;
	db: SqlServerEmulator;
	creds: CredentialStore;
}

/**
 * For a describe block: the emulated Service Layer and the TDS test server on the same data
 * (`seed()` or the default seed), handed to `use` once started; fresh state and statistics
 * before each test, both closed at the end.
 */
export function withBothSources(use: (systems: BothSources) => void, seed?: () => SapSeed): void {
	let systems: BothSources | undefined;
	beforeAll(async () => {
		const sl = await startServiceLayer(seed ? { seed: seed() } : {});
		const db = await startSqlServer({ seed: sl.state });
		systems = { sl, db, creds: credentialsFor(db, sl) };
		use(systems);
	}, 60_000); // PGlite starts in about 2 s, much longer on a busy machine
	afterAll(async () => {
		await systems?.db.close();
		await systems?.sl.close();
	});
	beforeEach(() => {
		systems?.db.resetStats();
		systems?.sl.reset();
	});
}

/** The delivery queries the node sent (the TDS server also lists tedious's session set-up and pool validation apart). */
export const deliveryQueries = (db: SqlServerEmulator) =>
	db.stats.queries.filter((q) => /\bODLN\b/i.test(q.sql));
