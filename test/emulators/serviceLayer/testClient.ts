/** A plain HTTP client (axios, no node code) for the Service Layer contract tests. */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { SlVersion } from './errors';
import type { ServiceLayerEmulator } from './index';

export interface SlTestClient {
	http: AxiosInstance;
	version: SlVersion;
	sessionId: string;
	cookie: string;
	get(path: string, headers?: Record<string, string>): Promise<AxiosResponse>;
	post(path: string, body?: unknown, headers?: Record<string, string>): Promise<AxiosResponse>;
	patch(path: string, body: unknown, headers?: Record<string, string>): Promise<AxiosResponse>;
	delete(path: string): Promise<AxiosResponse>;
}

/** Raw axios instance on a version's service root; never throws on HTTP status. */
export function rawClient(sl: ServiceLayerEmulator, version: SlVersion): AxiosInstance {
	return axios.create({
		baseURL: `${sl.baseUrl(version)}/`,
		validateStatus: () => true,
		proxy: false,
		transitional: { clarifyTimeoutError: true },
	});
}

export async function login(sl: ServiceLayerEmulator, version: SlVersion): Promise<SlTestClient> {
	const http = rawClient(sl, version);
	const res = await http.post('Login', {
		CompanyDB: sl.companyDb,
		UserName: sl.user,
		Password: sl.password,
	});
	if (res.status !== 200)
		throw new Error(`login failed: ${res.status} ${JSON.stringify(res.data)}`);
	const sessionId = res.data.SessionId as string;
	const cookie = `B1SESSION=${sessionId}; ROUTEID=.node1`;
	const h = (extra?: Record<string, string>) => ({ headers: { Cookie: cookie, ...extra } });
	return {
		http,
		version,
		sessionId,
		cookie,
		get: (path, headers) => http.get(path, h(headers)),
		post: (path, body, headers) => http.post(path, body, h(headers)),
		patch: (path, body, headers) => http.patch(path, body, h(headers)),
		delete: (path) => http.delete(path, h()),
	};
}

/** The error message of either envelope. */
export function errorMessage(data: unknown): string {
	const m = (data as { error?: { message?: unknown } })?.error?.message;
	return typeof m === 'string' ? m : String((m as { value?: string })?.value);
}

export function errorCode(data: unknown): number {
	return Number((data as { error?: { code?: unknown } })?.error?.code);
}
