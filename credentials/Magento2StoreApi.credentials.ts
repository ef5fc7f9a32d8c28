import { createHmac, randomBytes } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export type OAuthSignatureMethod = 'HMAC-SHA256' | 'HMAC-SHA1';

/** RFC 3986 percent-encoding as OAuth 1.0a (RFC 5849 §3.6) requires: only A-Z a-z 0-9 - . _ ~ stay. */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Flattens a nested query object the way PHP reads it: `a[b][0][c]=v`. */
export function flattenQuery(query: IDataObject | undefined, prefix = ''): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	for (const [key, value] of Object.entries(query ?? {})) {
		const name = prefix ? `${prefix}[${key}]` : key;
		if (value === undefined || value === null) continue;
		if (typeof value === 'object') pairs.push(...flattenQuery(value as IDataObject, name));
		else pairs.push([name, String(value)]);
	}
	return pairs;
}

/** Decoded name/value pairs of a URL's query (`+` is a space, as in form encoding). */
export function queryPairs(search: string): Array<[string, string]> {
	const text = search.replace(/^\?/, '');
	if (!text) return [];
	const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
	return text.split('&').filter(Boolean).map((part) => {
		const eq = part.indexOf('=');
		return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
	});
}

/** `scheme://host[:port]/path` as RFC 5849 §3.4.1.2 wants it: lower-case, default ports dropped, no query. */
export function oauthBaseUrl(url: string): string {
	const u = new URL(url);
	const defaultPort = (u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443');
	const host = u.hostname.toLowerCase() + (u.port && !defaultPort ? `:${u.port}` : '');
	return `${u.protocol.toLowerCase()}//${host}${u.pathname}`;
}

/** The signature base string of RFC 5849 §3.4.1: METHOD&enc(base URL)&enc(sorted, encoded parameters). */
export function oauthBaseString(method: string, url: string, params: Array<[string, string]>): string {
	const normalized = params
		.map(([k, v]) => [percentEncode(k), percentEncode(v)] as [string, string])
		.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	return [method.toUpperCase(), percentEncode(oauthBaseUrl(url)), percentEncode(normalized)].join('&');
}

/** HMAC signature (base64) over a base string with key enc(consumer secret)&enc(token secret). */
export function oauthSignature(
	baseString: string,
	consumerSecret: string,
	tokenSecret: string,
	signatureMethod: OAuthSignatureMethod,
): string {
	const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
	const algorithm = signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
	return createHmac(algorithm, key).update(baseString).digest('base64');
}

export interface OAuth1Keys {
	consumerKey: string;
	consumerSecret: string;
	accessToken: string;
	accessTokenSecret: string;
	signatureMethod: OAuthSignatureMethod;
}

/**
 * The `Authorization: OAuth ...` header for one request. `url` may carry a query; `extraParams`
 * are further parameters to sign (form bodies; JSON bodies are never signed).
 */
export function oauthAuthorizationHeader(
	method: string,
	url: string,
	keys: OAuth1Keys,
	extraParams: Array<[string, string]> = [],
	nonce = randomBytes(16).toString('hex'),
	timestamp = String(Math.floor(Date.now() / 1000)),
): string {
	const oauth: Array<[string, string]> = [
		['oauth_consumer_key', keys.consumerKey],
		['oauth_nonce', nonce],
		['oauth_signature_method', keys.signatureMethod],
		['oauth_timestamp', timestamp],
		['oauth_token', keys.accessToken],
		['oauth_version', '1.0'],
	];
	const base = oauthBaseString(method, url, [...oauth, ...queryPairs(new URL(url).search), ...extraParams]);
	const signature = oauthSignature(base, keys.consumerSecret, keys.accessTokenSecret, keys.signatureMethod);
	return `OAuth ${[...oauth, ['oauth_signature', signature]]
		.map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`)
		.join(', ')}`;
}

/**
 * The absolute URL a request goes to, with `qs` moved into it (RFC 3986-encoded), so that the
 * query that is signed is byte for byte the query that is sent.
 */
export function absoluteUrlWithQuery(options: IHttpRequestOptions): string {
	const joined =
		/^https?:\/\//i.test(options.url) || !options.baseURL
			? options.url
			: `${options.baseURL.replace(/\/+$/, '')}/${options.url.replace(/^\/+/, '')}`;
	const u = new URL(joined);
	u.pathname = u.pathname.replace(/\/{2,}/g, '/');
	const pairs = [...queryPairs(u.search), ...flattenQuery(options.qs as IDataObject | undefined)];
	const query = pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
	return `${u.origin}${u.pathname}${query ? `?${query}` : ''}`;
}

export class Magento2StoreApi implements ICredentialType {
	name = 'magento2StoreApi';

	displayName = 'Magento 2 Store API';

	icon: Icon = { light: 'file:icons/magento.svg', dark: 'file:icons/magento.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-sapb1-magento2/n8n-nodes-sapb1-magento2#magento-2-store-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Store URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://shop.example.com',
			description: 'Base URL of the store (the part before /rest/...)',
			required: true,
		},
		{
			displayName: 'Store Code',
			name: 'storeCode',
			type: 'string',
			default: 'default',
			placeholder: 'default',
			description:
				'Store code in the REST path /rest/&lt;store code&gt;/V1/...: "default", "all" (all store views) or a store view code',
			required: true,
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'OAuth 1.0a (Integration Keys)',
					value: 'oauth1',
					description: 'Signs each request with the integration keys. Works on every Magento version.',
				},
				{
					name: 'Bearer Token (Integration Access Token)',
					value: 'bearer',
					description:
						'Magento 2.4.4+ accepts it only when "Use integration tokens as bearer tokens" is enabled (Stores > Configuration > Services > OAuth > Consumer Settings)',
				},
			],
			default: 'oauth1',
		},
		{
			displayName: 'Access Token',
			name: 'bearerToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Integration access token (System > Extensions > Integrations). Magento 2.4.4+ accepts it as a bearer token only with "Use integration tokens as bearer tokens" enabled; otherwise use OAuth 1.0a.',
			displayOptions: { show: { authType: ['bearer'] } },
		},
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['oauth1'] } },
		},
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['oauth1'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['oauth1'] } },
		},
		{
			displayName: 'Access Token Secret',
			name: 'accessTokenSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['oauth1'] } },
		},
		{
			displayName: 'Signature Method',
			name: 'signatureMethod',
			type: 'options',
			options: [
				{ name: 'HMAC-SHA256', value: 'HMAC-SHA256' },
				{ name: 'HMAC-SHA1', value: 'HMAC-SHA1' },
			],
			default: 'HMAC-SHA256',
			displayOptions: { show: { authType: ['oauth1'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the TLS certificate cannot be verified',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		if (credentials.allowUnauthorizedCerts === true) requestOptions.skipSslCertificateValidation = true;
		if (credentials.authType === 'bearer') {
			headers.Authorization = `Bearer ${String(credentials.bearerToken ?? '')}`;
			requestOptions.headers = headers;
			return requestOptions;
		}
		const url = absoluteUrlWithQuery(requestOptions);
		requestOptions.url = url;
		delete requestOptions.baseURL;
		delete requestOptions.qs;
		headers.Authorization = oauthAuthorizationHeader(requestOptions.method ?? 'GET', url, {
			consumerKey: String(credentials.consumerKey ?? ''),
			consumerSecret: String(credentials.consumerSecret ?? ''),
			accessToken: String(credentials.accessToken ?? ''),
			accessTokenSecret: String(credentials.accessTokenSecret ?? ''),
			signatureMethod: credentials.signatureMethod === 'HMAC-SHA1' ? 'HMAC-SHA1' : 'HMAC-SHA256',
		});
		requestOptions.headers = headers;
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}/rest/{{$credentials.storeCode}}',
			url: '/V1/orders?searchCriteria[pageSize]=1&searchCriteria[currentPage]=1',
			method: 'GET',
			skipSslCertificateValidation: '={{$credentials.allowUnauthorizedCerts}}' as unknown as boolean,
		},
	};
}
