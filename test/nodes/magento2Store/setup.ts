import type { IDataObject } from 'n8n-workflow';
import { Magento2StoreApi } from '../../../credentials/Magento2StoreApi.credentials';
import { Magento2Store } from '../../../nodes/Magento2Store/Magento2Store.node';
import {
	startMagento,
	type MagentoEmulator,
	type StartMagentoOptions,
} from '../../emulators/magento';
import { magentoCredential, type MagentoAuth } from '../../helpers/credentials';
import { runNode, type RunResult } from '../../helpers/n8n';

/** Small back-off so fault tests stay fast. */
export const FAST = { retries: 3, retryDelayMs: 5, timeout: 2000 };

export async function start(options: StartMagentoOptions = {}): Promise<MagentoEmulator> {
	return await startMagento(options);
}

export type Auth = MagentoAuth;

export const credentialsFor = magentoCredential;

export async function run(
	m: MagentoEmulator,
	parameters: IDataObject,
	options: {
		items?: IDataObject[];
		auth?: Auth;
		continueOnFail?: boolean;
		credentials?: IDataObject;
	} = {},
): Promise<RunResult> {
	return await runNode(new Magento2Store(), {
		parameters: { options: FAST, ...parameters },
		items: options.items,
		credentials: { magento2StoreApi: options.credentials ?? credentialsFor(m, options.auth) },
		credentialTypes: [new Magento2StoreApi()],
		continueOnFail: options.continueOnFail,
	});
}

/** Every secret of the emulated integration, to check that none leaks. */
export function secretsOf(m: MagentoEmulator): string[] {
	const c = m.credentials;
	return [c.consumerSecret, c.accessToken, c.accessTokenSecret, c.bearerToken, c.consumerKey];
}

export function expectNoSecrets(m: MagentoEmulator, result: unknown): void {
	const text = JSON.stringify(result, (_k, v) =>
		v instanceof Error
			? { ...v, message: v.message, description: (v as { description?: string }).description }
			: v,
	);
	for (const secret of secretsOf(m)) expect(text).not.toContain(secret);
}
