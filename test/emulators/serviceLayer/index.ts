/**
 * Emulated SAP Business One Service Layer: a real HTTP server on loopback serving `/b1s/v1`
 * (OData v3) and `/b1s/v2` (OData v4) as described in /work/shared/API-FACTS.md, plus a control
 * API under `/__emulator/` for tests and demos in other processes.
 *
 *   const sl = await startServiceLayer({ seed: sapSeed() });
 *   // credential: baseUrl sl.baseUrl('v2'), CompanyDB sl.companyDb, user sl.user, password sl.password
 *   ...; expect(sl.stats.logins).toBe(1); await sl.close();
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	FaultInjector,
	replacementAnswer,
	sleepMs,
	truncateBody,
	type FaultPlan,
	type FaultRule,
	type FiredFault,
} from '../faults';
import { SAP_DOCUMENT_USER_FIELDS, sapSeed, type SapSeed } from '../seed/sap';
import { errorEnvelope, type SlVersion } from './errors';
import { ServiceLayerService, type ServiceLayerStats, type SlResponse } from './service';

export type { ServiceLayerStats } from './service';
export type { SapSeed } from '../seed/sap';

export interface ServiceLayerOptions {
	/** Initial data (default: `sapSeed()`). Kept as the state for `reset()`; the live state is a copy. */
	seed?: SapSeed;
	faults?: FaultPlan;
	/** Idle session timeout in ms (sliding; default 30 min). Login answers SessionTimeout in minutes. */
	sessionTimeoutMs?: number;
	/** SAP server local time, read with local getters (getHours...) for CreationDate/UpdateDate/UpdateTime. */
	clock?: () => Date;
	port?: number;
	host?: string;
	companyDb?: string;
	user?: string;
	password?: string;
	/** Server page size (default 20). */
	pageSize?: number;
	/** Next-link style per version (default v1 absolute `/b1s/v1/Orders?$skip=20`, v2 relative `Orders?$skip=20`). */
	nextLink?: Partial<Record<SlVersion, 'absolute' | 'relative'>>;
	/** User-defined fields on the Document type (default `['U_WebOrderNo']`). */
	userFields?: string[];
	/**
	 * Path prefix the Service Layer is mounted under behind a reverse proxy, e.g. `/ServiceLayer`
	 * (hosted setups: `https://host/ServiceLayer/b1s/v1`). Default none. The Service Layer itself
	 * does not know the prefix: its v1 next links stay path-absolute `/b1s/v1/...`, which resolve
	 * correctly only against the service root (see test/contract/serviceLayer.fidelity.test.ts).
	 */
	pathPrefix?: string;
	/**
	 * How v1 writes `UpdateTime` (`Edm.Time`): `'clock'` `HH:MM:SS` as observed from real v1
	 * Service Layers (default), or `'duration'`, the strict OData v3 JSON form of an `Edm.Time`
	 * (`PT14H25M36S`). v2 (`Edm.TimeOfDay`) always writes `HH:MM:SS`.
	 */
	v1TimeFormat?: 'clock' | 'duration';
	/** The logged-in user's default warehouse, used when neither the line nor the item names one (default `'01'`). */
	userDefaultWarehouse?: string;
}

export interface ServiceLayerEmulator {
	/** Root URL, e.g. `http://127.0.0.1:41234`. */
	readonly url: string;
	/** Service root of a version, e.g. `http://127.0.0.1:41234/b1s/v2` (no trailing slash; with `pathPrefix` in front of `/b1s`). */
	baseUrl(version: SlVersion): string;
	/** The mount prefix (`''` when none). */
	readonly pathPrefix: string;
	readonly companyDb: string;
	readonly user: string;
	readonly password: string;
	/** Live data (mutable, in the SapSeed shape). */
	readonly state: SapSeed;
	/** A snapshot of the counters. */
	readonly stats: ServiceLayerStats;
	readonly faults: { readonly fired: FiredFault[] };
	setFaultPlan(plan?: FaultPlan): void;
	expireAllSessions(): void;
	/** Replace the clock (undefined = real time). */
	setClock(clock?: () => Date): void;
	/** Back to `seed` (or the start-up seed): state, sessions, stats and fault plan. */
	reset(seed?: SapSeed): void;
	close(): Promise<void>;
}

/** `/ServiceLayer` from `ServiceLayer`, `/ServiceLayer/` or `/ServiceLayer`; '' for none. */
function normalisePrefix(value: string | undefined): string {
	const trimmed = String(value ?? '')
		.trim()
		.replace(/^\/+|\/+$/g, '');
	return trimmed ? `/${trimmed}` : '';
}

export async function startServiceLayer(
	options: ServiceLayerOptions = {},
): Promise<ServiceLayerEmulator> {
	const initial = structuredClone(options.seed ?? sapSeed());
	const injector = new FaultInjector(options.faults);
	let root = '';
	const prefix = normalisePrefix(options.pathPrefix);
	const realClock = () => new Date();
	const service = new ServiceLayerService(
		structuredClone(initial),
		{
			companyDb: options.companyDb ?? 'SBODEMOUS',
			user: options.user ?? 'manager',
			password: options.password ?? 'manager',
			pageSize: options.pageSize ?? 20,
			nextLink: { v1: options.nextLink?.v1 ?? 'absolute', v2: options.nextLink?.v2 ?? 'relative' },
			userFields: options.userFields ?? [...SAP_DOCUMENT_USER_FIELDS],
			root: () => `${root}${prefix}`,
			v1TimeFormat: options.v1TimeFormat ?? 'clock',
			userDefaultWarehouse: options.userDefaultWarehouse ?? '01',
		},
		options.sessionTimeoutMs ?? 30 * 60 * 1000,
		options.clock ?? realClock,
	);

	const emulator: ServiceLayerEmulator = {
		get url() {
			return root;
		},
		baseUrl: (version) => `${root}${prefix}/b1s/${version}`,
		pathPrefix: prefix,
		companyDb: service.config.companyDb,
		user: service.config.user,
		password: service.config.password,
		get state() {
			return service.state;
		},
		get stats() {
			return service.stats;
		},
		faults: injector,
		setFaultPlan: (plan) => injector.setPlan(plan),
		expireAllSessions: () => service.sessions.expireAll(),
		setClock: (clock) => (service.now = clock ?? realClock),
		reset: (seed) => {
			service.state = structuredClone(seed ?? initial);
			service.sessions.expireAll();
			service.resetStats();
			injector.setPlan(undefined);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e) => {
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end(String(e));
			});
		});
	});

	async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const method = (req.method ?? 'GET').toUpperCase();
		if (url.pathname.startsWith('/__emulator/'))
			return send(res, controlRequest(url.pathname.slice('/__emulator/'.length), method, body));
		// Behind a path prefix only `<prefix>/b1s/...` reaches the Service Layer (the proxy answers the rest).
		const servicePath = !prefix
			? url.pathname
			: url.pathname.startsWith(`${prefix}/`)
				? url.pathname.slice(prefix.length)
				: '';
		const m = /^\/b1s\/(v1|v2)\/(.*)$/.exec(servicePath);
		if (!m)
			return send(res, {
				status: 404,
				headers: { 'Content-Type': 'text/html' },
				body: '<html><body>Not Found</body></html>',
			});
		const version = m[1] as SlVersion;
		const resource = m[2];
		service.count(method, resource);
		const rules = injector.decide(method, url.pathname);
		let drop = false;
		let truncate = false;
		let replacement: FaultRule | undefined;
		for (const rule of rules) {
			switch (rule.kind) {
				case 'latency':
					await sleepMs(rule.latencyMs ?? 0);
					break;
				case 'slowLogin':
					if (resource === 'Login') await sleepMs(rule.latencyMs ?? 0);
					break;
				case 'sessionExpiry':
					service.sessions.expire(service.sessionIdOf(req.headers));
					break;
				case 'reset':
					req.socket.destroy();
					return;
				case 'status': {
					const status = rule.status ?? 500;
					if (rule.emptyBody) return send(res, { status, headers: { 'Content-Length': '0' } });
					const message = http.STATUS_CODES[status] ?? 'Error';
					return send(res, service.json(version, status, errorEnvelope(version, -1, message)));
				}
				case 'commitThenDrop':
					drop = true;
					break;
				case 'truncated':
					truncate = true;
					break;
				case 'html':
				case 'empty':
				case 'nonJson':
					if (rule.afterCommit) replacement = rule;
					else return sendReplacement(res, rule);
					break;
				default:
					break;
			}
		}
		const response = service.handle({
			method,
			version,
			resource,
			query: url.searchParams,
			headers: req.headers,
			body,
		});
		if (drop) {
			req.socket.destroy();
			return;
		}
		if (replacement) return sendReplacement(res, replacement);
		if (truncate && response.body !== undefined)
			return send(res, { ...response, body: truncateBody(response.body) });
		send(res, response);
	}

	function controlRequest(path: string, method: string, body: string): SlResponse {
		const ok = (value: unknown): SlResponse => ({
			status: 200,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(value),
		});
		const parsed = body ? JSON.parse(body) : undefined;
		switch (`${method} ${path}`) {
			case 'GET state':
				return ok(service.state);
			case 'GET stats':
				return ok(service.stats);
			case 'GET faults':
				return ok({ fired: injector.fired });
			case 'PUT faults':
				injector.setPlan(parsed as FaultPlan | undefined);
				return ok({ ok: true });
			case 'POST reset':
				emulator.reset(parsed?.seed);
				return ok({ ok: true });
			case 'POST expire-sessions':
				service.sessions.expireAll();
				return ok({ ok: true });
			case 'PUT clock': {
				const fixed = parsed?.now ? new Date(parsed.now) : undefined;
				emulator.setClock(fixed ? () => new Date(fixed) : undefined);
				return ok({ ok: true });
			}
			default:
				return {
					status: 404,
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ error: `unknown control ${method} /__emulator/${path}` }),
				};
		}
	}

	function sendReplacement(res: ServerResponse, rule: FaultRule): void {
		const answer = replacementAnswer(rule)!;
		send(res, {
			status: answer.status,
			headers: answer.contentType ? { 'Content-Type': answer.contentType } : {},
			body: answer.body,
		});
	}

	function send(res: ServerResponse, r: SlResponse): void {
		const headers: Record<string, string | string[]> = { ...r.headers };
		if (r.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(r.body));
		res.writeHead(r.status, headers);
		res.end(r.body);
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const addr = server.address() as AddressInfo;
	root = `http://${options.host ?? '127.0.0.1'}:${addr.port}`;
	return emulator;
}
