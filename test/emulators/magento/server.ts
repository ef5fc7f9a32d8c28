/** The emulated Magento 2 REST server: routing, authentication, ACL, fault injection and the /__emulator/ control API. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	FaultInjector,
	replacementAnswer,
	sleepMs,
	truncateBody,
	type FaultPlan,
	type FaultRule,
} from '../faults';
import { RequestTimer, type RequestHandle } from '../latency';
import {
	catalogState,
	withProducts,
	DEFAULT_CATALOG_OPTIONS,
	emptyCatalog,
	type CatalogContext,
	type CatalogOptions,
	type CatalogState,
} from './catalog';
import { catalogRoutes } from './catalogRoutes';
import {
	internalError,
	MagentoHttpError,
	noRoute,
	notAuthorizedFor,
	badRequest,
	entityNotFound,
} from './errors';
import { collectParams, OAuthVerifier, type SignatureMethod } from './oauth';
import {
	addComment,
	cancel,
	findOrder,
	hold,
	invoice,
	ship,
	unhold,
	type SalesContext,
	type SalesState,
} from './sales';
import {
	applySearchCriteria,
	parseQuery,
	readSearchCriteria,
	type PagingOptions,
} from './searchCriteria';
import type { MagentoOrder, MagentoSeed } from './types';
import {
	DEFAULT_RELEASE,
	aclOf,
	bearerByDefault,
	inputLimitsOf,
	lineOf,
	signatureMethodsOf,
} from './release';

export interface MagentoOptions extends CatalogOptions {
	/**
	 * The release line when `release` is not given: 2.3 returns the last page again for a page past
	 * the end, 2.4 returns no items.
	 */
	version: '2.3' | '2.4';
	/**
	 * The Magento release, e.g. `2.4.6-p3` or `2.3.7-p1`; null = the newest of `version`'s line
	 * (2.4.8 / 2.3.7-p4). Decides what changed between releases (see release.ts): HMAC-SHA1 (refused
	 * from 2.4.4), integration tokens as Bearer (off by default from 2.4.4), input limits (always on
	 * in 2.4.3 and 2.3.7-p1, a setting later), the bundle shipment-type check (2.4.2+), whether a
	 * comment sets the order status (before 2.4.7) and the sales ACL (one `Magento_Sales::sales`
	 * before 2.3.1). Given, it also decides the paging behaviour instead of `version`.
	 */
	release: string | null;
	/**
	 * `oauth/consumer/enable_integration_as_bearer` ("Allow OAuth Access Tokens to be used as
	 * standalone Bearer tokens"); null = the release's default (accepted up to 2.4.3, off from 2.4.4:
	 * integration token as Bearer → 401).
	 */
	bearerIntegrationTokens: boolean | null;
	/** `webapi/validation/maximum_page_size`: pageSize above it → 400 while input limits are on; null = no limit. */
	maxPageSize: number | null;
	/** pageSize used when a request gives none; null = everything. */
	defaultPageSize: number | null;
	/** OAuth signature methods accepted; null = the release's (2.4.4+: HMAC-SHA256 only, as Oauth::getSupportedSignatureMethods). */
	signatureMethods: SignatureMethod[] | null;
	/** Refuse OAuth timestamps older than this many seconds (Magento itself has no such check); null = off. */
	maxTimestampAgeSeconds: number | null;
	/** ACL resources granted to the integration; null = all. */
	integrationAcl: string[] | null;
	/** List orders of the URL's store view only. Real Magento does NOT (OrderRepository::getList ignores the store); default false. */
	storeScopedOrderList: boolean;
	/**
	 * "Enable Input Limits" (`webapi/validation/input_limit_enabled`); null = the release's default:
	 * always on in 2.4.3 and 2.3.7-p1, off in later releases, absent before.
	 */
	inputLimits: boolean | null;
	/** "Input List Limit" (`webapi/validation/complex_array_limit`): objects per array in a request body (default 20). */
	complexArrayLimit: number;
}

export const DEFAULT_OPTIONS: MagentoOptions = {
	version: '2.4',
	release: null,
	bearerIntegrationTokens: null,
	maxPageSize: 300,
	defaultPageSize: null,
	signatureMethods: null,
	maxTimestampAgeSeconds: null,
	integrationAcl: null,
	storeScopedOrderList: false,
	...DEFAULT_CATALOG_OPTIONS,
	inputLimits: null,
	complexArrayLimit: 20,
};

export const formatDate = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

const ORDER_DATE_FIELDS = new Set(['created_at', 'updated_at']);
const SHIPMENT_COLUMNS = new Set([
	'entity_id',
	'increment_id',
	'order_id',
	'store_id',
	'customer_id',
	'total_qty',
	'email_sent',
	'created_at',
	'updated_at',
	'billing_address_id',
	'shipping_address_id',
]);
const INVOICE_COLUMNS = new Set([
	'entity_id',
	'increment_id',
	'order_id',
	'store_id',
	'state',
	'grand_total',
	'created_at',
	'updated_at',
	'email_sent',
]);

type User = { type: 'admin' } | { type: 'integration' } | { type: 'guest' };

export interface Route {
	method: string;
	pattern: RegExp;
	key: string;
	acl: string;
	/**
	 * The arrays of typed objects in the body, in the order of the service method's parameters,
	 * with their interface: EntityArrayValidator counts each against the input list limit.
	 */
	inputArrays?: Array<[field: string, type: string]>;
	handle: (
		m: RegExpMatchArray,
		body: any,
		query: ReturnType<typeof parseQuery>,
		storeId: number | null,
	) => unknown;
}

export class MagentoServer {
	readonly server: http.Server;
	readonly faults = new FaultInjector();
	/** Latency profile, concurrency cap and request log (../latency.ts). */
	readonly timer = new RequestTimer();
	readonly stats = { total: 0, byRoute: {} as Record<string, number> };
	options: MagentoOptions;
	state!: SalesState;
	/** Products, sources, source items, stock items and prices (catalog.ts). */
	catalog!: CatalogState;
	private seed: MagentoSeed;
	private oauth: OAuthVerifier;
	private routes: Route[];
	private sales: SalesContext;

	constructor(
		seed: MagentoSeed,
		options: Partial<MagentoOptions>,
		private readonly clock: () => Date,
	) {
		this.seed = structuredClone(seed);
		this.options = { ...DEFAULT_OPTIONS, ...options };
		this.oauth = new OAuthVerifier({
			integration: () => this.seed.integration,
			signatureMethods: () => this.options.signatureMethods ?? signatureMethodsOf(this.release),
			now: () => this.clock(),
			maxTimestampAgeSeconds: () => this.options.maxTimestampAgeSeconds ?? undefined,
		});
		this.reset();
		const state = () => this.state;
		const release = () => this.release;
		this.sales = {
			get state() {
				return state();
			},
			now: () => formatDate(this.clock()),
			get version() {
				return lineOf(release());
			},
			get release() {
				return release();
			},
		};
		this.routes = this.buildRoutes();
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch(() => {
				if (!res.headersSent) this.send(res, 500, internalError().body);
			});
		});
	}

	reset(seed?: MagentoSeed): void {
		if (seed) this.seed = structuredClone(seed);
		const s = structuredClone(this.seed);
		const maxId = (xs: Array<{ entity_id: number }>, d: number) =>
			xs.reduce((m, x) => Math.max(m, x.entity_id), d) + 1;
		// One product list: the catalogue's (stock, prices) with the seed's plain product list merged in.
		this.catalog = catalogState(withProducts(s.catalog ?? emptyCatalog(), s.products ?? []));
		this.state = {
			orders: s.orders,
			shipments: s.shipments,
			invoices: s.invoices,
			products: this.catalog.products,
			comments: [],
			emails: [],
			sequence: {
				shipment: maxId(s.shipments, 0),
				invoice: maxId(s.invoices, 0),
				history:
					1 +
					s.orders.reduce(
						(m, o) => Math.max(m, ...o.status_histories.map((h) => h.entity_id), 0),
						0,
					),
				track:
					1 + s.shipments.reduce((m, x) => Math.max(m, ...x.tracks.map((t) => t.entity_id), 0), 0),
				shipmentItem:
					1 + s.shipments.reduce((m, x) => Math.max(m, ...x.items.map((t) => t.entity_id), 0), 0),
			},
		};
		this.oauth.reset();
		this.stats.total = 0;
		this.stats.byRoute = {};
		this.timer.clear();
	}

	get credentials() {
		const i = this.seed.integration;
		return {
			consumerKey: i.consumerKey,
			consumerSecret: i.consumerSecret,
			accessToken: i.accessToken,
			accessTokenSecret: i.accessTokenSecret,
			/** The integration access token, sent as `Authorization: Bearer` (accepted only when bearerIntegrationTokens). */
			bearerToken: i.accessToken,
			adminToken: this.seed.adminToken,
		};
	}

	listen(port = 0): Promise<number> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () =>
				resolve((this.server.address() as AddressInfo).port),
			);
		});
	}

	/** The release the store runs (options.release, else the newest of options.version's line). */
	get release(): string {
		return this.options.release ?? DEFAULT_RELEASE[this.options.version];
	}

	/** Whether the Web API input limits are on (the setting, or the release's fixed behaviour). */
	get inputLimitsOn(): boolean {
		const kind = inputLimitsOf(this.release);
		if (kind !== 'setting') return kind === 'always';
		return this.options.inputLimits ?? false;
	}

	private paging(): PagingOptions {
		const on = this.inputLimitsOn;
		return {
			version: lineOf(this.release),
			maxPageSize: on ? (this.options.maxPageSize ?? undefined) : undefined,
			defaultPageSize: this.options.defaultPageSize ?? undefined,
		};
	}

	private catalogContext(): CatalogContext {
		return {
			state: this.catalog,
			options: this.options,
			storeIds: [0, ...this.seed.stores.map((st) => st.id)],
			now: () => formatDate(this.clock()),
		};
	}

	private orderColumns(): Set<string> {
		const cols = new Set<string>([
			'customer_id',
			'coupon_code',
			'discount_description',
			'shipping_description',
			'total_invoiced',
			'total_paid',
			'hold_before_state',
			'hold_before_status',
			'customer_firstname',
			'customer_lastname',
		]);
		for (const o of this.state.orders)
			for (const [k, v] of Object.entries(o)) if (v === null || typeof v !== 'object') cols.add(k);
		return cols;
	}

	private buildRoutes(): Route[] {
		const id = (m: RegExpMatchArray) => {
			const n = Number(m[1]);
			if (!Number.isInteger(n))
				throw badRequest(
					'The "%value" value\'s type is invalid. The "%type" type was expected. Verify and try again.',
					{ value: m[1], type: 'int' },
				);
			return n;
		};
		return [
			{
				method: 'GET',
				pattern: /^\/V1\/orders$/,
				key: 'GET /V1/orders',
				acl: 'Magento_Sales::actions_view',
				handle: (_m, _b, q, storeId) => {
					const criteria = readSearchCriteria(q, this.paging());
					let rows = this.state.orders;
					if (this.options.storeScopedOrderList && storeId !== null)
						rows = rows.filter((o) => o.store_id === storeId);
					const list = applySearchCriteria(
						rows as unknown as Array<Record<string, unknown>>,
						criteria,
						this.paging(),
						this.orderColumns(),
						ORDER_DATE_FIELDS,
						'entity_id',
					);
					return { ...list, items: list.items.map((o) => restOrder(o as unknown as MagentoOrder)) };
				},
			},
			{
				// Store views, with the admin store (id 0) first, as Magento lists them.
				method: 'GET',
				pattern: /^\/V1\/store\/storeViews$/,
				key: 'GET /V1/store/storeViews',
				acl: 'Magento_Backend::store',
				handle: () => [
					{ id: 0, code: 'admin', name: 'Admin', website_id: 0, store_group_id: 0, is_active: 1 },
					...this.seed.stores.map((st) => ({ ...st, is_active: 1 })),
				],
			},
			{
				method: 'GET',
				pattern: /^\/V1\/orders\/([^/]+)$/,
				key: 'GET /V1/orders/:id',
				acl: 'Magento_Sales::actions_view',
				handle: (m) => restOrder(findOrder(this.sales, id(m))),
			},
			{
				method: 'GET',
				pattern: /^\/V1\/orders\/([^/]+)\/comments$/,
				key: 'GET /V1/orders/:id/comments',
				acl: 'Magento_Sales::actions_view',
				handle: (m) => {
					const o = findOrder(this.sales, id(m));
					return {
						items: o.status_histories,
						search_criteria: {
							filter_groups: [
								{
									filters: [
										{ field: 'parent_id', value: String(o.entity_id), condition_type: 'eq' },
									],
								},
							],
						},
						total_count: o.status_histories.length,
					};
				},
			},
			{
				method: 'POST',
				pattern: /^\/V1\/orders\/([^/]+)\/comments$/,
				key: 'POST /V1/orders/:id/comments',
				acl: 'Magento_Sales::comment',
				handle: (m, b) => addComment(this.sales, id(m), b ?? {}),
			},
			{
				method: 'POST',
				pattern: /^\/V1\/orders\/([^/]+)\/hold$/,
				key: 'POST /V1/orders/:id/hold',
				acl: 'Magento_Sales::hold',
				handle: (m) => hold(this.sales, id(m)),
			},
			{
				method: 'POST',
				pattern: /^\/V1\/orders\/([^/]+)\/unhold$/,
				key: 'POST /V1/orders/:id/unhold',
				acl: 'Magento_Sales::unhold',
				handle: (m) => unhold(this.sales, id(m)),
			},
			{
				method: 'POST',
				pattern: /^\/V1\/orders\/([^/]+)\/cancel$/,
				key: 'POST /V1/orders/:id/cancel',
				acl: 'Magento_Sales::cancel',
				handle: (m) => cancel(this.sales, id(m)),
			},
			{
				method: 'POST',
				pattern: /^\/V1\/order\/([^/]+)\/ship$/,
				key: 'POST /V1/order/:id/ship',
				acl: 'Magento_Sales::ship',
				// ShipOrderInterface::execute($orderId, $items, $notify, $appendComment, $comment, $tracks, $packages, $arguments)
				inputArrays: [
					['items', '\\Magento\\Sales\\Api\\Data\\ShipmentItemCreationInterface'],
					['tracks', '\\Magento\\Sales\\Api\\Data\\ShipmentTrackCreationInterface'],
					['packages', '\\Magento\\Sales\\Api\\Data\\ShipmentPackageCreationInterface'],
				],
				handle: (m, b) => ship(this.sales, id(m), b ?? {}),
			},
			{
				method: 'POST',
				pattern: /^\/V1\/order\/([^/]+)\/invoice$/,
				key: 'POST /V1/order/:id/invoice',
				acl: 'Magento_Sales::invoice',
				// InvoiceOrderInterface::execute($orderId, $capture, $items, $notify, $appendComment, $comment, $arguments)
				inputArrays: [['items', '\\Magento\\Sales\\Api\\Data\\InvoiceItemCreationInterface']],
				handle: (m, b) => invoice(this.sales, id(m), b ?? {}),
			},
			{
				method: 'GET',
				pattern: /^\/V1\/shipments$/,
				key: 'GET /V1/shipments',
				acl: 'Magento_Sales::shipment',
				handle: (_m, _b, q) =>
					applySearchCriteria(
						this.state.shipments as unknown as Array<Record<string, unknown>>,
						readSearchCriteria(q, this.paging()),
						this.paging(),
						SHIPMENT_COLUMNS,
						ORDER_DATE_FIELDS,
						'entity_id',
					),
			},
			{
				method: 'GET',
				pattern: /^\/V1\/shipment\/([^/]+)$/,
				key: 'GET /V1/shipment/:id',
				acl: 'Magento_Sales::shipment',
				handle: (m) =>
					this.state.shipments.find((s) => s.entity_id === id(m)) ??
					(() => {
						throw entityNotFound();
					})(),
			},
			{
				method: 'GET',
				pattern: /^\/V1\/invoices$/,
				key: 'GET /V1/invoices',
				acl: 'Magento_Sales::sales_invoice',
				handle: (_m, _b, q) =>
					applySearchCriteria(
						this.state.invoices as unknown as Array<Record<string, unknown>>,
						readSearchCriteria(q, this.paging()),
						this.paging(),
						INVOICE_COLUMNS,
						ORDER_DATE_FIELDS,
						'entity_id',
					),
			},
			{
				method: 'GET',
				pattern: /^\/V1\/invoices\/([^/]+)$/,
				key: 'GET /V1/invoices/:id',
				acl: 'Magento_Sales::sales_invoice',
				handle: (m) =>
					this.state.invoices.find((s) => s.entity_id === id(m)) ??
					(() => {
						throw entityNotFound();
					})(),
			},
			...catalogRoutes(
				() => this.catalogContext(),
				() => this.paging(),
			),
		];
	}

	private send(res: http.ServerResponse, status: number, body: unknown, empty = false): void {
		if (empty) {
			res.writeHead(status, { 'Content-Length': '0' });
			res.end();
			return;
		}
		const text = JSON.stringify(body);
		res.writeHead(status, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': Buffer.byteLength(text),
		});
		res.end(text);
	}

	private async readBody(req: http.IncomingMessage): Promise<string> {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		return Buffer.concat(chunks).toString('utf8');
	}

	private authenticate(
		req: http.IncomingMessage,
		path: string,
		query: string,
		rawBody: string,
	): User {
		const auth = req.headers.authorization ?? '';
		const bearer = /^Bearer\s+(.+)$/i.exec(auth);
		if (bearer) {
			const token = bearer[1].trim();
			if (token === this.seed.adminToken) return { type: 'admin' };
			const asBearer = this.options.bearerIntegrationTokens ?? bearerByDefault(this.release);
			if (token === this.seed.integration.accessToken && asBearer) return { type: 'integration' };
			return { type: 'guest' };
		}
		const oreq = {
			method: req.method ?? 'GET',
			scheme: 'http',
			host: req.headers.host ?? '',
			path,
			query,
			authorization: auth || undefined,
			contentType: req.headers['content-type'],
			rawBody,
		};
		const params = collectParams(oreq);
		if (!params) return { type: 'guest' };
		this.oauth.verify(oreq, params);
		return { type: 'integration' };
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const rawUrl = req.url ?? '/';
		const qi = rawUrl.indexOf('?');
		const path = qi < 0 ? rawUrl : rawUrl.slice(0, qi);
		const query = qi < 0 ? '' : rawUrl.slice(qi + 1);
		const method = (req.method ?? 'GET').toUpperCase();
		const rawBody = await this.readBody(req);
		if (path.startsWith('/__emulator/')) return this.control(method, path, rawBody, res);

		this.stats.total++;
		const timing = await this.timer.begin(method, this.routeKeyOf(method, path), rawBody);
		let status: number | undefined;
		try {
			status = await this.serve(req, res, method, path, query, rawBody, timing);
		} finally {
			timing.end(status);
		}
	}

	/** The route key of a request as the stats count it (`GET /V1/orders/:id`), or `METHOD path` when no route matches. */
	routeKeyOf(method: string, path: string): string {
		const m = /^\/rest(?:\/[^/]+)?(\/V1\/.*)$/.exec(path);
		if (m) {
			let servicePath = m[1];
			try {
				servicePath = decodeURIComponent(servicePath);
			} catch {
				// keep it encoded
			}
			const route = this.routes.find((r) => r.method === method && r.pattern.test(servicePath));
			if (route) return route.key;
		}
		return `${method} ${path}`;
	}

	/** Faults, latency, the request itself; returns the status sent (undefined when the connection was dropped). */
	private async serve(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		method: string,
		path: string,
		query: string,
		rawBody: string,
		timing: RequestHandle,
	): Promise<number | undefined> {
		const rules = this.faults.decide(method, path);
		let drop = false;
		let truncate = false;
		let replacement: FaultRule | undefined;
		for (const rule of rules) {
			if (rule.kind === 'latency') await sleepMs(rule.latencyMs ?? 0);
		}
		for (const rule of rules as FaultRule[]) {
			if (rule.kind === 'reset') {
				req.socket.destroy();
				return undefined;
			}
			if (rule.kind === 'status') {
				const status = rule.status ?? 503;
				const body =
					status === 500
						? internalError().body
						: status === 429
							? { message: 'Too Many Requests' }
							: { message: 'Service Unavailable' };
				if (status === 429 && !res.headersSent) res.setHeader('Retry-After', '1');
				this.send(res, status, body, rule.emptyBody);
				return status;
			}
			if (rule.kind === 'commitThenDrop') drop = true;
			if (rule.kind === 'truncated') truncate = true;
			if (rule.kind === 'html' || rule.kind === 'empty' || rule.kind === 'nonJson') {
				if (!rule.afterCommit) return this.sendReplacement(res, rule);
				replacement = rule;
			}
		}

		await timing.beforeHandle();
		let status = 200;
		let body: unknown;
		try {
			body = this.dispatch(req, method, path, query, rawBody);
		} catch (e) {
			const err = e instanceof MagentoHttpError ? e : internalError();
			status = err.status;
			body = err.body;
		}
		if (timing.hasResultCost) {
			const items = (body as { items?: unknown } | undefined)?.items;
			await timing.beforeSend(Array.isArray(items) ? items.length : 0);
		}
		if (drop) {
			req.socket.destroy();
			return undefined;
		}
		if (replacement) return this.sendReplacement(res, replacement);
		if (truncate) {
			const text = truncateBody(JSON.stringify(body));
			res.writeHead(status, {
				'Content-Type': 'application/json; charset=utf-8',
				'Content-Length': Buffer.byteLength(text),
			});
			res.end(text);
			return status;
		}
		this.send(res, status, body);
		return status;
	}

	private sendReplacement(res: http.ServerResponse, rule: FaultRule): number {
		const answer = replacementAnswer(rule)!;
		const headers: Record<string, string | number> = {
			'Content-Length': Buffer.byteLength(answer.body),
		};
		if (answer.contentType) headers['Content-Type'] = answer.contentType;
		res.writeHead(answer.status, headers);
		res.end(answer.body);
		return answer.status;
	}

	private dispatch(
		req: http.IncomingMessage,
		method: string,
		path: string,
		query: string,
		rawBody: string,
	): unknown {
		const m = /^\/rest(?:\/([^/]+))?(\/V1\/.*)$/.exec(path);
		if (!m) throw noRoute();
		let storeId: number | null = 1;
		let servicePath = m[2];
		if (m[1] !== undefined) {
			if (m[1] === 'all') storeId = null;
			else {
				const store = this.seed.stores.find((s) => s.code === m[1]);
				if (!store) throw noRoute();
				storeId = store.id;
			}
		}
		servicePath = decodeURIComponent(servicePath);
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const match = route.pattern.exec(servicePath);
			if (!match) continue;
			this.stats.byRoute[route.key] = (this.stats.byRoute[route.key] ?? 0) + 1;
			const user = this.authenticate(req, path, query, rawBody);
			const acl = aclOf(this.release, route.acl);
			if (user.type === 'guest') throw notAuthorizedFor(acl);
			if (
				user.type === 'integration' &&
				this.options.integrationAcl &&
				!this.options.integrationAcl.includes(acl)
			)
				throw notAuthorizedFor(acl);
			let body: unknown = undefined;
			if (method === 'POST' || method === 'PUT') {
				if (rawBody.trim() === '') body = {};
				else {
					// Webapi\Rest\Request\DeserializerFactory: only JSON (and XML) bodies are understood.
					const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
					if (!type) throw badRequest('Content-Type header is empty.');
					if (type !== 'application/json')
						throw badRequest('Server cannot understand Content-Type HTTP header media type %1', [
							type,
						]);
					try {
						body = JSON.parse(rawBody);
					} catch {
						throw badRequest('Decoding error: \n%1', ['Syntax error']);
					}
				}
			}
			if (this.inputLimitsOn) checkInputArrays(route, body, this.options.complexArrayLimit);
			return route.handle(match, body, parseQuery(query), storeId);
		}
		throw noRoute();
	}

	/** Test and demo control API (no auth, no faults). */
	private control(method: string, path: string, rawBody: string, res: http.ServerResponse): void {
		const body = rawBody ? JSON.parse(rawBody) : undefined;
		const ok = (b: unknown) => this.send(res, 200, b);
		const p = path.slice('/__emulator'.length);
		if (method === 'GET' && p === '/state') return ok(this.state);
		if (method === 'GET' && p === '/catalog') return ok(this.catalog);
		if (method === 'GET' && p === '/stats') return ok(this.stats);
		if (method === 'GET' && p === '/faults') return ok({ fired: this.faults.fired });
		if (method === 'GET' && p === '/credentials') return ok(this.credentials);
		if (method === 'GET' && p === '/options') return ok(this.options);
		if (method === 'PUT' && p === '/faults') {
			this.faults.setPlan(reviveFaultPlan(body));
			return ok({ ok: true });
		}
		if (method === 'PUT' && p === '/options') {
			this.options = { ...this.options, ...(body ?? {}) };
			return ok(this.options);
		}
		if (method === 'POST' && p === '/reset') {
			this.reset(body?.seed);
			this.faults.setPlan(undefined);
			return ok({ ok: true });
		}
		if (method === 'POST' && p === '/orders') {
			this.state.orders.push(...(body as MagentoOrder[]));
			return ok({ ok: true, count: this.state.orders.length });
		}
		const om = /^\/orders\/([^/]+)(\/touch)?$/.exec(p);
		if (om && ((method === 'POST' && om[2]) || (method === 'PATCH' && !om[2]))) {
			try {
				return ok(this.updateOrder(decodeURIComponent(om[1]), om[2] ? {} : body));
			} catch {
				return this.send(res, 404, { message: 'no such order' });
			}
		}
		this.send(res, 404, { message: 'unknown control endpoint' });
	}

	/** Finds an order by entity_id (number) or increment_id (string), applies the patch and moves updated_at (unless the patch sets it). */
	updateOrder(
		ref: number | string,
		patch: Partial<MagentoOrder> | ((o: MagentoOrder) => void) = {},
	): MagentoOrder {
		const o =
			typeof ref === 'number'
				? this.state.orders.find((x) => x.entity_id === ref)
				: (this.state.orders.find((x) => x.increment_id === ref) ??
					(/^\d+$/.test(ref)
						? this.state.orders.find((x) => x.entity_id === Number(ref))
						: undefined));
		if (!o) throw new Error(`no order ${ref}`);
		const before = o.updated_at;
		if (typeof patch === 'function') patch(o);
		else Object.assign(o, patch);
		if (o.updated_at === before && !(typeof patch === 'object' && 'updated_at' in patch))
			o.updated_at = formatDate(this.clock());
		return o;
	}
}

/**
 * An order as the REST API shows it: `OrderItemInterface` has no `product_options` (where Magento
 * keeps a bundle's `shipment_type`); only `product_option` with the bundle options is exposed.
 */
export function restOrder(order: MagentoOrder): MagentoOrder {
	const hidden = (items: MagentoOrder['items']) =>
		items.some((i) => i.product_options !== undefined);
	const strip = (items: MagentoOrder['items']) =>
		items.map((i) => {
			if (i.product_options === undefined) return i;
			const { product_options: _hidden, ...rest } = i;
			return rest as typeof i;
		});
	const assignments = order.extension_attributes?.shipping_assignments ?? [];
	if (!hidden(order.items) && !assignments.some((a) => hidden(a.items ?? []))) return order;
	return {
		...order,
		items: strip(order.items),
		extension_attributes: {
			...order.extension_attributes,
			shipping_assignments: assignments.map((a) => ({ ...a, items: strip(a.items ?? []) })),
		},
	};
}

/**
 * `EntityArrayValidator::validateComplexArrayType` as `ServiceInputProcessor` calls it for every
 * array of typed objects, in parameter order: more than the limit → 400
 * `Maximum items of type "%type" is %max` (named parameters, magento2#34154).
 */
function checkInputArrays(route: Route, body: unknown, limit: number): void {
	if (!body || typeof body !== 'object') return;
	for (const [field, type] of route.inputArrays ?? []) {
		const value = (body as Record<string, unknown>)[field];
		if (Array.isArray(value) && value.length > limit)
			throw badRequest('Maximum items of type "%type" is %max', { type, max: limit });
	}
}

/** Fault plans over HTTP: `path` may be given as {"regex": "..."} since JSON has no RegExp. */
export function reviveFaultPlan(plan: any): FaultPlan | undefined {
	if (!plan) return undefined;
	return {
		...plan,
		rules: (plan.rules ?? []).map((r: any) =>
			r.path && typeof r.path === 'object' && 'regex' in r.path
				? { ...r, path: new RegExp(r.path.regex) }
				: r,
		),
	};
}
