import {
	Magento2StoreApi,
	absoluteUrlWithQuery,
	oauthAuthorizationHeader,
	oauthBaseString,
	oauthSignature,
	percentEncode,
	queryPairs,
} from '../../../credentials/Magento2StoreApi.credentials';

describe('OAuth 1.0a signing (Magento 2 Store API credential)', () => {
	it('percent-encodes per RFC 3986', () => {
		expect(percentEncode("Ladies + Gentlemen!*'()~._-")).toBe(
			'Ladies%20%2B%20Gentlemen%21%2A%27%28%29~._-',
		);
		expect(percentEncode('☃')).toBe('%E2%98%83');
	});

	it('reproduces the RFC 5849 §3.4.1.1 signature base string', () => {
		const url = 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b';
		const params: Array<[string, string]> = [
			...queryPairs(new URL(url).search),
			['oauth_consumer_key', '9djdj82h48djs9d2'],
			['oauth_token', 'kkk9d7dh3k39sjv7'],
			['oauth_signature_method', 'HMAC-SHA1'],
			['oauth_timestamp', '137131201'],
			['oauth_nonce', '7d8f3e4a'],
			['c2', ''],
			['a3', '2 q'],
		];
		expect(oauthBaseString('post', url, params)).toBe(
			'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
		);
	});

	it('reproduces the Twitter "creating a signature" example (HMAC-SHA1)', () => {
		const header = oauthAuthorizationHeader(
			'POST',
			'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
			{
				consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
				consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
				accessToken: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
				accessTokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
				signatureMethod: 'HMAC-SHA1',
			},
			[['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']],
			'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
			'1318622958',
		);
		expect(header).toContain(`oauth_signature="${percentEncode('hCtSmYh+iHYCEqBWrE7C7hYmtUk=')}"`);
		expect(header.startsWith('OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog"')).toBe(true);
	});

	it('signs with HMAC-SHA256 using enc(consumer secret)&enc(token secret)', () => {
		const { createHmac } = require('node:crypto') as typeof import('node:crypto');
		const expected = createHmac('sha256', 'c%26s&t%20s').update('BASE').digest('base64');
		expect(oauthSignature('BASE', 'c&s', 't s', 'HMAC-SHA256')).toBe(expected);
		expect(oauthSignature('BASE', 'c&s', 't s', 'HMAC-SHA1')).not.toBe(expected);
	});

	it('moves qs into the URL so that what is signed is what is sent', () => {
		const url = absoluteUrlWithQuery({
			url: '/V1/orders?x=a b',
			baseURL: 'https://shop.example.com/rest/default/',
			qs: {
				searchCriteria: {
					filter_groups: [{ filters: [{ field: 'updated_at', value: '2025-01-01 10:00:00' }] }],
					pageSize: 1,
				},
			},
		});
		expect(url).toBe(
			'https://shop.example.com/rest/default/V1/orders?x=a%20b&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=updated_at&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=2025-01-01%2010%3A00%3A00&searchCriteria%5BpageSize%5D=1',
		);
	});

	it('authenticate(): bearer header, or an OAuth header with a fresh nonce per request', async () => {
		const cred = new Magento2StoreApi();
		const bearer = await cred.authenticate(
			{ authType: 'bearer', bearerToken: 'tok' },
			{ url: 'https://s/rest/default/V1/orders' },
		);
		expect((bearer.headers as Record<string, string>).Authorization).toBe('Bearer tok');
		const keys = {
			authType: 'oauth1',
			consumerKey: 'ck',
			consumerSecret: 'cs',
			accessToken: 'at',
			accessTokenSecret: 'ats',
		};
		const a = await cred.authenticate(
			{ ...keys },
			{ url: 'https://s/rest/default/V1/orders', qs: { a: 1 } },
		);
		const b = await cred.authenticate(
			{ ...keys },
			{ url: 'https://s/rest/default/V1/orders', qs: { a: 1 } },
		);
		const ha = (a.headers as Record<string, string>).Authorization;
		const hb = (b.headers as Record<string, string>).Authorization;
		expect(ha).toMatch(/oauth_signature_method="HMAC-SHA256"/);
		expect(ha.match(/oauth_nonce="([^"]+)"/)![1]).not.toBe(hb.match(/oauth_nonce="([^"]+)"/)![1]);
		expect(a.url).toBe('https://s/rest/default/V1/orders?a=1');
		expect(a.qs).toBeUndefined();
	});
});
