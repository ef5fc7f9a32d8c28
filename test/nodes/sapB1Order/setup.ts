/** Shared set-up for the SAP B1 Order node tests: the emulated Service Layer and a runner. */
import type { IDataObject } from 'n8n-workflow';
import { SapB1ServiceLayerApi } from '../../../credentials/SapB1ServiceLayerApi.credentials';
import { SapB1Order } from '../../../nodes/SapB1Order/SapB1Order.node';
import {
	startServiceLayer,
	type ServiceLayerEmulator,
	type ServiceLayerOptions,
} from '../../emulators/serviceLayer';
import { magentoSeed } from '../../emulators/seed/magento';
import { serviceLayerCredential } from '../../helpers/credentials';
import { runNode, type CredentialStore, type RunResult } from '../../helpers/n8n';

export const credentialTypes = [new SapB1ServiceLayerApi()];

export async function startSl(options: ServiceLayerOptions = {}): Promise<ServiceLayerEmulator> {
	return await startServiceLayer(options);
}

export function credentialsFor(
	sl: ServiceLayerEmulator,
	version: 'v1' | 'v2' = 'v2',
): CredentialStore {
	return { sapB1ServiceLayerApi: serviceLayerCredential(sl, version) };
}

/** Magento orders of the shared catalogue, by increment id. */
export function magentoOrders(...incrementIds: string[]): IDataObject[] {
	const all = magentoSeed().orders;
	return incrementIds.map((id) => {
		const order = all.find((o) => o.increment_id === id);
		if (!order) throw new Error(`no Magento seed order ${id}`);
		return order as unknown as IDataObject;
	});
}

/** Tax codes by Magento tax percent, so the SAP document reproduces Magento's totals. */
export const TAX_RATES = {
	rate: [
		{ rate: 7.25, taxCode: 'CA' },
		{ rate: 8.875, taxCode: 'NY' },
		{ rate: 0, taxCode: 'EX' },
		{ rate: 20, taxCode: 'V20' },
	],
};

export const FAST = { retries: 4, retryDelayMs: 5, timeout: 2000 };

export function createFromMagento(extra: IDataObject = {}): IDataObject {
	return {
		resource: 'order',
		operation: 'create',
		inputMode: 'magento',
		defaultCardCode: { __rl: true, mode: 'id', value: 'C-WEB' },
		taxMode: 'rateTable',
		taxRates: TAX_RATES,
		options: FAST,
		...extra,
	};
}

export async function run(
	sl: ServiceLayerEmulator,
	credentials: CredentialStore,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	continueOnFail = false,
): Promise<RunResult> {
	return await runNode(new SapB1Order(), {
		parameters,
		items,
		credentials,
		credentialTypes,
		continueOnFail,
	});
}

export const ordersByWeb = (sl: ServiceLayerEmulator, web: string) =>
	sl.state.Orders.filter((o) => o.NumAtCard === web);
