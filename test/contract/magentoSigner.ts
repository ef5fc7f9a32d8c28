/**
 * Independent OAuth 1.0a (RFC 5849) signer for the Magento contract tests: written from the RFC, not from the
 * emulator. Query values must be percent-encoded with %20 (not '+'), as Magento rawurldecodes them.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface OAuthCreds {
	consumerKey: string;
	consumerSecret: string;
	accessToken: string;
	accessTokenSecret: string;
}

const enc = (s: string) =>
	encodeURIComponent(s).replace(
		/[!'()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);

export function oauthHeader(
	method: string,
	url: string,
	creds: OAuthCreds,
	opts: {
		signatureMethod?: 'HMAC-SHA256' | 'HMAC-SHA1';
		nonce?: string;
		timestamp?: number;
		formBody?: Record<string, string>;
	} = {},
): string {
	const u = new URL(url);
	const signatureMethod = opts.signatureMethod ?? 'HMAC-SHA256';
	const oauth: Record<string, string> = {
		oauth_consumer_key: creds.consumerKey,
		oauth_nonce: opts.nonce ?? randomBytes(16).toString('hex'),
		oauth_signature_method: signatureMethod,
		oauth_timestamp: String(opts.timestamp ?? Math.floor(Date.now() / 1000)),
		oauth_token: creds.accessToken,
		oauth_version: '1.0',
	};
	const pairs: Array<[string, string]> = Object.entries(oauth);
	for (const part of u.search.slice(1).split('&').filter(Boolean)) {
		const [k, v = ''] = part.split('=');
		pairs.push([decodeURIComponent(k), decodeURIComponent(v)]);
	}
	for (const [k, v] of Object.entries(opts.formBody ?? {})) pairs.push([k, v]);
	const normalized = pairs
		.map(([k, v]) => [enc(k), enc(v)])
		.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	const baseUrl = `${u.protocol}//${u.host}${u.pathname}`;
	const base = `${method.toUpperCase()}&${enc(baseUrl)}&${enc(normalized)}`;
	const key = `${enc(creds.consumerSecret)}&${enc(creds.accessTokenSecret)}`;
	const signature = createHmac(signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256', key)
		.update(base)
		.digest('base64');
	return (
		'OAuth ' +
		Object.entries({ ...oauth, oauth_signature: signature })
			.map(([k, v]) => `${k}="${enc(v)}"`)
			.join(',')
	);
}

/** searchCriteria query string from a plain description, encoded with %20. */
export function searchCriteria(sc: {
	groups?: Array<Array<{ field: string; value?: string; condition_type?: string }>>;
	sort?: Array<{ field: string; direction?: 'ASC' | 'DESC' }>;
	pageSize?: number;
	currentPage?: number;
}): string {
	const parts: string[] = [];
	const add = (k: string, v: string | number) =>
		parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
	(sc.groups ?? []).forEach((g, gi) =>
		g.forEach((f, fi) => {
			const p = `searchCriteria[filter_groups][${gi}][filters][${fi}]`;
			add(`${p}[field]`, f.field);
			if (f.value !== undefined) add(`${p}[value]`, f.value);
			if (f.condition_type) add(`${p}[condition_type]`, f.condition_type);
		}),
	);
	(sc.sort ?? []).forEach((s, i) => {
		add(`searchCriteria[sortOrders][${i}][field]`, s.field);
		add(`searchCriteria[sortOrders][${i}][direction]`, s.direction ?? 'ASC');
	});
	if (sc.pageSize !== undefined) add('searchCriteria[pageSize]', sc.pageSize);
	if (sc.currentPage !== undefined) add('searchCriteria[currentPage]', sc.currentPage);
	return parts.length ? parts.join('&') : 'searchCriteria=';
}
