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
import {
	catalogState,
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

export interface MagentoOptions extends CatalogOptions {
	/** 2.3 returns the last page again for a page past the end; 2.4 returns no items. Also: 2.3 lets a comment change the status. */
	version: '2.3' | '2.4';
	/** `oauth/consumer/enable_integration_as_bearer`; false = the 2.4.4+ default (integration token as Bearer → 401). */
	bearerIntegrationTokens: boolean;
	/** Input limit on searchCriteria pageSize (400 above it); null = no limit. */
	maxPageSize: number | null;
	/** pageSize used when a request gives none; null = everything. */
	defaultPageSize: number | null;
	/** OAuth signature methods accepted (Magento 2.4's Oauth::getSupportedSignatureMethods lists only HMAC-SHA256). */
	signatureMethods: SignatureMethod[];
	/** Refuse OAuth timestamps older than this many seconds (Magento itself has no such check); null = off. */
	maxTimestampAgeSeconds: number | null;
	/** ACL resources granted to the integration; null = all. */
	integrationAcl: string[] | null;
	/** List orders of the URL's store view only. Real Magento does NOT (OrderRepository::getList ignores the store); default false. */
	storeScopedOrderList: boolean;
}

export const DEFAULT_OPTIONS: MagentoOptions = {
	version: '2.4',
	bearerIntegrationTokens: false,
	maxPageSize: 300,
	defaultPageSize: null,
	signatureMethods: ['HMAC-SHA256', 'HMAC-SHA1'],
	maxTimestampAgeSeconds: null,
	integrationAcl: null,
	storeScopedOrderList: false,
	...DEFAULT_CATALOG_OPTIONS,
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

interface Route {
	method: string;
	pattern: RegExp;
	key: string;
	acl: string;
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
			signatureMethods: () => this.options.signatureMethods,
			now: () => this.clock(),
			maxTimestampAgeSeconds: () => this.options.maxTimestampAgeSeconds ?? undefined,
		});
		this.reset();
		const state = () => this.state;
		const version = () => this.options.version;
		this.sales = {
			get state() {
				return state();
			},
			now: () => formatDate(this.clock()),
			get version() {
				return version();
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
		this.state = {
			orders: s.orders,
			shipments: s.shipments,
			invoices: s.invoices,
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
		this.catalog = catalogState(s.catalog ?? emptyCatalog());
		this.oauth.reset();
		this.stats.total = 0;
		this.stats.byRoute = {};
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

	private paging(): PagingOptions {
		return {
			version: this.options.version,
			maxPageSize: this.options.maxPageSize ?? undefined,
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
					return applySearchCriteria(
						rows as unknown as Array<Record<string, unknown>>,
						criteria,
						this.paging(),
						this.orderColumns(),
						ORDER_DATE_FIELDS,
						'entity_id',
					);
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
				handle: (m) => findOrder(this.sales, id(m)),
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
				handle: (m, b) => ship(this.sales, id(m), b ?? {}),
			},
			{
				method: 'POST',
				pattern: /^\/V1\/order\/([^/]+)\/invoice$/,
				key: 'POST /V1/order/:id/invoice',
				acl: 'Magento_Sales::invoice',
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
			if (token === this.seed.integration.accessToken && this.options.bearerIntegrationTokens)
				return { type: 'integration' };
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
				return;
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
				return;
			}
			if (rule.kind === 'commitThenDrop') drop = true;
			if (rule.kind === 'truncated') truncate = true;
			if (rule.kind === 'html' || rule.kind === 'empty' || rule.kind === 'nonJson') {
				if (!rule.afterCommit) return this.sendReplacement(res, rule);
				replacement = rule;
			}
		}

		let status = 200;
		let body: unknown;
		try {
			body = this.dispatch(req, method, path, query, rawBody);
		} catch (e) {
			const err = e instanceof MagentoHttpError ? e : internalError();
			status = err.status;
			body = err.body;
		}
		if (drop) {
			req.socket.destroy();
			return;
		}
		if (replacement) return this.sendReplacement(res, replacement);
		if (truncate) {
			const text = truncateBody(JSON.stringify(body));
			res.writeHead(status, {
				'Content-Type': 'application/json; charset=utf-8',
				'Content-Length': Buffer.byteLength(text),
			});
			res.end(text);
			return;
		}
		this.send(res, status, body);
	}

	private sendReplacement(res: http.ServerResponse, rule: FaultRule): void {
		const answer = replacementAnswer(rule)!;
		const headers: Record<string, string | number> = {
			'Content-Length': Buffer.byteLength(answer.body),
		};
		if (answer.contentType) headers['Content-Type'] = answer.contentType;
		res.writeHead(answer.status, headers);
		res.end(answer.body);
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
			if (user.type === 'guest') throw notAuthorizedFor(route.acl);
			if (
				user.type === 'integration' &&
				this.options.integrationAcl &&
				!this.options.integrationAcl.includes(route.acl)
			)
				throw notAuthorizedFor(route.acl);
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
