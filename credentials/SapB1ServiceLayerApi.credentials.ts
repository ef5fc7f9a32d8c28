import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * Tested by the SAP B1 nodes (`methods.credentialTest.sapB1ServiceLayerLoginTest`): a real login
 * with the data as entered. (A declarative test request would reuse a session stored by earlier
 * runs, since n8n logs in during a test only when the stored session is empty, and so pass with a
 * wrong password.)
 */
/** Turns the Set-Cookie headers of a Service Layer login into one Cookie header value. */
export function sessionCookieFromHeaders(setCookie: string | string[] | undefined): string {
	const cookies = (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [])
		.map((c) => c.split(';')[0].trim())
		.filter((c) => /^(B1SESSION|ROUTEID)=/i.test(c));
	return cookies.join('; ');
}

export class SapB1ServiceLayerApi implements ICredentialType {
	name = 'sapB1ServiceLayerApi';

	displayName = 'SAP B1 Service Layer API';

	icon: Icon = { light: 'file:icons/sapb1.svg', dark: 'file:icons/sapb1.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-sapb1-magento2/n8n-nodes-sapb1-magento2#sap-b1-service-layer-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Layer URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://b1server:50000/b1s/v2',
			description:
				'Service Layer root including the version: /b1s/v2 (OData v4, recommended) or /b1s/v1 (OData v3)',
			required: true,
		},
		{
			displayName: 'Company Database',
			name: 'companyDb',
			type: 'string',
			default: '',
			placeholder: 'SBODEMOUS',
			description: 'The company database (schema) to log in to',
			required: true,
		},
		{
			displayName: 'User',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'manager',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the TLS certificate cannot be verified. The Service Layer ships a self-signed certificate; prefer installing a trusted one.',
		},
		{
			displayName: 'Sessions',
			name: 'sessions',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 16 },
			default: 1,
			description:
				'How many Service Layer sessions to open (one login each, reused across executions) and spread parallel requests over. More than 1 helps when your Service Layer serves the requests of one session one at a time; each session is a licence-using login.',
		},
		{
			// The pool's B1SESSION cookies. A password field, so n8n never sends it to the editor.
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Logs in (once per session of the pool); n8n stores the sessions in the credential and calls
	 * this again after a 401.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const count = sessionCount(credentials);
		const cookies = await Promise.all(
			Array.from({ length: count }, async () => await login(this, credentials)),
		);
		return { sessionToken: cookies.join(SESSION_SEPARATOR) };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, unknown>;
		// The client names the session of the pool a request goes with; SAP never sees this header.
		const slot = Number(headers[SESSION_SLOT_HEADER] ?? 0) || 0;
		delete headers[SESSION_SLOT_HEADER];
		const sessions = String(credentials.sessionToken ?? '').split(SESSION_SEPARATOR);
		headers.Cookie = sessions[slot % sessions.length] ?? '';
		requestOptions.headers = headers as IHttpRequestOptions['headers'];
		if (credentials.ignoreSslIssues === true) requestOptions.skipSslCertificateValidation = true;
		return requestOptions;
	}
}

/** The header by which the client picks a session of the pool (removed before sending). */
export const SESSION_SLOT_HEADER = 'X-N8n-Sapb1-Session';
const SESSION_SEPARATOR = '\n';

export function sessionCount(credentials: ICredentialDataDecryptedObject): number {
	const n = Math.floor(Number(credentials.sessions));
	return Number.isFinite(n) ? Math.max(1, Math.min(16, n)) : 1;
}

async function login(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const baseUrl = String(credentials.baseUrl).replace(/\/+$/, '');
	const response = (await helper.helpers.httpRequest({
		method: 'POST',
		url: `${baseUrl}/Login`,
		body: {
			CompanyDB: credentials.companyDb,
			UserName: credentials.username,
			Password: credentials.password,
		},
		json: true,
		returnFullResponse: true,
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
	})) as { headers: Record<string, string | string[] | undefined>; body: { SessionId?: string } };
	let sessionCookie = sessionCookieFromHeaders(response.headers['set-cookie']);
	if (!sessionCookie && response.body?.SessionId)
		sessionCookie = `B1SESSION=${response.body.SessionId}`;
	return sessionCookie;
}
