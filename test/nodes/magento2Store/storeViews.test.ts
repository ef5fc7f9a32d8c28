import { Magento2StoreApi } from '../../../credentials/Magento2StoreApi.credentials';
import { getStoreViews } from '../../../nodes/Magento2Store/methods/loadOptions';
import type { MagentoEmulator } from '../../emulators/magento';
import { loadOptionsContext } from '../../helpers/n8n';
import { credentialsFor, start } from './setup';

describe('Magento 2 Store: store view dropdown', () => {
	let m: MagentoEmulator;
	beforeAll(async () => {
		m = await start();
	});
	afterAll(async () => {
		await m.close();
	});

	it('lists the store views from the store (without the admin store), signed with OAuth 1.0a', async () => {
		const { context, http } = loadOptionsContext({ magento2StoreApi: credentialsFor(m) }, [
			new Magento2StoreApi(),
		]);
		const options = await getStoreViews.call(context);
		expect(options).toEqual([
			{ name: 'Default Store View (default)', value: '1' },
			{ name: 'Deutsch (de)', value: '2' },
		]);
		expect(http.map((h) => [h.method, new URL(h.url).pathname, h.status])).toEqual([
			['GET', '/rest/default/V1/store/storeViews', 200],
		]);
	});
});
