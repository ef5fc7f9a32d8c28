import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { absoluteUrlWithQuery, oauthAuthorizationHeader } from './helpers/oauth1';

export class Magento2StoreApi implements ICredentialType {
	name = 'magento2StoreApi';

	displayName = 'Magento 2 Store API';

	icon: Icon = { light: 'file:icons/magento.svg', dark: 'file:icons/magento.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-sapb1-magento2/n8n-nodes-sapb1-magento2#magento-2-store-api-credential';

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
					description:
						'Signs each request with the integration keys. Works on every Magento version.',
				},
				{
					name: 'Bearer Token (Integration Access Token)',
					value: 'bearer',
					description:
						'Magento 2.4.4+ accepts it only when "Allow OAuth Access Tokens to be used as standalone Bearer tokens" is Yes (Stores > Configuration > Services > OAuth > Consumer Settings); up to 2.4.3 always',
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
				'Integration access token (System > Extensions > Integrations). Magento 2.4.4+ accepts it as a bearer token only with "Allow OAuth Access Tokens to be used as standalone Bearer tokens" set to Yes (oauth/consumer/enable_integration_as_bearer); otherwise use OAuth 1.0a.',
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
				{
					name: 'HMAC-SHA256',
					value: 'HMAC-SHA256',
					description: 'Every Magento 2 version; the only one 2.4.4 and later accept',
				},
				{
					name: 'HMAC-SHA1',
					value: 'HMAC-SHA1',
					description:
						'Only for stores before 2.4.4 (2.4.4+ answer "Signature method HMAC-SHA1 is not supported")',
				},
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
		if (credentials.allowUnauthorizedCerts === true)
			requestOptions.skipSslCertificateValidation = true;
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
			skipSslCertificateValidation:
				'={{$credentials.allowUnauthorizedCerts}}' as unknown as boolean,
		},
	};
}
