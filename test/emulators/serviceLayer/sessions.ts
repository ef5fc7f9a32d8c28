/** Service Layer sessions: `B1SESSION` cookie → session, idle timeout sliding on every request. */
import { randomUUID } from 'node:crypto';

export interface SlSession {
	id: string;
	companyDb: string;
	user: string;
	createdAt: number;
	lastSeen: number;
}

export class SessionStore {
	private sessions = new Map<string, SlSession>();
	created = 0;
	expired = 0;

	constructor(public timeoutMs: number) {}

	create(companyDb: string, user: string): SlSession {
		const now = Date.now();
		const s: SlSession = { id: randomUUID(), companyDb, user, createdAt: now, lastSeen: now };
		this.sessions.set(s.id, s);
		this.created++;
		return s;
	}

	/** The live session for this id (touching it), or undefined when unknown or idle too long. */
	touch(id: string | undefined): SlSession | undefined {
		if (!id) return undefined;
		const s = this.sessions.get(id);
		if (!s) return undefined;
		const now = Date.now();
		if (now - s.lastSeen > this.timeoutMs) {
			this.sessions.delete(id);
			this.expired++;
			return undefined;
		}
		s.lastSeen = now;
		return s;
	}

	expire(id: string | undefined): void {
		if (id && this.sessions.delete(id)) this.expired++;
	}

	expireAll(): void {
		this.expired += this.sessions.size;
		this.sessions.clear();
	}

	delete(id: string): void {
		this.sessions.delete(id);
	}

	/** Sessions that have not timed out. */
	get active(): number {
		const now = Date.now();
		return [...this.sessions.values()].filter((s) => now - s.lastSeen <= this.timeoutMs).length;
	}
}

/** Reads one cookie from a `Cookie` request header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
	for (const part of (header ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
	}
	return undefined;
}
