import { SapB1ServiceLayerApi } from '../../../credentials/SapB1ServiceLayerApi.credentials';
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';
import { testCredential } from '../../helpers/n8n';
import { credentialsFor, startSl } from './setup';

describe('SAP B1 Service Layer credential: the credential test', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	const credential = () => credentialsFor(sl).sapB1ServiceLayerApi;

	it('logs in and reads one warehouse, also when a session is stored (a credential test always logs in)', async () => {
		expect(await testCredential(new SapB1ServiceLayerApi(), credential())).toEqual({ ok: true });
		expect(
			await testCredential(new SapB1ServiceLayerApi(), {
				...credential(),
				baseUrl: `${sl.baseUrl('v1')}/`,
				sessionCookie: 'B1SESSION=stale',
			}),
		).toEqual({ ok: true });
		expect(sl.stats.logins).toBe(2);
		expect(sl.stats.requests['GET Warehouses']).toBe(2);
	});

	it('fails with a wrong password or an unreachable Service Layer', async () => {
		expect(
			await testCredential(new SapB1ServiceLayerApi(), { ...credential(), password: 'wrong' }),
		).toEqual({ ok: false, message: 'Unauthorized' });
		expect(sl.stats.requests['GET Warehouses'] ?? 0).toBe(0);
		expect(
			await testCredential(new SapB1ServiceLayerApi(), {
				...credential(),
				baseUrl: 'http://127.0.0.1:1/b1s/v2',
			}),
		).toEqual({ ok: false, message: 'ECONNREFUSED' });
	});
});
