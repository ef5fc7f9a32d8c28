/**
 * All HTTP to Magento: URL building (`/rest/<store>/V1/...`), authentication through the
 * credential, retries with back-off, write recovery after a possible commit, and paging.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';
import { describeHttpFailure, isTransient, mayHaveCommitted, type HttpFailure } from '../../shared/httpError';
import { withRetry } from '../../shared/retry';
import { describeMagentoFailure } from './errors';
import { searchCriteriaQuery, type SearchCriteria } from './searchCriteria';

export const CREDENTIAL_TYPE = 'magento2StoreApi';
export const MAX_PAGE_SIZE = 300;

export interface ClientOptions {
	/** Further attempts after the first one. */
	retries: number;
	/** First back-off delay in ms (doubles per attempt). */
	retryDelayMs: number;
	/** Per-request timeout in ms (0 = none). */
	timeoutMs: number;
}

export const DEFAULT_CLIENT_OPTIONS: ClientOptions = { retries: 4, retryDelayMs: 500, timeoutMs: 30_000 };

/** A failed call to Magento, with what Magento said; the request itself is not kept. */
export class MagentoError extends Error {
	/** Status and body only, in the shape `describeHttpFailure` reads (so retries see them). */
	readonly response: { status?: number; data?: unknown };

	readonly code?: string;

	constructor(
		readonly failure: HttpFailure,
		readonly authType?: string,
	) {
		super(describeMagentoFailure(failure, authType).message);
		this.name = 'MagentoError';
		this.response = { status: failure.status, data: failure.body };
		this.code = failure.code;
	}

	get status(): number | undefined {
		return this.failure.status;
	}
}

export interface RequestSpec {
	method?: IHttpRequestMethods;
	/** Path after `/V1`, e.g. `/orders/5`. */
	path: string;
	query?: SearchCriteria;
	body?: IDataObject;
}

export interface WriteSpec<T> extends RequestSpec {
	/**
	 * Called before re-sending a write whose earlier attempt may have been committed (timeout,
	 * reset, 500/502/504). Returns the result when it finds the write was done, else undefined.
	 * Without it, such a write is not retried.
	 */
	recover?: () => Promise<T | undefined>;
}

export interface SearchResult<T> {
	items: T[];
	totalCount: number;
	pages: number;
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export class MagentoClient {
	private constructor(
		private readonly fn: Context,
		private readonly baseUrl: string,
		private readonly storeCode: string,
		readonly authType: string,
		private readonly options: ClientOptions,
	) {}

	static async create(fn: Context, options: Partial<ClientOptions> = {}): Promise<MagentoClient> {
		const credentials = await fn.getCredentials(CREDENTIAL_TYPE);
		return new MagentoClient(
			fn,
			String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
			String(credentials.storeCode || 'default').trim(),
			String(credentials.authType ?? 'oauth1'),
			{ ...DEFAULT_CLIENT_OPTIONS, ...options },
		);
	}

	url(path: string, query?: SearchCriteria): string {
		const qs = query ? `?${searchCriteriaQuery(query)}` : '';
		return `${this.baseUrl}/rest/${encodeURIComponent(this.storeCode)}/V1${path}${qs}`;
	}

	private async once<T>(spec: RequestSpec): Promise<T> {
		try {
			return (await this.fn.helpers.httpRequestWithAuthentication.call(this.fn, CREDENTIAL_TYPE, {
				method: spec.method ?? 'GET',
				url: this.url(spec.path, spec.query),
				body: spec.body,
				json: true,
				timeout: this.options.timeoutMs || undefined,
			})) as T;
		} catch (error) {
			throw new MagentoError(describeHttpFailure(error), this.authType);
		}
	}

	private retryOptions() {
		return { retries: this.options.retries, baseDelayMs: this.options.retryDelayMs, maxDelayMs: 30_000 };
	}

	/** A read: retried on 429, 5xx, timeouts and resets. */
	async get<T>(path: string, query?: SearchCriteria): Promise<T> {
		return await withRetry(() => this.once<T>({ method: 'GET', path, query }), this.retryOptions());
	}

	/**
	 * A write: retried when it surely was not committed (429, 503, refused connection); after a
	 * possible commit only when `recover` is given, and `recover` is asked first.
	 */
	async write<T>(spec: WriteSpec<T>): Promise<T> {
		let maybeCommitted = false;
		return await withRetry(
			async () => {
				if (maybeCommitted && spec.recover) {
					const done = await spec.recover();
					if (done !== undefined) return done;
				}
				try {
					return await this.once<T>({ method: 'POST', ...spec });
				} catch (error) {
					if (error instanceof MagentoError && mayHaveCommitted(error.failure)) maybeCommitted = true;
					throw error;
				}
			},
			{
				...this.retryOptions(),
				shouldRetry: (failure) =>
					isTransient(failure) && (!mayHaveCommitted(failure) || spec.recover !== undefined),
			},
		);
	}

	/**
	 * Reads a search result page by page. Stops when `currentPage * pageSize >= total_count`, on an
	 * empty page (2.4) or a page with nothing new (2.3 repeats the last page), or at `limit`.
	 * De-duplicates by `key`.
	 */
	async search<T extends IDataObject>(
		path: string,
		criteria: Omit<SearchCriteria, 'pageSize' | 'currentPage'>,
		options: { limit?: number; pageSize?: number; key?: string } = {},
	): Promise<SearchResult<T>> {
		const key = options.key ?? 'entity_id';
		const limit = options.limit ?? Infinity;
		const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(options.pageSize ?? 100), limit));
		const seen = new Set<string>();
		const items: T[] = [];
		let totalCount = 0;
		let pages = 0;
		for (let currentPage = 1; ; currentPage++) {
			const page = await this.get<{ items?: T[] | null; total_count?: number }>(path, {
				...criteria,
				pageSize,
				currentPage,
			});
			pages++;
			totalCount = Number(page.total_count ?? 0);
			const rows = page.items ?? [];
			let fresh = 0;
			for (const row of rows) {
				const id = String(row[key]);
				if (seen.has(id)) continue;
				seen.add(id);
				fresh++;
				items.push(row);
				if (items.length >= limit) return { items, totalCount, pages };
			}
			if (rows.length === 0 || fresh === 0 || currentPage * pageSize >= totalCount) break;
		}
		return { items, totalCount, pages };
	}
}
