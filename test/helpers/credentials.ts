/**
 * Credential data for the emulated systems, as the package's credentials store it. Used by the
 * node tests (in-process stand-in) and by the end-to-end tests and the demo (imported into n8n).
 */
import type { ICredentialType, IDataObject } from 'n8n-workflow';
import type { MagentoEmulator } from '../emulators/magento';
import type { ServiceLayerEmulator } from '../emulators/serviceLayer';
import type { SqlServerEmulator } from '../emulators/tds';

/** `sapB1ServiceLayerApi` data for the emulated Service Layer (no session yet). */
export function serviceLayerCredential(
	sl: ServiceLayerEmulator,
	version: 'v1' | 'v2' = 'v2',
): IDataObject {
	return {
		baseUrl: sl.baseUrl(version),
		companyDb: sl.companyDb,
		username: sl.user,
		password: sl.password,
		ignoreSslIssues: false,
		sessionToken: '',
	};
}

export type MagentoAuth = 'oauth256' | 'oauth1' | 'bearer';

/** `magento2StoreApi` data for the emulated store: OAuth 1.0a (HMAC-SHA256 or -SHA1) or the integration token as Bearer. */
export function magentoCredential(
	m: MagentoEmulator,
	auth: MagentoAuth = 'oauth256',
	storeCode = 'default',
): IDataObject {
	const c = m.credentials;
	if (auth === 'bearer')
		return { baseUrl: m.url, storeCode, authType: 'bearer', bearerToken: c.bearerToken };
	return {
		baseUrl: m.url,
		storeCode,
		authType: 'oauth1',
		consumerKey: c.consumerKey,
		consumerSecret: c.consumerSecret,
		accessToken: c.accessToken,
		accessTokenSecret: c.accessTokenSecret,
		signatureMethod: auth === 'oauth1' ? 'HMAC-SHA1' : 'HMAC-SHA256',
	};
}

/** `sapB1SqlServerApi` data for the TDS test server (plain TDS, no TLS). */
export function sqlServerCredential(db: SqlServerEmulator, over: IDataObject = {}): IDataObject {
	return {
		server: db.host,
		port: db.port,
		database: db.config.database,
		user: db.config.user,
		password: db.config.password,
		encrypt: false,
		ignoreSslIssues: true,
		connectionTimeout: 5000,
		...over,
	};
}

/**
 * n8n's own Redis credential type (`redis`, from n8n-nodes-base: password, user, host, port,
 * database, ssl, disableTlsVerification), which the package's coordination options use. The node
 * tests need its definition; n8n provides it at run time.
 */
export const redisCredentialType: ICredentialType = {
	name: 'redis',
	displayName: 'Redis',
	properties: [
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'User', name: 'user', type: 'string', default: '' },
		{ displayName: 'Host', name: 'host', type: 'string', default: 'localhost' },
		{ displayName: 'Port', name: 'port', type: 'number', default: 6379 },
		{ displayName: 'Database Number', name: 'database', type: 'number', default: 0 },
		{ displayName: 'SSL', name: 'ssl', type: 'boolean', default: false },
		{
			displayName: 'Disable TLS Verification (insecure)',
			name: 'disableTlsVerification',
			type: 'boolean',
			displayOptions: { show: { ssl: [true] } },
			default: false,
		},
	],
};

/** The Redis credential for a test redis-server on `port`. */
export const redisCredential = (port: number) => ({ host: '127.0.0.1', port, database: 0 });
