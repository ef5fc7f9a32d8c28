/**
 * Credential tests that say what to check. n8n hands a node's credential test function only the
 * legacy `helpers.request` (n8n-core's CredentialTestContext), so the tests use it, with
 * `simple: false` to read every answer themselves; the messages name the URL's host, never a secret.
 */
import type {
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { outcomeOf } from '../outcome';

export interface TestAnswer {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

export interface TestRequest {
	method: 'GET' | 'POST';
	url: string;
	headers?: IDataObject;
	body?: IDataObject;
	ignoreSslIssues: boolean;
	timeoutMs?: number;
}

export const ok = (message: string): INodeCredentialTestResult => ({ status: 'OK', message });
export const failed = (message: string): INodeCredentialTestResult => ({
	status: 'Error',
	message,
});

/** `https://host:port` of a URL, for messages (no path, no query). */
export function hostOf(url: string): string {
	const parsed = URL.canParse(url) ? new URL(url) : undefined;
	return parsed ? `${parsed.protocol}//${parsed.host}` : url;
}

/** Sends the request; any HTTP status is an answer, a connection failure says what to check. */
export async function sendTestRequest(
	ctx: ICredentialTestFunctions,
	request: TestRequest,
	what: string,
): Promise<TestAnswer | INodeCredentialTestResult> {
	if (!/^https?:\/\//i.test(request.url) || !URL.canParse(request.url))
		return failed(
			`The ${what} URL "${request.url.replace(/\?.*$/, '')}" is not a URL starting with https:// or http://`,
		);
	const sent = await outcomeOf(
		async () =>
			(await ctx.helpers.request({
				method: request.method,
				uri: request.url,
				headers: request.headers,
				body: request.body,
				json: true,
				simple: false,
				resolveWithFullResponse: true,
				rejectUnauthorized: !request.ignoreSslIssues,
				timeout: request.timeoutMs ?? 20_000,
			})) as TestAnswer,
	);
	if (sent.ok) return sent.value;
	return failed(connectionProblem(sent.error, request.url, what));
}

/** Why no answer came, and what to check. */
export function connectionProblem(error: unknown, url: string, what: string): string {
	const e = error as { code?: string; cause?: { code?: string }; message?: string };
	const code = String(e?.code ?? e?.cause?.code ?? '');
	const host = hostOf(url);
	if (code === 'ECONNREFUSED')
		return `Nothing answers at ${host} (connection refused): check the host and port of the ${what} URL, and that the ${what} is running and reachable from n8n`;
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
		return `The host of ${host} was not found (${code}): check the ${what} URL`;
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED' || /timeout/i.test(e?.message ?? ''))
		return `No answer from ${host} in time: check the ${what} URL and that a firewall lets n8n through`;
	if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) || /certificate/i.test(e?.message ?? ''))
		return `The TLS certificate of ${host} is not trusted (${code || 'certificate error'}): install a trusted certificate, or turn on Ignore SSL Issues in the credential`;
	if (code === 'ECONNRESET' || code === 'EPROTO' || /wrong version number/i.test(e?.message ?? ''))
		return `The connection to ${host} was closed (${code || 'protocol error'}): check http:// versus https:// and the port of the ${what} URL`;
	return `Could not reach the ${what} at ${host}: ${code || e?.message || 'network error'}`;
}

export const isAnswer = (value: TestAnswer | INodeCredentialTestResult): value is TestAnswer =>
	typeof (value as TestAnswer).statusCode === 'number';
