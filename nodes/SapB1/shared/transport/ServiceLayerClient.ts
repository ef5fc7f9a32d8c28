/**
 * The one client of the SAP Business One Service Layer (v1 = OData v3, v2 = OData v4), created
 * once per execution by a node's router (or per dropdown load) and handed to the operations.
 * Every request goes through n8n's `httpRequestWithAuthentication` with the
 * `sapB1ServiceLayerApi` credential, whose `preAuthentication` logs in and keeps the session.
 *
 * - Session gate: the execution's first request goes alone, so parallel requests don't each log
 *   in; the others wait for it.
 * - 401 protocol: requests are sent with `ignoreHttpStatusErrors`, so the client sees a 401
 *   itself. The first request to see one sends again without it, so n8n runs the credential's
 *   `preAuthentication` (a new login) and stores the new session; the requests that failed with
 *   the same old session wait for that and send again. A 401 means SAP did not process the
 *   request, so sending it again is always safe.
 * - Strict answers: every answer is checked against the shape its endpoint must have (a
 *   collection `{value: [...]}`, an entity, no content); anything else is a retryable failure
 *   that says what came back.
 * - Retries with the package's back-off on 429, 5xx, timeouts, resets and unexpected answers;
 *   writes go through `write`, which never repeats a write that may have been done (safeWrite).
 * - Paging: `pages()` follows `odata.nextLink` / `@odata.nextLink`, resolved against the service
 *   root (origin and any path prefix in front of `/b1s/`).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { checkAnswer, type Answer, type Expect } from '../../../shared/http/answer';
import { retryPolicy, withRetry, type RetryPolicy } from '../../../shared/http/retry';
import { safeWrite, type WriteResult } from '../../../shared/http/safeWrite';
import { isTransient, mayHaveCommitted } from '../../../shared/http/failure';
import { DEFAULT_CONNECTION, type ConnectionSettings } from '../../../shared/properties';
import {
	SESSION_SLOT_HEADER,
	sessionCount,
} from '../../../../credentials/SapB1ServiceLayerApi.credentials';
import { slFailureOf, toServiceLayerError } from './errors';

export const SL_CREDENTIAL = 'sapB1ServiceLayerApi';

export type SlContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface SlRequestOptions {
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: Record<string, string>;
	/** The shape the answer must have (default: any JSON object). */
	expect?: Expect;
	/** Input item this request is made for (goes into the error). */
	itemIndex?: number;
	/** Overrides the run's timeout for this request. */
	timeout?: number;
	/** `false`: a single attempt (writes: use `write`, which makes them safe). */
	retry?: false;
	/** Prefix for the error message, e.g. "Web order 000000101". */
	errorContext?: string;
}

export interface SlPagesOptions {
	qs?: IDataObject;
	/** Page size asked for with `Prefer: odata.maxpagesize` (the server default is 20). */
	pageSize?: number;
	itemIndex?: number;
	errorContext?: string;
	/** Fields every row must hold (else the page is an unexpected answer). */
	rowKeys?: string[];
}

export interface SlWriteOptions<T> extends SlRequestOptions {
	/** After an uncertain failure: the result when the write turns out done, else undefined. */
	recover?: () => Promise<T | undefined>;
}

/** The next-page link of a collection answer (v1 `odata.nextLink`, v2 `@odata.nextLink`). */
export function nextLinkOf(body: IDataObject | undefined): string | undefined {
	const link = body?.['@odata.nextLink'] ?? body?.['odata.nextLink'];
	return typeof link === 'string' && link ? link : undefined;
}

/**
 * Resolves a path (`/Orders`, `Orders(1)`) or a next link against the service root: an absolute
 * URL as it is; a path-absolute link (`/b1s/v1/Orders?$skip=20`) against the root's origin and
 * any prefix in front of `/b1s/` (e.g. `https://host/ServiceLayer/b1s/v2`); anything else below
 * the root.
 */
export function resolveSlUrl(root: string, pathOrUrl: string): string {
	if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
	if (/^\/b1s\//i.test(pathOrUrl)) {
		const url = new URL(`${root}/`);
		const prefix = url.pathname.replace(/\/b1s\/.*$/i, '').replace(/\/+$/, '');
		return new URL(`${prefix}${pathOrUrl}`, url.origin).toString();
	}
	return new URL(`${root}/${pathOrUrl.replace(/^\/+/, '')}`).toString();
}

class HttpStatusError extends Error {
	constructor(
		readonly response: { status: number; data: unknown; headers: Record<string, unknown> },
	) {
		super(`HTTP ${response.status}`);
	}
}

export class ServiceLayerClient {
	/** Set once a request has succeeded: later requests need not wait for the first. */
	private open = false;

	/** The first request, while it is in flight (others wait for it). */
	private first?: Promise<void>;

	/** Increases each time a request has logged in again. */
	private sessionGeneration = 0;

	private relogin?: Promise<void>;

	readonly policy: RetryPolicy;

	/** Requests in flight per session of the credential's pool. */
	private readonly inFlight: number[];

	private constructor(
		private readonly ctx: SlContext,
		/** The service root, e.g. `https://b1:50000/b1s/v2` (no trailing slash). */
		readonly root: string,
		readonly settings: ConnectionSettings,
		sessions: number,
	) {
		this.policy = retryPolicy(settings.retries, settings.retryDelayMs);
		this.inFlight = Array.from({ length: sessions }, () => 0);
	}

	/** A client for this execution (or dropdown load), with the node's connection settings. */
	static async create(
		ctx: SlContext,
		settings: Partial<ConnectionSettings> = {},
	): Promise<ServiceLayerClient> {
		const credentials = await ctx.getCredentials(SL_CREDENTIAL);
		const root = String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
		return new ServiceLayerClient(
			ctx,
			root,
			{ ...DEFAULT_CONNECTION, ...settings },
			sessionCount(credentials),
		);
	}

	/** 'v1' (OData v3) or 'v2' (OData v4), from the credential's URL. */
	get version(): 'v1' | 'v2' {
		return /\/b1s\/v1(\/|$)/i.test(this.root) ? 'v1' : 'v2';
	}

	/** One request through n8n's helper, on the least busy session of the credential's pool. */
	private async callHelper(request: IHttpRequestOptions): Promise<Answer> {
		const slot = this.inFlight.indexOf(Math.min(...this.inFlight));
		this.inFlight[slot]++;
		try {
			const res = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				SL_CREDENTIAL,
				{
					...request,
					headers: { ...(request.headers ?? {}), [SESSION_SLOT_HEADER]: String(slot) },
				},
			)) as {
				body: unknown;
				headers: Record<string, unknown>;
				statusCode: number;
			};
			return { status: res.statusCode, body: res.body, headers: res.headers ?? {} };
		} finally {
			this.inFlight[slot]--;
		}
	}

	/** One attempt, with the 401 protocol described above. */
	private async sendOnce(request: IHttpRequestOptions, depth = 0): Promise<Answer> {
		const generation = this.sessionGeneration;
		let res = await this.callHelper({
			...request,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		});
		if (res.status === 401 && depth < 3) {
			if (this.sessionGeneration !== generation) return await this.sendOnce(request, depth + 1);
			if (this.relogin) {
				await this.relogin;
				return await this.sendOnce(request, depth + 1);
			}
			let done!: () => void;
			this.relogin = new Promise<void>((resolve) => (done = resolve));
			try {
				res = await this.callHelper({ ...request, returnFullResponse: true });
				this.sessionGeneration++;
			} finally {
				this.relogin = undefined;
				done();
			}
		}
		if (res.status >= 400)
			throw new HttpStatusError({ status: res.status, data: res.body, headers: res.headers });
		return res;
	}

	/** Sends one request (retried unless `retry: false`) and returns the checked answer. */
	async requestFull(
		method: IHttpRequestMethods,
		path: string,
		options: SlRequestOptions = {},
	): Promise<Answer & { checked: unknown }> {
		const url = resolveSlUrl(this.root, path);
		const request: IHttpRequestOptions = {
			method,
			url,
			qs: options.qs,
			headers: { ...(options.headers ?? {}) },
			json: true,
			timeout: options.timeout ?? this.settings.timeoutMs,
		};
		if (options.body !== undefined) request.body = options.body;
		const expect: Expect = options.expect ?? { kind: 'object' };
		const attempt = async () => {
			const answer = await this.sendOnce(request);
			return { ...answer, checked: checkAnswer(answer, expect) };
		};
		const run = async () => {
			try {
				return await withRetry(
					attempt,
					options.retry === false ? { ...this.policy, retries: 0 } : this.policy,
				);
			} catch (error) {
				throw toServiceLayerError(this.ctx.getNode(), error, {
					method,
					path: url,
					itemIndex: options.itemIndex,
					errorContext: options.errorContext,
				});
			}
		};
		// The first request goes alone, so parallel requests don't each log in.
		for (;;) {
			if (this.open) return await run();
			if (!this.first) {
				const result = run();
				this.first = result.then(
					() => {
						this.open = true;
					},
					(error: unknown) => {
						// An answer from SAP (other than 401) means the session is established.
						const status = slFailureOf(error).status;
						if (status !== undefined && status !== 401) this.open = true;
						else this.first = undefined;
					},
				);
				return await result;
			}
			await this.first;
		}
	}

	/** Sends one request and returns the checked body. */
	async request<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		options: SlRequestOptions = {},
	): Promise<T> {
		return (await this.requestFull(method, path, options)).checked as T;
	}

	/** GET of one entity (`/Orders(5)`); a 2xx that is not a JSON object is an unexpected answer. */
	async get<T = IDataObject>(
		path: string,
		options: Omit<SlRequestOptions, 'expect'> & { keys?: string[] } = {},
	): Promise<T> {
		return await this.request<T>('GET', path, {
			...options,
			expect: { kind: 'object', keys: options.keys },
		});
	}

	/**
	 * A write (POST / PATCH / bound action) that is never done twice because an answer was lost:
	 * see safeWrite. Without `recover`, an uncertain write is not repeated.
	 */
	async write<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		options: SlWriteOptions<T> = {},
	): Promise<WriteResult<T>> {
		const { recover, ...request } = options;
		return await safeWrite<T>({
			send: async () => await this.request<T>(method, path, { ...request, retry: false }),
			recover,
			policy: this.policy,
			describe: slFailureOf,
			settleAfterTimeoutMs: this.settings.timeoutMs,
		});
	}

	/** The pages of a collection, following next links; each page is checked to be `{value: [...]}`. */
	async *pages(path: string, options: SlPagesOptions = {}): AsyncGenerator<IDataObject[]> {
		const headers: Record<string, string> = {};
		if (options.pageSize)
			headers.Prefer = `odata.maxpagesize=${Math.max(1, Math.floor(options.pageSize))}`;
		let url: string | undefined = path;
		let qs: IDataObject | undefined = options.qs;
		const seen = new Set<string>();
		while (url) {
			const body = await this.request<IDataObject>('GET', url, {
				qs,
				headers,
				expect: { kind: 'list', field: 'value', rowKeys: options.rowKeys },
				itemIndex: options.itemIndex,
				errorContext: options.errorContext,
			});
			const page = body.value as IDataObject[];
			yield page;
			const next = nextLinkOf(body);
			if (!next || page.length === 0) break;
			url = resolveSlUrl(this.root, next);
			if (seen.has(url)) break;
			seen.add(url);
			qs = undefined; // the next link carries the query
		}
	}

	/** Reads a collection to its end, or to `limit` records. */
	async getAll(
		path: string,
		options: SlPagesOptions & { limit?: number } = {},
	): Promise<IDataObject[]> {
		const limit = options.limit !== undefined && options.limit >= 0 ? options.limit : undefined;
		if (limit === 0) return [];
		let pageSize = options.pageSize;
		if (limit !== undefined && (pageSize === undefined || limit < pageSize)) pageSize = limit;
		const records: IDataObject[] = [];
		for await (const page of this.pages(path, { ...options, pageSize })) {
			for (const record of page) {
				records.push(record);
				if (limit !== undefined && records.length >= limit) return records;
			}
		}
		return records;
	}
}

/** Whether a failed write may nevertheless have been committed by SAP. */
export function slMayHaveCommitted(error: unknown): boolean {
	return mayHaveCommitted(slFailureOf(error));
}

/** Whether another attempt may succeed (429, 5xx, network errors, unexpected answers). */
export function slIsTransient(error: unknown): boolean {
	return isTransient(slFailureOf(error));
}

export { ServiceLayerError, slFailureOf, type SlFailure } from './errors';
