import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { Magento2StoreApi } from '../../../credentials/Magento2StoreApi.credentials';
import { failed, hostOf, isAnswer, ok, sendTestRequest } from '../../shared/http/credentialTest';
import { magentoErrorMessage } from '../transport/errors';
import { searchCriteriaQuery } from '../transport/searchCriteria';

const BEARER_SETTING =
	'Stores > Configuration > Services > OAuth > Consumer Settings > "Allow OAuth Access Tokens to be used as standalone Bearer tokens"';

/**
 * n8n's credential test for `magento2StoreApi`: reads one order, signed (OAuth 1.0a) or with the
 * bearer token as the nodes send it. Its messages say what to check.
 */
export async function magento2StoreConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as ICredentialDataDecryptedObject;
	const base = String(data.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const store = String(data.storeCode || 'default').trim();
	const bearer = data.authType === 'bearer';
	const url = `${base}/rest/${encodeURIComponent(store)}/V1/orders?${searchCriteriaQuery({ pageSize: 1, currentPage: 1 })}`;
	if (!/^https?:\/\//i.test(base) || !URL.canParse(url))
		return failed(
			`The Store URL "${base}" is not a URL starting with https:// (e.g. https://shop.example.com)`,
		);
	const signed = await new Magento2StoreApi().authenticate(data, { method: 'GET', url });
	const answer = await sendTestRequest(
		this,
		{
			method: 'GET',
			url: signed.url,
			headers: signed.headers as IDataObject,
			ignoreSslIssues: data.ignoreSslIssues === true,
		},
		'Magento store',
	);
	if (!isAnswer(answer)) return answer;
	// Magento's sentence without its final period: ours goes on after it.
	const magento = magentoErrorMessage(answer.body)?.replace(/[\s.]+$/, '');
	const said = magento ? `: ${magento}` : ` (HTTP ${answer.statusCode})`;
	const body = answer.body as { items?: unknown; total_count?: unknown } | undefined;
	if (answer.statusCode === 200 && Array.isArray(body?.items))
		return ok(`Connected to store view "${store}" (${String(body?.total_count ?? 0)} orders)`);
	if (answer.statusCode === 401 && bearer)
		return failed(
			`Magento refused the bearer token${said}. Magento 2.4.4 and later accept an integration's access token as a bearer token only when ${BEARER_SETTING} is Yes; otherwise choose OAuth 1.0a with the integration's four keys`,
		);
	if (answer.statusCode === 401)
		return failed(
			`Magento refused the credential${said}. Check the integration's consumer key and secret, access token and secret, that the integration is active, and that its API resources include Sales > Operations > Orders`,
		);
	if (answer.statusCode === 400)
		return failed(
			`Magento refused the request${said}. Check the consumer secret and access token secret (a wrong one makes the signature invalid) and the Signature Method (Magento 2.4.4 and later accept only HMAC-SHA256)`,
		);
	if (answer.statusCode === 403)
		return failed(
			`Magento refused access${said}: the integration's API resources must include Sales > Operations > Orders`,
		);
	if (answer.statusCode === 404)
		return failed(
			`${hostOf(base)} has no Magento REST API for store code "${store}" (HTTP 404${magento ? `: ${magento}` : ''}): check the Store URL (the part before /rest/, e.g. https://shop.example.com) and the Store Code ("default", "all" or a store view code)`,
		);
	return failed(
		`${url.split('?')[0]} did not answer like Magento's REST API (HTTP ${answer.statusCode}${magento ? `: ${magento}` : ''}): check the Store URL`,
	);
}
