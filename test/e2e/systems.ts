/**
 * The emulated systems plus a real n8n with the packed package installed, wired together for
 * end-to-end tests and the demo: credentials pointing at the emulators are imported into n8n.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startMagento, type MagentoEmulator, type StartMagentoOptions } from '../emulators/magento';
import {
	startServiceLayer,
	type ServiceLayerEmulator,
	type ServiceLayerOptions,
} from '../emulators/serviceLayer';
import { startSqlServer, type SqlServerEmulator, type SqlServerOptions } from '../emulators/tds';
import {
	magentoCredential,
	serviceLayerCredential,
	sqlServerCredential,
} from '../helpers/credentials';
import { ensureN8n, N8nInstance, REPO_ROOT, type CredentialFile, type N8nInstall } from './n8n';

export const CREDENTIAL_IDS = {
	serviceLayer: 'sapb1ServiceLayer',
	magento: 'magento2Store',
	sqlServer: 'sapb1SqlServer',
} as const;

export interface Systems {
	sl: ServiceLayerEmulator;
	magento: MagentoEmulator;
	sql: SqlServerEmulator;
	close(): Promise<void>;
}

export async function startSystems(
	options: {
		serviceLayer?: ServiceLayerOptions;
		magento?: StartMagentoOptions;
		sqlServer?: SqlServerOptions;
	} = {},
): Promise<Systems> {
	const sl = await startServiceLayer(options.serviceLayer);
	const magento = await startMagento(options.magento);
	const sql = await startSqlServer({ seed: sl.state, ...options.sqlServer });
	return {
		sl,
		magento,
		sql,
		async close() {
			await Promise.allSettled([sl.close(), magento.close(), sql.close()]);
		},
	};
}

/** Credentials (as `n8n import:credentials` takes them) for the emulated systems. */
export function credentialsFor(
	systems: Systems,
	opts: { slVersion?: 'v1' | 'v2'; magentoAuth?: 'oauth1' | 'bearer' } = {},
): CredentialFile[] {
	const { sl, magento, sql } = systems;
	return [
		{
			id: CREDENTIAL_IDS.serviceLayer,
			name: 'SAP B1 Service Layer',
			type: 'sapB1ServiceLayerApi',
			data: serviceLayerCredential(sl, opts.slVersion),
		},
		{
			id: CREDENTIAL_IDS.magento,
			name: 'Magento 2 Store',
			type: 'magento2StoreApi',
			data: {
				...magentoCredential(magento, opts.magentoAuth === 'bearer' ? 'bearer' : 'oauth256'),
				ignoreSslIssues: false,
			},
		},
		{
			id: CREDENTIAL_IDS.sqlServer,
			name: 'SAP B1 SQL Server',
			type: 'sapB1SqlServerApi',
			data: sqlServerCredential(sql, { ignoreSslIssues: false, connectionTimeout: 15000 }),
		},
	];
}

export function installFromEnv(): N8nInstall {
	const raw = process.env.N8N_E2E_INSTALL;
	if (!raw)
		throw new Error(
			'N8N_E2E_INSTALL is not set: run the e2e tests through jest (globalSetup installs n8n)',
		);
	return JSON.parse(raw) as N8nInstall;
}

/**
 * Another n8n version (installed into the cache when missing, see ensureN8n) with the package
 * that globalSetup packed.
 */
export function installOf(version: string): N8nInstall {
	return { ...installFromEnv(), ...ensureN8n(version) };
}

/** A fresh n8n user folder with the package and the emulators' credentials. */
export async function n8nWithCredentials(
	systems: Systems,
	opts?: Parameters<typeof credentialsFor>[1],
	install: N8nInstall = installFromEnv(),
): Promise<N8nInstance> {
	const n8n = await N8nInstance.create(install);
	await n8n.importCredentials(credentialsFor(systems, opts));
	return n8n;
}

/** A template from workflows/, optionally adjusted (e.g. its initial cursor), ready to import. */
export function loadTemplate(file: string): any {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows', file), 'utf8'));
}

export function setNodeParameters(
	workflow: any,
	nodeName: string,
	parameters: Record<string, unknown>,
): void {
	const node = workflow.nodes.find((n: any) => n.name === nodeName);
	if (!node) throw new Error(`workflow ${workflow.name} has no node "${nodeName}"`);
	Object.assign(node.parameters, parameters);
}

/** n8n's own Redis credential (type `redis`), for Run Coordination = In Redis. */
export const REDIS_CREDENTIAL_ID = 'coordinationRedis';

export function redisCredential(port: number, host = '127.0.0.1'): CredentialFile {
	return {
		id: REDIS_CREDENTIAL_ID,
		name: 'Coordination Redis',
		type: 'redis',
		data: { host, port, password: '', user: '', database: 0, ssl: false },
	};
}

/**
 * Run Coordination = In Redis, with n8n's Redis credential, on every Sync Checkpoint node and on
 * Magento's Create Shipment / Create Invoice (what the templates' notes tell a queue-mode user to
 * set). Returns the names of the nodes it changed.
 */
export function coordinateInRedis(workflow: any, credentialId = REDIS_CREDENTIAL_ID): string[] {
	const changed: string[] = [];
	for (const node of workflow.nodes) {
		const checkpoint = node.type === 'n8n-nodes-sapb1-magento2.syncCheckpoint';
		const guarded =
			node.type === 'n8n-nodes-sapb1-magento2.magento2Store' &&
			['shipment', 'invoice'].includes(node.parameters.resource) &&
			node.parameters.operation === 'create';
		if (!checkpoint && !guarded) continue;
		node.parameters.coordination = 'redis';
		node.credentials = {
			...node.credentials,
			redis: { id: credentialId, name: 'Coordination Redis' },
		};
		changed.push(node.name);
	}
	return changed;
}

/** The template's Schedule Trigger fires every `seconds` seconds instead. */
export function scheduleEverySeconds(workflow: any, seconds: number): void {
	const trigger = workflow.nodes.find((n: any) => n.type === 'n8n-nodes-base.scheduleTrigger');
	if (!trigger) throw new Error(`workflow ${workflow.name} has no Schedule Trigger`);
	trigger.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: seconds }] };
}
