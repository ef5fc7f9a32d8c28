import type { IDataObject } from 'n8n-workflow';
import { SapB1Order } from '../../../nodes/SapB1/Order/SapB1Order.node';
import { SapB1Shipments } from '../../../nodes/SapB1/Shipments/SapB1Shipments.node';
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';
import { runCredentialTest } from '../../helpers/credentialTest';
import { credentialsFor, startSl } from './setup';

const test = async (data: IDataObject) =>
	await runCredentialTest(new SapB1Order(), 'sapB1ServiceLayerApi', data);

describe('SAP B1 Service Layer credential: the credential test', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	const credential = () => credentialsFor(sl).sapB1ServiceLayerApi;

	it("is the nodes' login test (SAP B1 Order and Shipments), not a request that may reuse a stored session", async () => {
		for (const node of [new SapB1Order(), new SapB1Shipments()])
			expect(
				node.description.credentials?.find((c) => c.name === 'sapB1ServiceLayerApi')?.testedBy,
			).toBe('sapB1ServiceLayerLoginTest');
	});

	it('logs in with the data as entered (also when a session is stored), then logs out', async () => {
		expect(await test(credential())).toEqual({
			status: 'OK',
			message: expect.stringMatching(/^Logged in to company SBODEMOUS/),
		});
		expect(
			await test({
				...credential(),
				baseUrl: `${sl.baseUrl('v1')}/`,
				sessionToken: 'B1SESSION=x',
			}),
		).toMatchObject({ status: 'OK' });
		expect(sl.stats.logins).toBe(2);
		expect(sl.stats.requests['POST Logout']).toBe(2);
	});

	it('a wrong password fails, even while a valid session is stored in the credential', async () => {
		// A session the nodes stored earlier: a declarative test would pass with it.
		const stored = await test(credential());
		expect(stored.status).toBe('OK');
		const result = await test({
			...credential(),
			password: 'wrong',
			sessionToken: 'B1SESSION=valid',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^SAP refused the login: SAP error \S+: .+\. Check the Company Database \("SBODEMOUS"\), the User and the Password/,
		);
		expect(result.message).not.toContain('wrong');
	});

	it('says what to check for a URL without the version, an unknown company, nothing listening', async () => {
		const noVersion = await test({
			...credential(),
			baseUrl: sl.baseUrl('v2').replace(/\/b1s\/v2$/, ''),
		});
		expect(noVersion).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/HTTP 404\): the Service Layer URL ends with its version, e\.g\. https:\/\/b1server:50000\/b1s\/v2/,
			),
		});
		const company = await test({ ...credential(), companyDb: 'NOSUCHDB' });
		expect(company.message).toMatch(/^SAP refused the login.*"NOSUCHDB"/);
		const refused = await test({ ...credential(), baseUrl: 'http://127.0.0.1:1/b1s/v2' });
		expect(refused).toEqual({
			status: 'Error',
			message:
				'Nothing answers at http://127.0.0.1:1 (connection refused): check the host and port of the Service Layer URL, and that the Service Layer is running and reachable from n8n',
		});
		expect((await test({ ...credential(), baseUrl: 'b1server:50000' })).message).toMatch(
			/is not a URL/,
		);
	});
});
