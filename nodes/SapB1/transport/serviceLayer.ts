/**
 * The one way this package talks to the SAP Business One Service Layer (v1 = OData v3 and
 * v2 = OData v4). Every request goes through n8n's `httpRequestWithAuthentication` with the
 * `sapB1ServiceLayerApi` credential, which logs in and keeps the session cookie.
 *
 * - Retries with back-off on 429, 5xx, timeouts and connection resets; never on 4xx business errors.
 * - One login per run: the first request of a run goes alone, the others wait for it; when the
 *   session expires mid-run, one request re-logs in (through n8n's 401 handling) and the others
 *   that failed with the same old session simply send again.
 * - Errors become NodeApiError built from a plain object (SAP's code and text; never the request's
 *   cookie or the password).
 */
import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { describeHttpFailure, isTransient, mayHaveCommitted, type HttpFailure } from '../../shared/httpError';
import { DEFAULT_RETRY, withRetry, type RetryOptions } from '../../shared/retry';
import { formatSapError, parseSapError } from './sapError';

export const SL_CREDENTIAL = 'sapB1ServiceLayerApi';

export type SlContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface SlSettings {
	/** Further attempts after the first on 429 / 5xx / network errors (default 4). */
	retries: number;
	/** First back-off delay in ms; doubles per attempt (default 500). */
	retryDelayMs: number;
	/** Per-request timeout in ms (default 60 000). */
	timeoutMs: number;
}

export const DEFAULT_SL_SETTINGS: SlSettings = { retries: DEFAULT_RETRY.retries, retryDelayMs: DEFAULT_RETRY.baseDelayMs, timeoutMs: 60_000 };

export interface SlRequestOptions {
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: Record<string, string>;
	/** Input item this request is made for (goes into the error). */
	itemIndex?: number;
	/** Overrides the run's timeout for this request. */
	timeout?: number;
	/** `false`: a single attempt (for writes the caller makes safe itself); or overrides. */
	retry?: false | Partial<RetryOptions>;
	/** Prefix for the error message, e.g. "Web order 000000101". */
	errorContext?: string;
}

export interface SlResponse {
	status: number;
	body: any;
	headers: Record<string, unknown>;
}

/** What a failed Service Layer call told us; carried by ServiceLayerError. */
export interface SlFailure extends HttpFailure {
	/** SAP's error code ("-10", "-5002", "301", ...). */
	sapCode?: string;
	/** SAP's error text (or a description of an empty / HTML answer). */
	sapText?: string;
}

/** NodeApiError thrown by the transport, with the parsed failure for callers that branch on it. */
export class ServiceLayerError extends NodeApiError {
	slFailure: SlFailure = { message: "" };
}

interface RunState {
	settings: SlSettings;
	root?: Promise<string>;
	/** Set once a request of this run has succeeded: later requests need not wait. */
	open: boolean;
	/** The run's first request, while it is in flight (others wait for it). */
	first?: Promise<void>;
	/** Increases each time a request of this run has re-logged in. */
	sessionGeneration: number;
	relogin?: Promise<void>;
}

const runs = new WeakMap<object, RunState>();

function runState(ctx: SlContext): RunState {
	let state = runs.get(ctx);
	if (!state) {
		state = { settings: { ...DEFAULT_SL_SETTINGS }, open: false, sessionGeneration: 0 };
		runs.set(ctx, state);
	}
	return state;
}

/** Sets retries, back-off and timeout for all Service Layer requests of this execution. */
export function configureServiceLayer(ctx: SlContext, settings: Partial<SlSettings>): void {
	const state = runState(ctx);
	for (const [key, value] of Object.entries(settings) as [keyof SlSettings, number | undefined][])
		if (typeof value === 'number' && Number.isFinite(value) && value >= 0) state.settings[key] = value;
}

/** The service root from the credential, e.g. `https://b1:50000/b1s/v2` (no trailing slash). */
export async function slServiceRoot(ctx: SlContext): Promise<string> {
	const state = runState(ctx);
	state.root ??= ctx
		.getCredentials(SL_CREDENTIAL)
		.then((c) => String(c.baseUrl ?? '').trim().replace(/\/+$/, ''));
	return await state.root;
}

/** 'v1' (OData v3) or 'v2' (OData v4), read from the credential's URL (default v2). */
export async function slVersion(ctx: SlContext): Promise<'v1' | 'v2'> {
	return /\/b1s\/v1(\/|$)/i.test(await slServiceRoot(ctx)) ? 'v1' : 'v2';
}

/** Resolves a path (`/Orders`, `Orders(1)`) or a next link (absolute URL, `/b1s/v1/...`, `Orders?$skip=20`). */
export function resolveSlUrl(root: string, pathOrUrl: string): string {
	if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
	if (/^\/b1s\//i.test(pathOrUrl)) return new URL(pathOrUrl, `${root}/`).toString();
	return new URL(`${root}/${pathOrUrl.replace(/^\/+/, '')}`).toString();
}

class HttpStatusError extends Error {
	constructor(
		public response: { status: number; data: unknown },
		public headers: Record<string, unknown>,
	) {
		super(`HTTP ${response.status}`);
	}
}

async function callHelper(ctx: SlContext, request: IHttpRequestOptions): Promise<SlResponse> {
	const res = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, SL_CREDENTIAL, request)) as {
		body: unknown;
		headers: Record<string, unknown>;
		statusCode: number;
	};
	return { status: res.statusCode, body: res.body, headers: res.headers ?? {} };
}

/**
 * One attempt. Sent with `ignoreHttpStatusErrors` so that we see 401s ourselves: the first
 * request to see one sends again without it, so n8n logs in again (preAuthentication) and stores
 * the new session; the others wait for that and send again with the new session.
 */
async function sendOnce(ctx: SlContext, state: RunState, request: IHttpRequestOptions, depth = 0): Promise<SlResponse> {
	const generation = state.sessionGeneration;
	let res = await callHelper(ctx, { ...request, ignoreHttpStatusErrors: true, returnFullResponse: true });
	if (res.status === 401 && depth < 3) {
		if (state.sessionGeneration !== generation) return await sendOnce(ctx, state, request, depth + 1);
		if (state.relogin) {
			await state.relogin;
			return await sendOnce(ctx, state, request, depth + 1);
		}
		let done!: () => void;
		state.relogin = new Promise<void>((resolve) => (done = resolve));
		try {
			// A 401 means SAP did not process the request, so sending it again is safe.
			res = await callHelper(ctx, { ...request, returnFullResponse: true });
			state.sessionGeneration++;
		} finally {
			state.relogin = undefined;
			done();
		}
	}
	if (res.status >= 400) throw new HttpStatusError({ status: res.status, data: res.body }, res.headers);
	return res;
}

function retryAfter(headers: Record<string, unknown> | undefined): number | undefined {
	const value = headers?.['retry-after'];
	const seconds = Number(Array.isArray(value) ? value[0] : value);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** Turns any failure of a Service Layer call into a ServiceLayerError (NodeApiError from a plain object). */
export function toServiceLayerError(
	ctx: SlContext,
	error: unknown,
	info: { method: string; path: string; itemIndex?: number; errorContext?: string },
): ServiceLayerError {
	if (error instanceof ServiceLayerError) return error;
	const failure: SlFailure = describeHttpFailure(error);
	let text: string;
	if (failure.status !== undefined) {
		const sap = parseSapError(failure.status, failure.body);
		failure.sapCode = sap.code;
		failure.sapText = sap.text;
		text = formatSapError(sap);
		if (failure.status === 401 && /\/Login$/i.test(info.path) === false && sap.code === '100000027')
			text = `Login to the Service Layer failed: ${sap.text}`;
	} else if (failure.code) {
		text = `Could not reach the Service Layer (${failure.code === 'ETIMEDOUT' || failure.code === 'ECONNABORTED' ? 'timed out' : 'connection failed or reset'})`;
	} else {
		text = 'Service Layer request failed';
	}
	const pathOnly = info.path.replace(/^https?:\/\/[^/]+/i, '').split('?')[0];
	const message = info.errorContext ? `${info.errorContext}: ${text}` : text;
	const description = `${info.method} ${pathOnly}${failure.status ? ` answered HTTP ${failure.status}` : ` failed (${failure.code ?? 'network error'})`}`;
	const plain: JsonObject = { message, description };
	if (failure.status !== undefined) plain.httpCode = String(failure.status);
	if (failure.sapCode !== undefined) plain.sapCode = failure.sapCode;
	const apiError = new ServiceLayerError(ctx.getNode(), plain, {
		message,
		description,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex: info.itemIndex,
	});
	apiError.message = message; // n8n replaces messages that mention common network codes
	apiError.slFailure = { status: failure.status, code: failure.code, message, sapCode: failure.sapCode, sapText: failure.sapText };
	return apiError;
}

/** The parsed failure of an error thrown by `slRequest` (or any other error). */
export function slFailureOf(error: unknown): SlFailure {
	if (error instanceof ServiceLayerError) return error.slFailure;
	return describeHttpFailure(error);
}

/** Whether a failed write may nevertheless have been committed by SAP (timeout, reset, 500/502/504). */
export function slMayHaveCommitted(error: unknown): boolean {
	return mayHaveCommitted(slFailureOf(error));
}

/** Whether another attempt may succeed (429, 5xx, network errors). */
export function slIsTransient(error: unknown): boolean {
	return isTransient(slFailureOf(error));
}

/** Sends one request with the run's retry policy and returns the full response. */
export async function slRequestFull(
	ctx: SlContext,
	method: IHttpRequestMethods,
	path: string,
	options: SlRequestOptions = {},
): Promise<SlResponse> {
	const state = runState(ctx);
	const { settings } = state;
	const url = resolveSlUrl(await slServiceRoot(ctx), path);
	const request: IHttpRequestOptions = {
		method,
		url,
		qs: options.qs,
		headers: { ...(options.headers ?? {}) },
		json: true,
		timeout: options.timeout ?? settings.timeoutMs,
	};
	if (options.body !== undefined) request.body = options.body;
	const retry: RetryOptions =
		options.retry === false
			? { retries: 0, baseDelayMs: 0 }
			: {
					retries: settings.retries,
					baseDelayMs: settings.retryDelayMs,
					maxDelayMs: Math.max(settings.retryDelayMs * 20, 1000),
					...(options.retry ?? {}),
				};
	const attempt = async () => {
		try {
			return await withRetry(() => sendOnce(ctx, state, request), {
				...retry,
				shouldRetry: retry.shouldRetry ?? ((failure, error) => {
					const seconds = retryAfter((error as HttpStatusError).headers);
					if (seconds !== undefined && failure.body && typeof failure.body === 'object')
						(failure.body as IDataObject).retryAfter ??= Math.min(seconds, 5);
					return isTransient(failure);
				}),
			});
		} catch (error) {
			throw toServiceLayerError(ctx, error, { method, path: url, itemIndex: options.itemIndex, errorContext: options.errorContext });
		}
	};
	// The run's first request goes alone, so parallel requests don't each log in.
	for (;;) {
		if (state.open) return await attempt();
		if (!state.first) {
			const result = attempt();
			state.first = result.then(
				() => {
					state.open = true;
				},
				(error: unknown) => {
					// An answer from SAP (other than 401) means the session is established.
					const status = slFailureOf(error).status;
					if (status !== undefined && status !== 401) state.open = true;
					else state.first = undefined;
				},
			);
			return await result;
		}
		await state.first;
	}
}

/** Sends one request and returns the parsed body (undefined for 204). */
export async function slRequest<T = any>(
	ctx: SlContext,
	method: IHttpRequestMethods,
	path: string,
	options: SlRequestOptions = {},
): Promise<T> {
	const res = await slRequestFull(ctx, method, path, options);
	return (res.body === '' ? undefined : res.body) as T;
}

export interface SlGetAllOptions {
	qs?: IDataObject;
	/** Page size asked for with `Prefer: odata.maxpagesize` (the server default is 20). */
	pageSize?: number;
	/** Stop after this many records (all when absent). */
	limit?: number;
	itemIndex?: number;
	errorContext?: string;
}

/** The next-page link of a collection answer (v1 `odata.nextLink`, v2 `@odata.nextLink`). */
export function nextLinkOf(body: IDataObject | undefined): string | undefined {
	const link = body?.['@odata.nextLink'] ?? body?.['odata.nextLink'];
	return typeof link === 'string' && link ? link : undefined;
}

/** Reads a collection, following next links, until the end or `limit` records. */
export async function slGetAll(ctx: SlContext, path: string, options: SlGetAllOptions = {}): Promise<IDataObject[]> {
	const root = await slServiceRoot(ctx);
	const records: IDataObject[] = [];
	const limit = options.limit !== undefined && options.limit >= 0 ? options.limit : undefined;
	let pageSize = options.pageSize;
	if (limit !== undefined && limit > 0 && (pageSize === undefined || limit < pageSize)) pageSize = limit;
	const headers: Record<string, string> = {};
	if (pageSize) headers.Prefer = `odata.maxpagesize=${pageSize}`;
	if (limit === 0) return records;
	let url: string | undefined = path;
	let qs: IDataObject | undefined = options.qs;
	const seen = new Set<string>();
	while (url) {
		const body: IDataObject = await slRequest(ctx, 'GET', url, {
			qs,
			headers,
			itemIndex: options.itemIndex,
			errorContext: options.errorContext,
		});
		const page = Array.isArray(body?.value) ? (body.value as IDataObject[]) : [];
		for (const record of page) {
			records.push(record);
			if (limit !== undefined && records.length >= limit) return records;
		}
		const next = nextLinkOf(body);
		if (!next || page.length === 0) break;
		url = resolveSlUrl(root, next);
		if (seen.has(url)) break;
		seen.add(url);
		qs = undefined; // the next link carries the query
	}
	return records;
}
