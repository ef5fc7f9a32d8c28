/**
 * Fault plan shared by the three emulated systems (Service Layer, Magento REST, SQL Server).
 * A plan is a list of rules; each request is matched against them in order and every matching
 * rule that still has uses left applies. Tests and benchmarks set a plan at start-up or at any
 * time through `setFaultPlan`, and read back what fired through `firedFaults`.
 */
export type FaultKind =
	/** Wait `latencyMs` before handling the request. */
	| 'latency'
	/** Answer with HTTP `status` (500, 502, 503, 429, ...) without touching state; an empty body when `emptyBody`. */
	| 'status'
	/** Destroy the socket before answering (client sees ECONNRESET / socket hang up). */
	| 'reset'
	/** Perform the request (state changes are committed), then destroy the socket instead of answering. */
	| 'commitThenDrop'
	/** Service Layer: expire the caller's session before handling the request (answers 401 / 301). */
	| 'sessionExpiry'
	/** Service Layer: make POST /Login take `latencyMs` longer. SQL: delay the login. */
	| 'slowLogin'
	/** SQL Server: refuse the login (error 18456). */
	| 'loginFailure'
	/**
	 * Answer HTTP `status` (default 200) with an HTML page, as a proxy, WAF or maintenance page does
	 * in front of the real system (nginx/Apache error pages, "Service Unavailable", Cloudflare).
	 */
	| 'html'
	/** Answer HTTP `status` (default 200) with an empty body. */
	| 'empty'
	/** Answer HTTP 200 with a plain-text body that is not JSON. */
	| 'nonJson'
	/** Perform the request, then send only the first half of the real (JSON) answer. */
	| 'truncated';

export interface FaultRule {
	kind: FaultKind;
	/** HTTP method to match (any when absent). */
	method?: string;
	/** Matched against the request path (without query); a string matches as a substring. */
	path?: string | RegExp;
	/** For `status`. */
	status?: number;
	/** For `status`: send no body (as an Apache load balancer in front of SAP does). */
	emptyBody?: boolean;
	/** For `latency` / `slowLogin`. */
	latencyMs?: number;
	/**
	 * For `latency` / `slowLogin`: a seeded uniform jitter, the latency drawn between `latencyMs`
	 * and this (with the plan's random generator) each time the rule applies.
	 */
	maxLatencyMs?: number;
	/**
	 * For `html`, `empty`, `nonJson`: perform the request first (its state changes are committed),
	 * then answer with the page instead of the real answer (a gateway that gave up waiting).
	 */
	afterCommit?: boolean;
	/** Apply to this many matching requests, then stop (unlimited when absent). */
	times?: number;
	/** Skip this many matching requests before applying. */
	after?: number;
	/** Apply to every n-th matching request only (1 = every one). */
	every?: number;
	/** Apply with this probability (0..1), using the plan's seeded random generator. */
	probability?: number;
}

export interface FaultPlan {
	rules: FaultRule[];
	/** Seed for `probability` so that runs are repeatable. */
	seed?: number;
}

export interface FiredFault {
	kind: FaultKind;
	method: string;
	path: string;
	at: number;
}

interface RuleState {
	rule: FaultRule;
	seen: number;
	applied: number;
}

/** Decides which faults apply to a request. One instance per emulated server. */
export class FaultInjector {
	private states: RuleState[] = [];
	private random: () => number = Math.random;
	readonly fired: FiredFault[] = [];

	constructor(plan?: FaultPlan) {
		this.setPlan(plan);
	}

	setPlan(plan?: FaultPlan): void {
		this.states = (plan?.rules ?? []).map((rule) => ({ rule, seen: 0, applied: 0 }));
		this.random = mulberry32(plan?.seed ?? 1);
		this.fired.length = 0;
	}

	/** The faults that apply to this request, in plan order. Counts the request against each rule. */
	decide(method: string, path: string): FaultRule[] {
		const out: FaultRule[] = [];
		for (const state of this.states) {
			const { rule } = state;
			if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
			if (rule.path !== undefined) {
				const ok = typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
				if (!ok) continue;
			}
			state.seen++;
			if (rule.after !== undefined && state.seen <= rule.after) continue;
			if (rule.times !== undefined && state.applied >= rule.times) continue;
			if (rule.every !== undefined && rule.every > 1 && state.seen % rule.every !== 0) continue;
			if (rule.probability !== undefined && this.random() >= rule.probability) continue;
			state.applied++;
			this.fired.push({ kind: rule.kind, method, path, at: Date.now() });
			if (
				rule.maxLatencyMs !== undefined &&
				(rule.kind === 'latency' || rule.kind === 'slowLogin')
			) {
				const min = rule.latencyMs ?? 0;
				out.push({
					...rule,
					latencyMs: min + this.random() * Math.max(0, rule.maxLatencyMs - min),
				});
			} else out.push(rule);
		}
		return out;
	}
}

/** A small seeded random generator (0 ≤ x < 1). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The HTML page a proxy in front of the system answers with (shape of nginx's default error page). */
export function proxyPage(status: number): string {
	const title =
		status === 200
			? 'Site under maintenance'
			: `${status} ${status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Temporarily Unavailable' : 'Error'}`;
	return `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
}

/** What a body-replacing fault answers instead of the real answer: status, headers and body. */
export function replacementAnswer(
	rule: FaultRule,
): { status: number; contentType?: string; body: string } | undefined {
	switch (rule.kind) {
		case 'html':
			return {
				status: rule.status ?? 200,
				contentType: 'text/html',
				body: proxyPage(rule.status ?? 200),
			};
		case 'empty':
			return { status: rule.status ?? 200, body: '' };
		case 'nonJson':
			return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'OK' };
		default:
			return undefined;
	}
}

/** The first half of a JSON answer (cut at a character boundary). */
export function truncateBody(body: string): string {
	return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}
