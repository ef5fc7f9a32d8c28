/**
 * OAuth 1.0a request signing (RFC 5849) as Magento 2 verifies it: HMAC-SHA256 (or HMAC-SHA1 on
 * stores before 2.4.4) over the method, the URL without query, and all oauth and query parameters.
 * Used by the Magento 2 Store credential's `authenticate`; the tests sign with it too.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

export type OAuthSignatureMethod = 'HMAC-SHA256' | 'HMAC-SHA1';

/** RFC 3986 percent-encoding as OAuth 1.0a (RFC 5849 §3.6) requires: only A-Z a-z 0-9 - . _ ~ stay. */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
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
	return text
		.split('&')
		.filter(Boolean)
		.map((part) => {
			const eq = part.indexOf('=');
			return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
		});
}

/** `scheme://host[:port]/path` as RFC 5849 §3.4.1.2 wants it: lower-case, default ports dropped, no query. */
export function oauthBaseUrl(url: string): string {
	const u = new URL(url);
	const defaultPort =
		(u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443');
	const host = u.hostname.toLowerCase() + (u.port && !defaultPort ? `:${u.port}` : '');
	return `${u.protocol.toLowerCase()}//${host}${u.pathname}`;
}

/** The signature base string of RFC 5849 §3.4.1: METHOD&enc(base URL)&enc(sorted, encoded parameters). */
export function oauthBaseString(
	method: string,
	url: string,
	params: Array<[string, string]>,
): string {
	const normalized = params
		.map(([k, v]) => [percentEncode(k), percentEncode(v)] as [string, string])
		.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	return [method.toUpperCase(), percentEncode(oauthBaseUrl(url)), percentEncode(normalized)].join(
		'&',
	);
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
	const base = oauthBaseString(method, url, [
		...oauth,
		...queryPairs(new URL(url).search),
		...extraParams,
	]);
	const signature = oauthSignature(
		base,
		keys.consumerSecret,
		keys.accessTokenSecret,
		keys.signatureMethod,
	);
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
