import { Magento2StoreApi } from '../../../credentials/Magento2StoreApi.credentials';
import type { MagentoEmulator } from '../../emulators/magento';
import { testCredential } from '../../helpers/n8n';
import { credentialsFor, expectNoSecrets, run, start } from './setup';

describe('Magento 2 Store: authentication, credential test, transport faults', () => {
	let m: MagentoEmulator;
	beforeAll(async () => {
		m = await start({ version: '2.4', bearerIntegrationTokens: false });
	});
	afterAll(async () => m.close());
	beforeEach(() => {
		m.reset();
		m.setOptions({
			bearerIntegrationTokens: false,
			signatureMethods: ['HMAC-SHA256', 'HMAC-SHA1'],
		});
	});

	it.each(['oauth256', 'oauth1'] as const)(
		'signs reads and writes with OAuth 1.0a (%s)',
		async (auth) => {
			const list = await run(
				m,
				{
					resource: 'order',
					operation: 'getMany',
					returnAll: true,
					pageSize: 7,
					filters: { statuses: ['processing'] },
				},
				{ auth },
			);
			expect(list.json).toHaveLength(14);
			const comment = await run(
				m,
				{
					resource: 'order',
					operation: 'addComment',
					orderId: '000000109',
					comment: 'Café crème — 250 g ☕ & "quotes"',
				},
				{ auth },
			);
			expect(comment.json[0].success).toBe(true);
			expect(m.state.comments[0].comment).toBe('Café crème — 250 g ☕ & "quotes"');
			expect(await testCredential(new Magento2StoreApi(), credentialsFor(m, auth))).toEqual({
				ok: true,
			});
		},
	);

	it('a signature the store does not accept (SHA1 on a SHA256-only store) fails the credential test', async () => {
		m.setOptions({ signatureMethods: ['HMAC-SHA256'] });
		expect((await testCredential(new Magento2StoreApi(), credentialsFor(m, 'oauth1'))).ok).toBe(
			false,
		);
		const wrong = { ...credentialsFor(m), accessTokenSecret: 'not-the-secret' };
		expect((await testCredential(new Magento2StoreApi(), wrong)).ok).toBe(false);
	});

	it('uses a bearer integration token where the store allows it', async () => {
		m.setOptions({ bearerIntegrationTokens: true });
		const result = await run(
			m,
			{ resource: 'order', operation: 'get', orderId: '000000101' },
			{ auth: 'bearer' },
		);
		expect(result.json[0].entity_id).toBe(207);
		expect(await testCredential(new Magento2StoreApi(), credentialsFor(m, 'bearer'))).toEqual({
			ok: true,
		});
	});

	it('explains a 2.4.4+ refusal of the bearer token and suggests OAuth 1.0a, without leaking secrets', async () => {
		const result = await run(
			m,
			{ resource: 'order', operation: 'get', orderId: '000000101' },
			{ auth: 'bearer', continueOnFail: true },
		);
		expect(String(result.json[0].error)).toMatch(
			/The consumer isn't authorized to access Magento_Sales::actions_view\./,
		);
		expect(String(result.json[0].errorDescription)).toMatch(
			/Allow OAuth Access Tokens to be used as standalone Bearer tokens[\s\S]*OAuth 1\.0a/,
		);
		expect(result.outputs[0][0].error?.description).toMatch(/OAuth 1\.0a/);
		expectNoSecrets(m, result);
		const error = await run(
			m,
			{ resource: 'order', operation: 'get', orderId: '000000101' },
			{ auth: 'bearer' },
		).catch((e) => e);
		expect(error.httpCode).toBe('401');
		expectNoSecrets(m, {
			message: error.message,
			description: error.description,
			context: error.context,
			cause: error.cause,
		});
		expect((await testCredential(new Magento2StoreApi(), credentialsFor(m, 'bearer'))).ok).toBe(
			false,
		);
	});

	it('addresses the store view in the URL', async () => {
		const result = await run(
			m,
			{ resource: 'order', operation: 'get', orderId: '000000109' },
			{ credentials: credentialsFor(m, 'oauth256', 'de') },
		);
		expect(result.json[0].increment_id).toBe('000000109');
		const unknownStore = await run(
			m,
			{ resource: 'order', operation: 'get', orderId: '000000109' },
			{ credentials: credentialsFor(m, 'oauth256', 'nope'), continueOnFail: true },
		);
		expect(unknownStore.json[0].error).toBeDefined();
	});

	it('retries reads after 429, 503, 500 and connection resets', async () => {
		m.setFaultPlan({
			rules: [
				{ kind: 'status', status: 429, path: '/V1/orders', times: 1 },
				{ kind: 'status', status: 503, path: '/V1/orders', times: 1, after: 1 },
				{ kind: 'reset', path: '/V1/orders', times: 1, after: 3 },
				{ kind: 'status', status: 500, path: '/V1/orders', times: 1, after: 5 },
			],
		});
		const result = await run(m, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			pageSize: 5,
		});
		expect(result.json).toHaveLength(18);
		expect(m.faults.fired.map((f) => f.kind)).toEqual(['status', 'status', 'reset', 'status']);
	});

	it('gives up after the configured retries with a clear error', async () => {
		m.setFaultPlan({ rules: [{ kind: 'status', status: 503, path: '/V1/orders' }] });
		await expect(
			run(m, {
				resource: 'order',
				operation: 'get',
				orderId: '000000101',
				options: { retries: 2, retryDelayMs: 1, timeout: 2000 },
			}),
		).rejects.toThrow('Order 000000101: Service Unavailable');
		expect(m.faults.fired).toHaveLength(3);
	});

	it('does not blindly repeat a comment whose answer was lost', async () => {
		m.setFaultPlan({
			rules: [{ kind: 'commitThenDrop', method: 'POST', path: '/comments', times: 1 }],
		});
		const result = await run(m, {
			resource: 'order',
			operation: 'addComment',
			orderId: '000000101',
			comment: 'Created in SAP B1 as sales order 77',
		});
		expect(result.json[0].success).toBe(true);
		expect(m.state.comments).toHaveLength(1);
		m.setFaultPlan({
			rules: [{ kind: 'commitThenDrop', method: 'POST', path: '/hold', times: 1 }],
		});
		const hold = await run(m, { resource: 'order', operation: 'hold', orderId: '000000101' });
		expect(hold.json[0]).toMatchObject({ success: true, state: 'holded' });
	});
});
