/**
 * Latency profiles, request scheduling and the request log shared by the emulated HTTP systems
 * (Service Layer, Magento REST). A profile gives each route a latency class: a seeded uniform
 * jitter between `minMs` and `maxMs`, plus optional costs per line of the request body and per
 * entity in the answer. The scheduler models the server's concurrency: at most
 * `maxConcurrent` requests in service at once (the others wait in arrival order) and, for the
 * Service Layer, optionally one request at a time per session. Every request is recorded in the
 * request log with its arrival, start (admitted) and end (answer sent) times, so tests can check
 * ordering and overlap from the emulator's own records and benchmarks can sum latencies by route.
 *
 * The profiles with their sources are in ./latencyProfiles.ts (figures cited in bench/README.md).
 */
import { mulberry32, sleepMs } from './faults';

export interface LatencyClass {
	/** Shown in the request log and the benchmarks, e.g. `login`, `document create`. */
	name: string;
	/**
	 * Matched against the request's route key, the one the emulator's stats use (Service Layer
	 * `POST Orders`, `GET Orders`, `POST Orders/Close`; Magento `GET /V1/orders/:id`): a string
	 * matches exactly, a RegExp by test; no `route` matches every request. First match wins.
	 */
	route?: string | RegExp;
	minMs: number;
	maxMs: number;
	/** Added per line of the request body (Service Layer `DocumentLines`, Magento `items`). */
	perLineMs?: number;
	/** Added per entity in the answer (Service Layer `value`, Magento `items`). */
	perResultMs?: number;
}

export interface LatencyProfile {
	name: string;
	/** In order; the first class whose route matches applies. A request no class matches gets no latency. */
	classes: LatencyClass[];
	/** Seed of the jitter (default 1): the same requests in the same order get the same latencies. */
	seed?: number;
}

export interface SchedulingOptions {
	/** Service Layer: one session serves its requests one at a time (the others of that session wait). */
	serialSessions?: boolean;
	/** At most this many requests in service at once, across sessions; the others wait in arrival order. */
	maxConcurrent?: number;
}

export interface RequestRecord {
	/** 1, 2, … in arrival order. */
	seq: number;
	method: string;
	/** The route key, as in the emulator's stats. */
	route: string;
	/** The latency class that applied (absent without a profile or when no class matched). */
	latencyClass?: string;
	/**
	 * Service Layer: the session the request ran on, numbered 1, 2, … in order of first sight
	 * (never the cookie itself); for a login, the session it created.
	 */
	session?: number;
	/** Epoch milliseconds (fractional): arrival, admission by the scheduler, answer sent. */
	arrivedAt: number;
	startedAt: number;
	endedAt: number;
	/** Time spent waiting for the session or a slot (startedAt − arrivedAt; 0 when admitted at once). */
	waitedMs: number;
	/** Latency the profile injected (base + lines + results). */
	latencyMs: number;
	/** Lines in the request body and entities in the answer, when the class counts them. */
	lines?: number;
	results?: number;
	status?: number;
}

/** Wall clock with sub-millisecond resolution, on the same epoch as Date.now(). */
export const nowMs = (): number => performance.timeOrigin + performance.now();

/** Picks a route's latency class and samples its latency with a seeded generator. */
export class LatencyModel {
	private random: () => number;

	constructor(readonly profile: LatencyProfile) {
		this.random = mulberry32(profile.seed ?? 1);
	}

	classFor(route: string): LatencyClass | undefined {
		return this.profile.classes.find(
			(c) =>
				c.route === undefined ||
				(typeof c.route === 'string' ? c.route === route : c.route.test(route)),
		);
	}

	/** The base latency (jitter + lines) of one request of this class. */
	sample(cls: LatencyClass, lines = 0): number {
		const span = Math.max(0, cls.maxMs - cls.minMs);
		return cls.minMs + this.random() * span + lines * (cls.perLineMs ?? 0);
	}
}

/** Admits requests: per-session serialisation (optional) and a cap of concurrent requests. */
export class RequestScheduler {
	private sessionTails = new Map<string, Promise<void>>();
	private active = 0;
	private waiting: Array<() => void> = [];

	constructor(public options: SchedulingOptions = {}) {}

	/** Waits until the request may be served; call the returned function when its answer is sent. */
	async admit(sessionKey?: string): Promise<() => void> {
		let releaseSession = () => {};
		if (this.options.serialSessions && sessionKey) {
			const previous = this.sessionTails.get(sessionKey) ?? Promise.resolve();
			let done!: () => void;
			const mine = new Promise<void>((resolve) => (done = resolve));
			const tail = previous.then(() => mine);
			this.sessionTails.set(sessionKey, tail);
			releaseSession = () => {
				done();
				if (this.sessionTails.get(sessionKey) === tail) this.sessionTails.delete(sessionKey);
			};
			await previous;
		}
		const cap = this.options.maxConcurrent;
		if (cap !== undefined && cap > 0 && this.active >= cap)
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		this.active++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.active--;
			this.waiting.shift()?.();
			releaseSession();
		};
	}
}

/** Counts a JSON body's lines (`DocumentLines` or `items` array); 0 when there are none. */
export function countLines(body: string): number {
	if (!body || !/"(DocumentLines|items)"/.test(body)) return 0;
	try {
		const parsed = JSON.parse(body) as { DocumentLines?: unknown; items?: unknown };
		const lines = Array.isArray(parsed?.DocumentLines) ? parsed.DocumentLines : parsed?.items;
		return Array.isArray(lines) ? lines.length : 0;
	} catch {
		return 0;
	}
}

/** Counts the entities of a JSON answer (`value` or `items` array); 0 when there are none. */
export function countResults(answer: string | undefined): number {
	if (!answer || !/"(value|items)"/.test(answer)) return 0;
	try {
		const parsed = JSON.parse(answer) as { value?: unknown; items?: unknown };
		const list = Array.isArray(parsed?.value) ? parsed.value : parsed?.items;
		return Array.isArray(list) ? list.length : 0;
	} catch {
		return 0;
	}
}

/**
 * One emulator's latency, scheduling and request log. `begin` is called when a request arrives
 * (after its route is known) and returns the request's handle: `beforeHandle` waits the base
 * latency, `beforeSend` the per-result latency, `end` records the request and frees its slot.
 */
export class RequestTimer {
	readonly log: RequestRecord[] = [];
	readonly scheduler: RequestScheduler;
	private model?: LatencyModel;
	private seq = 0;
	private sessionNumbers = new Map<string, number>();

	constructor(profile?: LatencyProfile, scheduling: SchedulingOptions = {}) {
		this.scheduler = new RequestScheduler(scheduling);
		this.setProfile(profile);
	}

	get profile(): LatencyProfile | undefined {
		return this.model?.profile;
	}

	setProfile(profile?: LatencyProfile): void {
		this.model = profile ? new LatencyModel(profile) : undefined;
	}

	setScheduling(options: SchedulingOptions): void {
		this.scheduler.options = { ...options };
	}

	/** The session's number in the log (assigned on first sight). */
	sessionNumber(key: string): number {
		let n = this.sessionNumbers.get(key);
		if (n === undefined) {
			n = this.sessionNumbers.size + 1;
			this.sessionNumbers.set(key, n);
		}
		return n;
	}

	/** Empties the log and forgets session numbers (emulator reset). */
	clear(): void {
		this.log.length = 0;
		this.seq = 0;
		this.sessionNumbers.clear();
	}

	async begin(
		method: string,
		route: string,
		body: string,
		sessionKey?: string,
	): Promise<RequestHandle> {
		const arrivedAt = nowMs();
		const seq = ++this.seq;
		const release = await this.scheduler.admit(sessionKey);
		const startedAt = nowMs();
		const cls = this.model?.classFor(route);
		const lines = cls?.perLineMs ? countLines(body) : undefined;
		const base = cls && this.model ? this.model.sample(cls, lines ?? 0) : 0;
		const record: RequestRecord = {
			seq,
			method,
			route,
			...(cls ? { latencyClass: cls.name } : {}),
			...(sessionKey ? { session: this.sessionNumber(sessionKey) } : {}),
			arrivedAt,
			startedAt,
			endedAt: startedAt,
			waitedMs: startedAt - arrivedAt,
			latencyMs: base,
			...(lines !== undefined ? { lines } : {}),
		};
		return new RequestHandle(this, record, cls, release);
	}

	record(r: RequestRecord): void {
		this.log.push(r);
	}
}

export class RequestHandle {
	private ended = false;

	constructor(
		private readonly timer: RequestTimer,
		readonly record: RequestRecord,
		private readonly cls: LatencyClass | undefined,
		private readonly release: () => void,
	) {}

	/** Waits the base latency (jitter + lines). */
	async beforeHandle(): Promise<void> {
		if (this.record.latencyMs > 0) await sleepMs(this.record.latencyMs);
	}

	/** Whether the class charges per entity in the answer (the caller then passes the answer to `beforeSend`). */
	get hasResultCost(): boolean {
		return Boolean(this.cls?.perResultMs);
	}

	/** Waits the per-result latency of the answer about to be sent (its JSON text, or its entity count). */
	async beforeSend(answer: string | number | undefined): Promise<void> {
		if (!this.cls?.perResultMs) return;
		const results = typeof answer === 'number' ? answer : countResults(answer);
		this.record.results = results;
		const extra = results * this.cls.perResultMs;
		this.record.latencyMs += extra;
		if (extra > 0) await sleepMs(extra);
	}

	/** Records the request (answer sent, or connection dropped) and frees its slot; idempotent. */
	end(status?: number, session?: number): void {
		if (this.ended) return;
		this.ended = true;
		this.record.endedAt = nowMs();
		if (status !== undefined) this.record.status = status;
		if (session !== undefined) this.record.session = session;
		this.timer.record(this.record);
		this.release();
	}
}
