/**
 * OAuth 1.0a request verification as Magento does it (Framework\Oauth\Oauth, Framework\Oauth\Helper\Request,
 * Integration\Model\Oauth\TokenProvider and Nonce\Generator), including its quirks:
 * - protocol parameters come from the `Authorization: OAuth ...` header (names and values rawurldecoded);
 * - query parameters are split on '&' and '=' and rawurldecoded (a '+' stays a '+'; a pair without exactly one
 *   '=' is left out; a repeated name keeps its last value);
 * - form-urlencoded bodies add their parameters; JSON bodies are not signed;
 * - base URL is scheme://Host-header/path (query stripped, scheme and host lower-cased, default port dropped);
 * - the nonce is recorded before the signature is checked, and Magento refuses only timestamps more than
 *   600 s in the future (old timestamps pass unless `maxTimestampAgeSeconds` is set).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest, MagentoHttpError, unauthorized } from './errors';
import type { MagentoIntegration } from './types';

export type SignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

/** RFC 3986 encoding, as PHP's rawurlencode (and Laminas OAuth's urlEncode). */
export function percentEncode(s: string): string {
	return encodeURIComponent(s).replace(
		/[!'()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
}

function rawUrlDecode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

export function signatureBaseString(
	method: string,
	baseUrl: string,
	params: Record<string, string>,
): string {
	const encoded = Object.entries(params)
		.filter(([k]) => k !== 'oauth_signature')
		.map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
		.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	return [method.toUpperCase(), percentEncode(baseUrl), percentEncode(encoded)].join('&');
}

export function hmacSign(
	signatureMethod: SignatureMethod,
	base: string,
	consumerSecret: string,
	tokenSecret: string,
): string {
	const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
	return createHmac(signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256', key)
		.update(base)
		.digest('base64');
}

/** Laminas' normaliseBaseSignatureUrl: lower-case scheme and host, drop the default port, no query. */
export function normaliseBaseUrl(scheme: string, hostHeader: string, path: string): string {
	let host = hostHeader.toLowerCase();
	if ((scheme === 'http' && host.endsWith(':80')) || (scheme === 'https' && host.endsWith(':443')))
		host = host.replace(/:\d+$/, '');
	return `${scheme.toLowerCase()}://${host}${path}`;
}

const isProtocolParam = (name: string) => /^oauth_/.test(name) || name === 'realm';

export function parseOAuthHeader(header: string): Record<string, string> | null {
	if (!/^oauth\s/i.test(header)) return null;
	const out: Record<string, string> = {};
	for (const part of header.slice(6).split(',')) {
		const eq = part.trim().indexOf('=');
		if (eq < 0) continue;
		const name = part.trim().slice(0, eq);
		const value = part.trim().slice(eq + 1);
		if (isProtocolParam(name))
			out[rawUrlDecode(name)] = rawUrlDecode(value.replace(/^"+|"+$/g, ''));
	}
	delete out.realm;
	return out;
}

export interface OAuthRequest {
	method: string;
	scheme: string;
	host: string;
	/** Raw path as sent (no query). */
	path: string;
	/** Raw query string (without '?'), '' when none. */
	query: string;
	authorization?: string;
	contentType?: string;
	rawBody: string;
}

/** Collects the signed parameters exactly as Magento's Oauth\Helper\Request::prepareRequest does; null when not an OAuth request. */
export function collectParams(req: OAuthRequest): Record<string, string> | null {
	const fromHeader = req.authorization ? parseOAuthHeader(req.authorization) : null;
	const params: Record<string, string> = { ...(fromHeader ?? {}) };
	if (
		req.contentType &&
		req.contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')
	) {
		const headerSet = fromHeader !== null && Object.keys(fromHeader).length > 0;
		for (const [k, v] of new URLSearchParams(req.rawBody))
			if (!isProtocolParam(k) || !headerSet) params[k] = v;
	}
	const protocolSet = Object.keys(params).some(isProtocolParam);
	for (const pair of req.query ? req.query.split('&') : []) {
		const parts = pair.split('=');
		if (parts.length !== 2) continue;
		const name = rawUrlDecode(parts[0]);
		if (!isProtocolParam(parts[0])) params[name] = rawUrlDecode(parts[1]);
		else if (!protocolSet) params[name] = rawUrlDecode(parts[1]);
	}
	return Object.keys(params).some((k) => k.startsWith('oauth_')) ? params : null;
}

export interface OAuthVerifierOptions {
	integration: () => MagentoIntegration;
	signatureMethods: () => SignatureMethod[];
	now: () => Date;
	maxTimestampAgeSeconds: () => number | undefined;
}

/** Verifies signed requests and remembers used nonces per consumer. */
export class OAuthVerifier {
	private nonces = new Set<string>();
	constructor(private readonly opts: OAuthVerifierOptions) {}

	reset(): void {
		this.nonces.clear();
	}

	/** Returns the consumer id, or throws Magento's error. */
	verify(req: OAuthRequest, params: Record<string, string>): number {
		const integ = this.opts.integration();
		if (params.oauth_version !== undefined && params.oauth_version !== '1.0') {
			throw badRequest('The "%1" Oauth version isn\'t supported.', [params.oauth_version]);
		}
		const required = [
			'oauth_consumer_key',
			'oauth_signature',
			'oauth_signature_method',
			'oauth_nonce',
			'oauth_timestamp',
			'oauth_token',
		];
		const missing = required.filter((r) => params[r] === undefined);
		if (missing.length === 1)
			throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: missing[0] });
		if (missing.length > 1) {
			throw new MagentoHttpError(400, {
				message: 'One or more input exceptions have occurred.',
				errors: missing.map((fieldName) => ({
					message: '"%fieldName" is required. Enter and try again.',
					parameters: { fieldName },
				})),
			});
		}
		if (params.oauth_token.length !== 32)
			throw badRequest('The token length is invalid. Check the length and try again.');
		const method = params.oauth_signature_method as SignatureMethod;
		if (!this.opts.signatureMethods().includes(method))
			throw badRequest('Signature method %1 is not supported', [params.oauth_signature_method]);
		if (params.oauth_consumer_key.length !== 32)
			throw unauthorized('Consumer key is not the correct length');
		if (params.oauth_consumer_key !== integ.consumerKey)
			throw unauthorized('A consumer having the specified key does not exist');

		const ts = parseInt(params.oauth_timestamp, 10) || 0;
		const nowS = Math.floor(this.opts.now().getTime() / 1000);
		const maxAge = this.opts.maxTimestampAgeSeconds();
		if (ts <= 0 || ts > nowS + 600 || (maxAge !== undefined && nowS - ts > maxAge)) {
			// Magento's Nonce\Generator wraps its own "Incorrect timestamp" input exception in this message.
			throw unauthorized('An error occurred validating the nonce');
		}
		const nonceKey = `${integ.consumerId}:${params.oauth_nonce}`;
		if (this.nonces.has(nonceKey))
			throw unauthorized('The nonce is already being used by the consumer with ID %1', [
				integ.consumerId,
			]);
		this.nonces.add(nonceKey);

		if (params.oauth_token !== integ.accessToken) {
			throw unauthorized(
				params.oauth_token.length === 32
					? 'Specified token does not exist'
					: 'The token length is invalid. Check the length and try again.',
			);
		}
		const base = signatureBaseString(
			req.method,
			normaliseBaseUrl(req.scheme, req.host, req.path),
			params,
		);
		const expected = Buffer.from(
			hmacSign(method, base, integ.consumerSecret, integ.accessTokenSecret),
		);
		const got = Buffer.from(params.oauth_signature);
		if (expected.length !== got.length || !timingSafeEqual(expected, got))
			throw unauthorized('The signature is invalid. Verify and try again.');
		return integ.consumerId;
	}
}
