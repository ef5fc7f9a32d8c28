/**
 * The one client of the Magento 2 REST API, created once per execution by the router (or per
 * dropdown load) and handed to the operations: URL building (`/rest/<store>/V1/...`),
 * authentication through the credential, strict answers (every answer is checked against the
 * shape its endpoint must have), retries with the package's back-off (Retry-After honoured),
 * safe writes after a possible commit, and paging of searches.
 */
import { createHash } from 'node:crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import {
	UnexpectedAnswerError,
	checkAnswer,
	type Answer,
	type Expect,
} from '../../shared/http/answer';
import { describeHttpFailure, type HttpFailure } from '../../shared/http/failure';
import { retryPolicy, withRetry, type RetryPolicy } from '../../shared/http/retry';
import { safeWrite, type WriteResult } from '../../shared/http/safeWrite';
import type { ConnectionSettings } from '../../shared/properties';
import { outcomeOf, outcomeOfSync } from '../../shared/outcome';
import { describeMagentoFailure } from './errors';
import { searchCriteriaQuery, type SearchCriteria } from './searchCriteria';

export const CREDENTIAL_TYPE = 'magento2StoreApi';
export const MAX_PAGE_SIZE = 300;

export const DEFAULT_MAGENTO_CONNECTION: Omit<ConnectionSettings, 'concurrency'> = {
	retries: 4,
	retryDelayMs: 500,
	timeoutMs: 30_000,
};

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

	/** Read by describeHttpFailure, so retries and safe writes see the original failure. */
	get httpFailure(): HttpFailure {
		return this.failure;
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
	/** Plain query parameters (Custom API Call), after the searchCriteria. */
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** The shape the answer must have (default: a JSON object). */
	expect?: Expect;
}

export interface WriteSpec<T> extends RequestSpec {
	/**
	 * Called before re-sending a write whose earlier attempt may have been committed (timeout,
	 * reset, 500/502/504, an unexpected answer). Returns the result when it finds the write was
	 * done, else undefined. Without it, such a write is not retried.
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
	readonly policy: RetryPolicy;

	private constructor(
		private readonly fn: Context,
		private readonly baseUrl: string,
		private readonly storeCode: string,
		readonly authType: string,
		private readonly settings: Omit<ConnectionSettings, 'concurrency'>,
	) {
		this.policy = { ...retryPolicy(settings.retries, settings.retryDelayMs), maxDelayMs: 30_000 };
	}

	static async create(
		fn: Context,
		settings: Partial<ConnectionSettings> = {},
	): Promise<MagentoClient> {
		const credentials = await fn.getCredentials(CREDENTIAL_TYPE);
		return new MagentoClient(
			fn,
			String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
			String(credentials.storeCode || 'default').trim(),
			String(credentials.authType ?? 'oauth1'),
			{ ...DEFAULT_MAGENTO_CONNECTION, ...settings },
		);
	}

	/** Names the store (URL and store code) in coordination keys. */
	get scope(): string {
		return createHash('sha1')
			.update(`${this.baseUrl}|${this.storeCode}`)
			.digest('hex')
			.slice(0, 16);
	}

	url(path: string, query?: SearchCriteria): string {
		const qs = query ? `?${searchCriteriaQuery(query)}` : '';
		return `${this.baseUrl}/rest/${encodeURIComponent(this.storeCode)}/V1${path}${qs}`;
	}

	/** One attempt; the answer is checked against `spec.expect`. */
	private async once<T>(spec: RequestSpec): Promise<T> {
		const sent = await outcomeOf(
			async () =>
				(await this.fn.helpers.httpRequestWithAuthentication.call(this.fn, CREDENTIAL_TYPE, {
					method: spec.method ?? 'GET',
					url: this.url(spec.path, spec.query),
					qs: spec.qs,
					body: spec.body,
					json: true,
					returnFullResponse: true,
					timeout: this.settings.timeoutMs || undefined,
				})) as { body: unknown; headers?: Record<string, unknown>; statusCode: number },
		);
		// The router turns a MagentoError into a NodeApiError naming the order and the item.
		if (!sent.ok) throw new MagentoError(describeHttpFailure(sent.error), this.authType);
		const res = sent.value;
		const answer: Answer = { status: res.statusCode, body: res.body, headers: res.headers ?? {} };
		const checked = outcomeOfSync(() => checkAnswer<T>(answer, spec.expect ?? { kind: 'object' }));
		if (checked.ok) return checked.value;
		if (checked.error instanceof UnexpectedAnswerError)
			throw new MagentoError(checked.error.httpFailure, this.authType);
		throw checked.error;
	}

	/** A read: retried on 429, 5xx, timeouts, resets and unexpected answers. */
	async get<T>(
		path: string,
		query?: SearchCriteria,
		expect: Expect = { kind: 'object' },
	): Promise<T> {
		return await withRetry(() => this.once<T>({ method: 'GET', path, query, expect }), this.policy);
	}

	/**
	 * Any request (Custom API Call): a GET is retried like every read; other methods are writes,
	 * resent only when they surely did not go through.
	 */
	async call<T>(spec: RequestSpec): Promise<T> {
		if ((spec.method ?? 'GET') === 'GET')
			return await withRetry(() => this.once<T>({ ...spec, method: 'GET' }), this.policy);
		return (await this.write<T>(spec)).result;
	}

	/**
	 * A request that changes nothing although it is not a GET (e.g. `POST
	 * /V1/products/base-prices-information`, a read with the SKUs in the body): retried like a GET.
	 */
	async read<T>(spec: RequestSpec): Promise<T> {
		return await withRetry(() => this.once<T>({ method: 'POST', ...spec }), this.policy);
	}

	/** One order by entity id (`GET /V1/orders/{id}`); anything but an order is an unexpected answer. */
	async getOrder<T>(entityId: number | string): Promise<T> {
		return await this.get<T>(`/orders/${entityId}`, undefined, {
			kind: 'object',
			keys: ['entity_id', 'increment_id'],
		});
	}

	/**
	 * A write (POST by default): retried when it surely was not done (429, 503, refused
	 * connection); after a possible commit only when `recover` is given, and `recover` is asked
	 * first (safeWrite).
	 */
	async write<T>(spec: WriteSpec<T>): Promise<WriteResult<T>> {
		const { recover, ...request } = spec;
		return await safeWrite<T>({
			send: async () => await this.once<T>({ method: 'POST', ...request }),
			recover,
			policy: this.policy,
		});
	}

	/**
	 * Reads a search result page by page. Each page must be `{items: [...], total_count}`. Stops
	 * when `currentPage * pageSize >= total_count`, on an empty page (2.4) or a page with nothing
	 * new (2.3 repeats the last page), or at `limit`. De-duplicates by `key`.
	 */
	async search<T extends object>(
		path: string,
		criteria: Omit<SearchCriteria, 'pageSize' | 'currentPage'>,
		options: { limit?: number; pageSize?: number; key?: string; rowKeys?: string[] } = {},
	): Promise<SearchResult<T>> {
		const key = options.key ?? 'entity_id';
		const limit = options.limit ?? Infinity;
		const pageSize = Math.max(
			1,
			Math.min(MAX_PAGE_SIZE, Math.floor(options.pageSize ?? 100), limit),
		);
		const seen = new Set<string>();
		const items: T[] = [];
		let totalCount = 0;
		let pages = 0;
		for (let currentPage = 1; ; currentPage++) {
			const page = await this.get<{ items: T[]; total_count: number }>(
				path,
				{ ...criteria, pageSize, currentPage },
				{ kind: 'list', field: 'items', countField: 'total_count', rowKeys: options.rowKeys },
			);
			pages++;
			totalCount = Number(page.total_count);
			const rows = page.items;
			let fresh = 0;
			for (const row of rows) {
				const id = String((row as Record<string, unknown>)[key]);
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
