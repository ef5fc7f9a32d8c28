/** Shared set-up for the SAP B1 Items node tests: both sources on the same data, and a runner. */
import type { IDataObject } from 'n8n-workflow';
import { SapB1Items } from '../../../nodes/SapB1/Items/SapB1Items.node';
import { runNode, type CredentialStore, type RunResult } from '../../helpers/n8n';
import { credentialTypes } from '../sapB1Shipments/setup';

export { withBothSources, credentialTypes } from '../sapB1Shipments/setup';

export type Source = 'sqlServer' | 'serviceLayer';

export async function runItems(
	credentials: CredentialStore,
	source: Source,
	parameters: IDataObject,
	options: { items?: IDataObject[]; continueOnFail?: boolean } = {},
): Promise<RunResult> {
	return await runNode(new SapB1Items(), {
		parameters: { source, resource: 'item', operation: 'getMany', returnAll: true, ...parameters },
		items: options.items ?? [{}],
		credentials,
		credentialTypes,
		continueOnFail: options.continueOnFail,
	});
}
