/**
 * Request handling of the emulated Service Layer: `/b1s/v1` and `/b1s/v2`, login, sessions,
 * entity sets, bound actions, query options and paging. Transport-free: takes a parsed request,
 * returns a response (the HTTP server in `server.ts` adds faults and the socket).
 */
import type { SapDocument, SapSeed } from '../seed/sap';
import {
	createDocument,
	documentAction,
	patchDocument,
	type DocContext,
	type DocumentSet,
} from './documents';
import { entitySets, type EntitySetDef, type EntitySetName } from './entities';
import { errorEnvelope, errors, SlError, type SlVersion } from './errors';
import { createInventoryDocument, patchItem, type InventorySet } from './inventory';
import { createPartner, patchPartner } from './partners';
import { filterRows, queryCollection, selectFields } from './query';
import {
	contentType,
	countKey,
	metadataKey,
	nextLinkKey,
	renderEntity as renderAs,
	type V1TimeFormat,
} from './render';
import { cookieValue, SessionStore } from './sessions';
import type { Body } from './validate';

export interface SlRequest {
	method: string;
	version: SlVersion;
	/** Path after `/b1s/vN/`, still percent-encoded. */
	resource: string;
	query: URLSearchParams;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export interface SlResponse {
	status: number;
	headers: Record<string, string | string[]>;
	body?: string;
}

export interface ServiceLayerConfig {
	companyDb: string;
	user: string;
	password: string;
	pageSize: number;
	nextLink: Record<SlVersion, 'absolute' | 'relative'>;
	userFields: readonly string[];
	/** Root URL (scheme, host, port and any mount prefix) for `odata.metadata` and `Location`. */
	root: () => string;
	/** How v1 writes `UpdateTime`: `HH:MM:SS` (default) or an ISO duration `PT14H25M36S`. */
	v1TimeFormat: V1TimeFormat;
	/** The user's default warehouse (a line's last fallback). */
	userDefaultWarehouse: string;
}

export interface ServiceLayerStats {
	/** Successful POST /Login. */
	logins: number;
	failedLogins: number;
	logouts: number;
	/** Requests by `METHOD Segment`, e.g. `POST Login`, `GET Orders`, `PATCH Orders`, `POST Orders/Close`, `GET Orders/$count`. */
	requests: Record<string, number>;
	totalRequests: number;
	sessionsCreated: number;
	sessionsExpired: number;
	activeSessions: number;
}

const VERSION_NUMBER = '1000230';

export class ServiceLayerService {
	readonly sessions: SessionStore;
	readonly defs: Record<EntitySetName, EntitySetDef>;
	private counters = { logins: 0, failedLogins: 0, logouts: 0, totalRequests: 0 };
	private requests: Record<string, number> = {};

	constructor(
		public state: SapSeed,
		readonly config: ServiceLayerConfig,
		sessionTimeoutMs: number,
		public now: () => Date,
	) {
		this.sessions = new SessionStore(sessionTimeoutMs);
		this.defs = entitySets(config.userFields);
	}

	get stats(): ServiceLayerStats {
		return {
			...this.counters,
			requests: { ...this.requests },
			sessionsCreated: this.sessions.created,
			sessionsExpired: this.sessions.expired,
			activeSessions: this.sessions.active,
		};
	}

	resetStats(): void {
		this.counters = { logins: 0, failedLogins: 0, logouts: 0, totalRequests: 0 };
		this.requests = {};
		this.sessions.created = 0;
		this.sessions.expired = 0;
	}

	/** `METHOD Segment` used in stats, e.g. `GET Orders`, `POST Orders/Close`. */
	static statsKey(method: string, resource: string): string {
		const path = decodeURIComponent(resource.split('?')[0]);
		const m = /^([A-Za-z$_]+)(\(.*\))?(?:\/([A-Za-z$_]+))?$/.exec(path);
		return `${method} ${m ? m[1] + (m[3] ? `/${m[3]}` : '') : path}`;
	}

	count(method: string, resource: string): void {
		this.counters.totalRequests++;
		const key = ServiceLayerService.statsKey(method, resource);
		this.requests[key] = (this.requests[key] ?? 0) + 1;
	}

	sessionIdOf(headers: SlRequest['headers']): string | undefined {
		const cookie = headers.cookie;
		return cookieValue(Array.isArray(cookie) ? cookie.join('; ') : cookie, 'B1SESSION');
	}

	handle(req: SlRequest): SlResponse {
		try {
			return this.route(req);
		} catch (e) {
			const err =
				e instanceof SlError ? e : new SlError(500, -1, `Internal error: ${(e as Error).message}`);
			return this.json(req.version, err.status, errorEnvelope(req.version, err.code, err.message));
		}
	}

	json(
		version: SlVersion,
		status: number,
		body: unknown,
		headers: Record<string, string | string[]> = {},
	): SlResponse {
		const text = JSON.stringify(body);
		return {
			status,
			headers: {
				'Content-Type': contentType(version),
				...(version === 'v1' ? { DataServiceVersion: '3.0' } : { 'OData-Version': '4.0' }),
				...headers,
			},
			body: text,
		};
	}

	private render(value: unknown, version: SlVersion): unknown {
		return renderAs(value, version, this.config.v1TimeFormat);
	}

	private base(version: SlVersion): string {
		return `${this.config.root()}/b1s/${version}`;
	}

	private route(req: SlRequest): SlResponse {
		const path = decodeURIComponent(req.resource);
		if (path === 'Login') {
			if (req.method !== 'POST') throw errors.notSupported();
			return this.login(req);
		}
		const session = this.sessions.touch(this.sessionIdOf(req.headers));
		if (!session || session.companyDb !== this.config.companyDb) throw errors.session();
		if (path === 'Logout') {
			if (req.method !== 'POST') throw errors.notSupported();
			this.sessions.delete(session.id);
			this.counters.logouts++;
			return { status: 204, headers: {} };
		}
		const preview = /^(Orders|DeliveryNotes)Service_Preview$/.exec(path);
		if (preview) {
			if (req.method !== 'POST') throw errors.notSupported();
			return this.preview(req, preview[1] as DocumentSet);
		}
		const m = /^([A-Za-z]+)(?:\((.*)\))?(?:\/([A-Za-z$]+))?$/.exec(path);
		if (!m || !(m[1] in this.defs)) throw errors.segment(path.split(/[(/]/)[0]);
		const def = this.defs[m[1] as EntitySetName];
		const key = m[2] !== undefined ? this.parseKey(def, m[2]) : undefined;
		const sub = m[3];
		if (key === undefined) {
			if (sub === '$count' && req.method === 'GET') {
				const n = filterRows(def, this.rows(def), req.query).length;
				return {
					status: 200,
					headers: { 'Content-Type': 'text/plain;charset=utf-8' },
					body: String(n),
				};
			}
			if (sub !== undefined) throw errors.segment(sub);
			if (req.method === 'GET') return this.getCollection(req, def);
			if (req.method === 'POST') return this.create(req, def);
			throw errors.notSupported();
		}
		const row = this.rows(def).find((r) => r[def.key] === key);
		if (!row) throw errors.notFound();
		if (sub !== undefined) {
			if (req.method !== 'POST') throw errors.notSupported();
			if (def.name !== 'Orders' && def.name !== 'DeliveryNotes') throw errors.segment(sub);
			if (!['Close', 'Cancel', 'Reopen'].includes(sub)) throw errors.segment(sub);
			documentAction(this.docContext(def), def.name, row as SapDocument, sub);
			return { status: 204, headers: {} };
		}
		switch (req.method) {
			case 'GET':
				return this.json(req.version, 200, {
					[metadataKey(req.version)]:
						`${this.base(req.version)}/$metadata#${def.name}/${req.version === 'v1' ? '@Element' : '$entity'}`,
					...(this.render(
						selectFields(def, row, req.query.get('$select'), this.rows(def)),
						req.version,
					) as Body),
				});
			case 'PATCH':
				return this.patch(req, def, row);
			default:
				throw errors.notSupported();
		}
	}

	private rows(def: EntitySetDef): Record<string, unknown>[] {
		return (this.state[def.name] ?? []) as unknown as Record<string, unknown>[];
	}

	private parseKey(def: EntitySetDef, raw: string): string | number {
		const text = raw.includes('=') ? raw.slice(raw.indexOf('=') + 1) : raw;
		if (def.keyKind === 'number') {
			if (!/^\s*-?\d+\s*$/.test(text))
				throw errors.syntax(`Invalid key value '${raw}' for entity set '${def.name}'`);
			return Number(text);
		}
		const s = /^'((?:[^']|'')*)'$/.exec(text.trim());
		if (!s) throw errors.syntax(`Invalid key value '${raw}' for entity set '${def.name}'`);
		return s[1].replace(/''/g, "'");
	}

	private parseBody(req: SlRequest): Body {
		let body: unknown;
		try {
			body = JSON.parse(req.body || 'null');
		} catch {
			throw errors.syntax('Invalid JSON in request body');
		}
		if (body === null || typeof body !== 'object' || Array.isArray(body))
			throw errors.syntax('A JSON object is expected in the request body');
		return body as Body;
	}

	private header(req: SlRequest, name: string): string | undefined {
		const v = req.headers[name.toLowerCase()];
		return Array.isArray(v) ? v.join(',') : v;
	}

	private prefers(req: SlRequest): Map<string, string> {
		const out = new Map<string, string>();
		for (const part of (this.header(req, 'Prefer') ?? '').split(',')) {
			const [k, v = ''] = part.trim().split('=');
			if (k) out.set(k.toLowerCase(), v.trim());
		}
		return out;
	}

	private login(req: SlRequest): SlResponse {
		const body = this.parseBody(req);
		if (body.CompanyDB !== this.config.companyDb) {
			this.counters.failedLogins++;
			throw errors.unknownCompany(String(body.CompanyDB ?? ''));
		}
		if (body.UserName !== this.config.user || body.Password !== this.config.password) {
			this.counters.failedLogins++;
			throw errors.loginFailed();
		}
		const session = this.sessions.create(this.config.companyDb, this.config.user);
		this.counters.logins++;
		const v = req.version;
		return this.json(
			v,
			200,
			{
				[metadataKey(v)]:
					`${this.base(v)}/$metadata#B1Sessions/${v === 'v1' ? '@Element' : '$entity'}`,
				SessionId: session.id,
				Version: VERSION_NUMBER,
				SessionTimeout: Math.max(1, Math.ceil(this.sessions.timeoutMs / 60000)),
			},
			{ 'Set-Cookie': [`B1SESSION=${session.id};HttpOnly;`, 'ROUTEID=.node1; path=/b1s'] },
		);
	}

	private getCollection(req: SlRequest, def: EntitySetDef): SlResponse {
		const headers: Record<string, string> = {};
		let pageSize = this.config.pageSize;
		const prefer = this.prefers(req).get('odata.maxpagesize');
		const b1s = this.header(req, 'B1S-PageSize');
		if (prefer !== undefined && /^\d+$/.test(prefer)) {
			pageSize = Number(prefer);
			headers['Preference-Applied'] = `odata.maxpagesize=${pageSize}`;
		}
		if (b1s !== undefined && /^\s*\d+\s*$/.test(b1s)) pageSize = Number(b1s);
		const v = req.version;
		const result = queryCollection(def, this.rows(def), {
			params: req.query,
			pageSize,
			nextLinkPrefix: this.config.nextLink[v] === 'absolute' ? `/b1s/${v}/` : '',
		});
		const body: Body = { [metadataKey(v)]: `${this.base(v)}/$metadata#${def.name}` };
		if (result.count !== undefined) body[countKey(v)] = result.count;
		body.value = this.render(result.value, v);
		if (result.nextLink) body[nextLinkKey(v)] = result.nextLink;
		return this.json(v, 200, body, headers);
	}

	private docContext(def: EntitySetDef): DocContext {
		return {
			state: this.state,
			now: this.now,
			userFields: this.config.userFields,
			def,
			userDefaultWarehouse: this.config.userDefaultWarehouse,
		};
	}

	private create(req: SlRequest, def: EntitySetDef): SlResponse {
		const body = this.parseBody(req);
		let created: Body;
		if (def.name === 'Orders' || def.name === 'DeliveryNotes')
			created = createDocument(this.docContext(def), def.name as DocumentSet, body);
		else if (def.name === 'BusinessPartners') created = createPartner(this.state, def, body);
		else if (def.name === 'InventoryGenEntries' || def.name === 'InventoryGenExits')
			created = createInventoryDocument(
				this.state,
				def.name as InventorySet,
				body,
				this.now(),
			) as unknown as Body;
		else throw errors.notSupported();
		const key = created[def.key];
		const location = `${this.base(req.version)}/${def.name}(${typeof key === 'number' ? key : `'${String(key).replace(/'/g, "''")}'`})`;
		if (this.prefers(req).has('return-no-content')) {
			return {
				status: 204,
				headers: { Location: location, 'Preference-Applied': 'return-no-content' },
			};
		}
		return this.json(
			req.version,
			201,
			{
				[metadataKey(req.version)]:
					`${this.base(req.version)}/$metadata#${def.name}/${req.version === 'v1' ? '@Element' : '$entity'}`,
				...(this.render(created, req.version) as Body),
			},
			{ Location: location },
		);
	}

	/** `POST /OrdersService_Preview {"Document":{...}}`: the document SAP would create, nothing saved. */
	private preview(req: SlRequest, set: DocumentSet): SlResponse {
		const body = this.parseBody(req);
		if (body.Document === null || typeof body.Document !== 'object')
			throw errors.syntax("Parameter 'Document' is missing");
		const scratch = structuredClone(this.state);
		const def = this.defs[set];
		const doc = createDocument(
			{ ...this.docContext(def), state: scratch },
			set,
			body.Document as Body,
		);
		return this.json(req.version, 200, {
			[metadataKey(req.version)]:
				`${this.base(req.version)}/$metadata#${set}/${req.version === 'v1' ? '@Element' : '$entity'}`,
			...(this.render(doc, req.version) as Body),
		});
	}

	private patch(req: SlRequest, def: EntitySetDef, row: Record<string, unknown>): SlResponse {
		const body = this.parseBody(req);
		const replace =
			(this.header(req, 'B1S-ReplaceCollectionsOnPatch') ?? '').toLowerCase() === 'true';
		if (def.name === 'Orders' || def.name === 'DeliveryNotes')
			patchDocument(this.docContext(def), def.name, row as SapDocument, body, replace);
		else if (def.name === 'BusinessPartners') patchPartner(def, row as never, body);
		else if (def.name === 'Items') patchItem(this.state, def, row as never, body, this.now());
		else throw errors.notSupported();
		return { status: 204, headers: {} };
	}
}
