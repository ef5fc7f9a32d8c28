/** Contract tests of the emulated Magento REST API: authentication and the searchCriteria grammar. */
import axios, { type AxiosResponse } from 'axios';
import { startMagento, type MagentoEmulator } from '../emulators/magento';
import { oauthHeader, searchCriteria } from './magentoSigner';

const http = axios.create({ validateStatus: () => true });
let m: MagentoEmulator;

beforeAll(async () => {
	m = await startMagento();
});
afterAll(async () => m.close());
beforeEach(() => {
	m.reset();
	m.setOptions({
		version: '2.4',
		release: null,
		bearerIntegrationTokens: true,
		maxPageSize: 300,
		maxTimestampAgeSeconds: null,
		signatureMethods: null,
		inputLimits: null,
	});
});

const orders = (q: string, store = 'default') => `${m.url}/rest/${store}/V1/orders?${q}`;
const get = (url: string) =>
	http.get(url, { headers: { Authorization: `Bearer ${m.credentials.adminToken}` } });
const incs = (r: AxiosResponse) =>
	r.data.items.map((o: { increment_id: string }) => o.increment_id);

describe('authentication', () => {
	const url = () => `${m.url}/rest/V1/orders/207`;

	it('accepts the integration token as Bearer only when the store allows it (2.4.4+ default: refused)', async () => {
		const bearer = { headers: { Authorization: `Bearer ${m.credentials.bearerToken}` } };
		expect((await http.get(url(), bearer)).data.increment_id).toBe('000000101');
		m.setOptions({ bearerIntegrationTokens: false });
		const r = await http.get(url(), bearer);
		expect(r.status).toBe(401);
		expect(r.data).toEqual({
			message: "The consumer isn't authorized to access %resources.",
			parameters: { resources: 'Magento_Sales::actions_view' },
		});
	});

	it('accepts an admin token and refuses anonymous and unknown tokens', async () => {
		expect((await get(url())).status).toBe(200);
		expect((await http.get(url())).status).toBe(401);
		const r = await http.get(url(), { headers: { Authorization: 'Bearer nope' } });
		expect(r.status).toBe(401);
		expect(r.data.parameters).toEqual({ resources: 'Magento_Sales::actions_view' });
	});

	// HMAC-SHA1 on a store before 2.4.4 (2.4.4+ supports only HMAC-SHA256: magento.fidelity.test.ts).
	it.each([
		['HMAC-SHA256', '2.4.8'],
		['HMAC-SHA1', '2.4.3'],
	] as const)(
		'verifies OAuth 1.0a %s signatures, including query parameters (%s)',
		async (method, release) => {
			m.setOptions({ bearerIntegrationTokens: false, release });
			const u = orders(
				searchCriteria({
					groups: [[{ field: 'updated_at', value: '2026-11-21 00:00:00', condition_type: 'gteq' }]],
					pageSize: 50,
				}),
			);
			const r = await http.get(u, {
				headers: {
					Authorization: oauthHeader('GET', u, m.credentials, { signatureMethod: method }),
				},
			});
			expect(r.status).toBe(200);
			expect(r.data.total_count).toBe(7);
		},
	);

	it('does not sign JSON bodies', async () => {
		const u = `${m.url}/rest/V1/orders/207/comments`;
		const r = await http.post(
			u,
			{ statusHistory: { comment: 'signed' } },
			{ headers: { Authorization: oauthHeader('POST', u, m.credentials) } },
		);
		expect(r.status).toBe(200);
		expect(r.data).toBe(true);
	});

	it('refuses a wrong signature, unknown consumer, unknown token, reused nonce and far-future timestamp', async () => {
		const u = url();
		const c = m.credentials;
		const tries: Array<[string, string, number]> = [
			[
				oauthHeader('GET', u, { ...c, consumerSecret: 'x'.repeat(32) }),
				'The signature is invalid. Verify and try again.',
				401,
			],
			[oauthHeader('POST', u, c), 'The signature is invalid. Verify and try again.', 401],
			[
				oauthHeader('GET', u, { ...c, consumerKey: 'k'.repeat(32) }),
				'A consumer having the specified key does not exist',
				401,
			],
			[
				oauthHeader('GET', u, { ...c, consumerKey: 'short' }),
				'Consumer key is not the correct length',
				401,
			],
			[
				oauthHeader('GET', u, { ...c, accessToken: 't'.repeat(32) }),
				'Specified token does not exist',
				401,
			],
			[
				oauthHeader('GET', u, c, { timestamp: Math.floor(Date.now() / 1000) + 3600 }),
				'An error occurred validating the nonce',
				401,
			],
		];
		for (const [auth, message, status] of tries) {
			const r = await http.get(u, { headers: { Authorization: auth } });
			expect([r.status, r.data.message]).toEqual([status, message]);
		}
		const once = oauthHeader('GET', u, c, { nonce: 'same-nonce' });
		expect((await http.get(u, { headers: { Authorization: once } })).status).toBe(200);
		const again = await http.get(u, { headers: { Authorization: once } });
		expect(again.status).toBe(401);
		expect(again.data).toEqual({
			message: 'The nonce is already being used by the consumer with ID %1',
			parameters: [7],
		});
	});

	it('refuses a signature method the store does not support, and old timestamps only when configured', async () => {
		const u = url();
		m.setOptions({ signatureMethods: ['HMAC-SHA256'] });
		const r = await http.get(u, {
			headers: {
				Authorization: oauthHeader('GET', u, m.credentials, { signatureMethod: 'HMAC-SHA1' }),
			},
		});
		expect([r.status, r.data]).toEqual([
			400,
			{ message: 'Signature method %1 is not supported', parameters: ['HMAC-SHA1'] },
		]);
		m.setOptions({ signatureMethods: ['HMAC-SHA256', 'HMAC-SHA1'] });
		const old = Math.floor(Date.now() / 1000) - 3600;
		expect(
			(
				await http.get(u, {
					headers: { Authorization: oauthHeader('GET', u, m.credentials, { timestamp: old }) },
				})
			).status,
		).toBe(200);
		m.setOptions({ maxTimestampAgeSeconds: 300 });
		expect(
			(
				await http.get(u, {
					headers: { Authorization: oauthHeader('GET', u, m.credentials, { timestamp: old }) },
				})
			).status,
		).toBe(401);
	});

	it("signs query values as Magento reads them: a '+' stays a '+' (a client that signed a space fails)", async () => {
		const u = orders(
			'searchCriteria[filter_groups][0][filters][0][field]=updated_at&searchCriteria[filter_groups][0][filters][0][value]=2026-11-21+00:00:00&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq',
		);
		const signedAsPlus = await http.get(u, {
			headers: { Authorization: oauthHeader('GET', u.replace('+', '%2B'), m.credentials) },
		});
		expect(signedAsPlus.status).toBe(200);
		expect(signedAsPlus.data.total_count).toBe(7);
		const signedAsSpace = await http.get(u, {
			headers: { Authorization: oauthHeader('GET', u.replace('+', '%20'), m.credentials) },
		});
		expect([signedAsSpace.status, signedAsSpace.data.message]).toEqual([
			401,
			'The signature is invalid. Verify and try again.',
		]);
	});

	it('signs form-urlencoded body parameters (then Magento refuses the media type), but not JSON bodies', async () => {
		const u = `${m.url}/rest/V1/orders/207/comments`;
		const form = { comment: 'a b+c' };
		const headers = (body?: Record<string, string>) => ({
			'Content-Type': 'application/x-www-form-urlencoded',
			Authorization: oauthHeader('POST', u, m.credentials, { formBody: body }),
		});
		const signed = await http.post(u, 'comment=a%20b%2Bc', { headers: headers(form) });
		expect([signed.status, signed.data]).toEqual([
			400,
			{
				message: 'Server cannot understand Content-Type HTTP header media type %1',
				parameters: ['application/x-www-form-urlencoded'],
			},
		]);
		const unsigned = await http.post(u, 'comment=a%20b%2Bc', { headers: headers() });
		expect([unsigned.status, unsigned.data.message]).toEqual([
			401,
			'The signature is invalid. Verify and try again.',
		]);
	});

	it('refuses a missing integration ACL resource', async () => {
		m.setOptions({ integrationAcl: ['Magento_Sales::actions_view'] });
		const u = `${m.url}/rest/V1/order/207/ship`;
		const r = await http.post(
			u,
			{},
			{ headers: { Authorization: oauthHeader('POST', u, m.credentials) } },
		);
		expect([r.status, r.data]).toEqual([
			401,
			{
				message: "The consumer isn't authorized to access %resources.",
				parameters: { resources: 'Magento_Sales::ship' },
			},
		]);
		m.setOptions({ integrationAcl: null });
	});
});

describe('routing and store codes', () => {
	it('serves /rest/V1, /rest/default, /rest/all and /rest/de; unknown store code → 404', async () => {
		for (const base of ['/rest/V1', '/rest/default/V1', '/rest/all/V1', '/rest/de/V1']) {
			expect((await get(`${m.url}${base}/orders/215`)).data.increment_id).toBe('000000109');
		}
		const r = await get(`${m.url}/rest/fr/V1/orders/215`);
		expect([r.status, r.data]).toEqual([404, { message: 'Request does not match any route.' }]);
	});

	it('lists all orders whatever the store code (as Magento does), or only the store view when storeScopedOrderList', async () => {
		expect((await get(orders('searchCriteria=', 'de'))).data.total_count).toBe(18);
		m.setOptions({ storeScopedOrderList: true });
		expect(incs(await get(orders('searchCriteria=', 'de')))).toEqual(['000000109']);
		expect((await get(orders('searchCriteria=', 'all'))).data.total_count).toBe(18);
		m.setOptions({ storeScopedOrderList: false });
	});

	it('answers 404 with Magento wording for a missing order', async () => {
		const r = await get(`${m.url}/rest/V1/orders/99999`);
		expect([r.status, r.data]).toEqual([
			404,
			{ message: "The entity that was requested doesn't exist. Verify the entity and try again." },
		]);
	});
});

describe('searchCriteria', () => {
	it('ORs filters in a group and ANDs groups, echoing search_criteria', async () => {
		const q = searchCriteria({
			groups: [
				[
					{ field: 'status', value: 'pending', condition_type: 'eq' },
					{ field: 'status', value: 'holded', condition_type: 'eq' },
				],
				[{ field: 'created_at', value: '2026-11-21 00:00:00', condition_type: 'gteq' }],
			],
		});
		const r = await get(orders(q));
		expect(incs(r)).toEqual(['000000106', '000000112']);
		expect(r.data.search_criteria).toEqual({
			filter_groups: [
				{
					filters: [
						{ field: 'status', value: 'pending', condition_type: 'eq' },
						{ field: 'status', value: 'holded', condition_type: 'eq' },
					],
				},
				{
					filters: [{ field: 'created_at', value: '2026-11-21 00:00:00', condition_type: 'gteq' }],
				},
			],
		});
	});

	it.each([
		['neq', 'state', 'processing', ['000000104', '000000106', '000000111', '000000112']],
		['gt', 'grand_total', '106.53', ['000000090', '000000095']],
		['gteq', 'grand_total', '106.53', ['000000090', '000000095', '000000112']],
		['lt', 'entity_id', '203', ['000000090', '000000091']],
		['lteq', 'entity_id', '203', ['000000090', '000000091', '000000092']],
		['in', 'increment_id', '000000101,000000103', ['000000101', '000000103']],
		['nin', 'store_id', '1', ['000000109']],
		['like', 'customer_email', '%@example.de', ['000000109']],
		['from', 'updated_at', '2026-11-22', ['000000110', '000000111', '000000112']],
		['to', 'created_at', '2026-11-10 23:59:59', ['000000090', '000000091']],
		['eq', 'status', 'HOLDED', ['000000112']],
	])('condition %s on %s', async (condition_type, field, value, expected) => {
		expect(
			incs(await get(orders(searchCriteria({ groups: [[{ field, value, condition_type }]] })))),
		).toEqual(expected);
	});

	it('null, notnull, nlike and finset', async () => {
		const guests = await get(
			orders(searchCriteria({ groups: [[{ field: 'customer_id', condition_type: 'null' }]] })),
		);
		expect(incs(guests)).toEqual(['000000093', '000000106']);
		expect(
			(
				await get(
					orders(
						searchCriteria({ groups: [[{ field: 'coupon_code', condition_type: 'notnull' }]] }),
					),
				)
			).data.total_count,
		).toBe(1);
		expect(
			(
				await get(
					orders(
						searchCriteria({
							groups: [
								[{ field: 'customer_email', value: '%example.com', condition_type: 'nlike' }],
							],
						}),
					),
				)
			).data.total_count,
		).toBe(3);
		m.updateOrder('000000101', { tags: 'vip,wholesale' });
		expect(
			incs(
				await get(
					orders(
						searchCriteria({
							groups: [[{ field: 'tags', value: 'wholesale', condition_type: 'finset' }]],
						}),
					),
				),
			),
		).toEqual(['000000101']);
	});

	it('sorts by several fields', async () => {
		const r = await get(
			orders(
				searchCriteria({
					sort: [
						{ field: 'status', direction: 'DESC' },
						{ field: 'grand_total', direction: 'ASC' },
					],
					pageSize: 4,
				}),
			),
		);
		expect(incs(r)).toEqual(['000000108', '000000093', '000000103', '000000092']);
		expect(r.data.total_count).toBe(18);
	});

	it('pages with total_count; a page past the end is empty on 2.4 and repeats the last page on 2.3', async () => {
		const q = (page: number) =>
			orders(searchCriteria({ sort: [{ field: 'entity_id' }], pageSize: 5, currentPage: page }));
		const p4 = await get(q(4));
		expect([incs(p4), p4.data.total_count]).toEqual([['000000110', '000000111', '000000112'], 18]);
		expect(incs(await get(q(5)))).toEqual([]);
		m.setOptions({ version: '2.3' });
		expect(incs(await get(q(5)))).toEqual(['000000110', '000000111', '000000112']);
	});

	it('refuses a pageSize over the input limit with Magento wording (while input limits are on)', async () => {
		expect((await get(orders(searchCriteria({ pageSize: 301 })))).status).toBe(200);
		m.setOptions({ inputLimits: true });
		const r = await get(orders(searchCriteria({ pageSize: 301 })));
		expect([r.status, r.data]).toEqual([
			400,
			{ message: 'Maximum SearchCriteria pageSize is %max', parameters: { max: 300 } },
		]);
		m.setOptions({ maxPageSize: null });
		expect((await get(orders(searchCriteria({ pageSize: 1000 })))).data.items).toHaveLength(18);
	});

	it('masks an SQL error on an unknown field as a 500', async () => {
		const r = await get(
			orders(searchCriteria({ groups: [[{ field: 'no_such_column', value: 'x' }]] })),
		);
		expect(r.status).toBe(500);
		expect(r.data.message).toMatch(
			/^Internal Error\. Details are available in Magento log file\. Report ID: webapi-/,
		);
	});

	it('sees an order again after it changed (updated_at moves)', async () => {
		const since = searchCriteria({
			groups: [[{ field: 'updated_at', value: '2026-11-23 00:00:00', condition_type: 'gt' }]],
		});
		expect((await get(orders(since))).data.total_count).toBe(0);
		m.touchOrder('000000090');
		expect(incs(await get(orders(since)))).toEqual(['000000090']);
	});
});
