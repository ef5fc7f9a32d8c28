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
			displayName: 'Session Cookie',
			name: 'sessionCookie',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Logs in once; n8n stores the session in the credential and calls this again after a 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = String(credentials.baseUrl).replace(/\/+$/, '');
		const response = (await this.helpers.httpRequest({
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
		return { sessionCookie };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			Cookie: String(credentials.sessionCookie ?? ''),
		};
		if (credentials.ignoreSslIssues === true) requestOptions.skipSslCertificateValidation = true;
		return requestOptions;
	}
}
