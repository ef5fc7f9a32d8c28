/**
 * Picks the coordination store a node was configured with: this n8n process's memory, or Redis
 * through n8n's own Redis credential (type `redis`).
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeProperties,
} from 'n8n-workflow';
import { ProcessStore } from './processStore';
import { RedisStore, type RedisCredential } from './redisStore';
import type { CoordinationStore } from './types';

export type { Acquired, CommitOutcome, CoordinationStore, Holder, Lease, Versioned } from './types';

export type CoordinationKind = 'process' | 'redis';

export const REDIS_CREDENTIAL = 'redis';

/** Namespace (key prefix) of everything the package keeps in a coordination store. */
export const NAMESPACE = 'n8n-nodes-sapb1-magento2';

/** The choice of store, as the nodes show it. */
export function coordinationProperty(name: string, description: string): INodeProperties {
	return {
		displayName: 'Run Coordination',
		name,
		type: 'options',
		options: [
			{
				name: 'In This Process (Regular Mode)',
				value: 'process',
				description:
					'Runs in this n8n process see each other (regular mode, editor test runs included); not shared by queue-mode workers',
			},
			{
				name: 'In Redis (Queue Mode)',
				value: 'redis',
				description:
					'Shared by every n8n process that uses the same Redis, e.g. the Redis of queue mode',
			},
		],
		default: 'process',
		description,
	};
}

export async function openCoordination(
	ctx: IExecuteFunctions,
	kind: CoordinationKind,
): Promise<CoordinationStore> {
	if (kind !== 'redis') return new ProcessStore();
	const credential = (await ctx.getCredentials(REDIS_CREDENTIAL)) as unknown as RedisCredential;
	return await RedisStore.connect(credential);
}

/** Credential test of n8n's Redis credential: connect and PING. */
export async function redisConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	let store: RedisStore | undefined;
	try {
		store = await RedisStore.connect(
			(credential.data ?? {}) as ICredentialDataDecryptedObject as unknown as RedisCredential,
		);
		await store.load(`${NAMESPACE}:connection-test`);
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		return {
			status: 'Error',
			message: `Could not reach Redis: ${(error as Error).message}. Check host, port, password and SSL.`,
		};
	} finally {
		await store?.close();
	}
}
