import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { failed, hostOf, isAnswer, ok, sendTestRequest } from '../../../shared/http/credentialTest';
import { sessionCookieFromHeaders } from '../../../../credentials/SapB1ServiceLayerApi.credentials';
import { formatSapError, parseSapError } from '../transport/errors';

/**
 * n8n's credential test for `sapB1ServiceLayerApi`: a real `POST /Login` with the data as entered
 * (never a session stored earlier), then `POST /Logout`. Its messages say what to check.
 */
export async function sapB1ServiceLayerLoginTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as ICredentialDataDecryptedObject;
	const root = String(data.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const ignoreSslIssues = data.ignoreSslIssues === true;
	const companyDb = String(data.companyDb ?? '');
	const answer = await sendTestRequest(
		this,
		{
			method: 'POST',
			url: `${root}/Login`,
			body: { CompanyDB: companyDb, UserName: data.username, Password: data.password },
			ignoreSslIssues,
		},
		'Service Layer',
	);
	if (!isAnswer(answer)) return answer;
	// SAP's own error (an envelope with a code), e.g. "SAP error 100000027: Login failed".
	const info = parseSapError(answer.statusCode, answer.body);
	const sap = info.code !== undefined ? formatSapError(info) : undefined;
	if (answer.statusCode === 404)
		return failed(
			`${hostOf(root)} has no Service Layer login at ${new URL(`${root}/Login`).pathname} (HTTP 404): the Service Layer URL ends with its version, e.g. https://b1server:50000/b1s/v2 (or /b1s/v1)`,
		);
	if (answer.statusCode === 401 || (answer.statusCode === 400 && sap))
		return failed(
			`SAP refused the login${sap ? `: ${sap}` : ` (HTTP ${answer.statusCode})`}. Check the Company Database ("${companyDb}"), the User and the Password; the user must be allowed to use the Service Layer`,
		);
	const body = answer.body as { SessionId?: unknown; Version?: unknown } | undefined;
	const cookie =
		sessionCookieFromHeaders(answer.headers['set-cookie'] as string | string[] | undefined) ||
		(body?.SessionId ? `B1SESSION=${String(body.SessionId)}` : '');
	if (answer.statusCode < 200 || answer.statusCode >= 300 || !cookie)
		return failed(
			`${root}/Login did not answer like a Service Layer (HTTP ${answer.statusCode}${sap ? `: ${sap}` : ''}): check the Service Layer URL, e.g. https://b1server:50000/b1s/v2`,
		);
	// The test's session is not needed: give it back (a Service Layer counts open sessions).
	await sendTestRequest(
		this,
		{ method: 'POST', url: `${root}/Logout`, headers: { Cookie: cookie }, ignoreSslIssues },
		'Service Layer',
	);
	return ok(
		`Logged in to company ${companyDb}${body?.Version ? ` (Service Layer ${String(body.Version)})` : ''}`,
	);
}
