/**
 * The coordination store in this n8n process's memory. In regular mode every execution of every
 * workflow (scheduled, webhook, CLI and editor test runs) runs in the main n8n process, so this is
 * shared by all of them; it is not shared across queue-mode workers (use Redis there). JavaScript
 * runs one piece of code at a time, so each operation below is atomic.
 */
import type {
	Acquired,
	CommitOutcome,
	CoordinationStore,
	Holder,
	InterruptedRun,
	Lease,
	Versioned,
} from './types';

interface Claim extends Holder {
	expiresAt: number;
}

const leases = new Map<string, Lease>();
const tokens = new Map<string, number>();
const states = new Map<string, Versioned<unknown>>();
const claims = new Map<string, Map<string, Claim>>();
const notes = new Map<
	string,
	{ token: number; executionId: string; since: string; ids: Set<string> }
>();

const live = <T extends { expiresAt: number }>(entry: T | undefined, now: number): T | undefined =>
	entry && entry.expiresAt > now ? entry : undefined;

export class ProcessStore implements CoordinationStore {
	readonly kind = 'process' as const;

	async acquire(key: string, holder: Holder, ttlMs: number): Promise<Acquired> {
		const now = Date.now();
		const current = live(leases.get(key), now);
		// The same execution starting the checkpoint again (a second Start) takes its own lease over.
		if (current && current.executionId !== holder.executionId)
			return { acquired: false, heldBy: { ...current } };
		const token = (tokens.get(key) ?? 0) + 1;
		tokens.set(key, token);
		const lease: Lease = { ...holder, token, expiresAt: now + ttlMs };
		leases.set(key, lease);
		return { acquired: true, lease: { ...lease } };
	}

	async renew(key: string, token: number, ttlMs: number): Promise<boolean> {
		const current = live(leases.get(key), Date.now());
		if (!current || current.token !== token) return false;
		current.expiresAt = Date.now() + ttlMs;
		return true;
	}

	async release(key: string, token: number): Promise<void> {
		if (leases.get(key)?.token === token) leases.delete(key);
	}

	async load<T>(key: string): Promise<Versioned<T> | undefined> {
		const stored = states.get(key);
		return stored ? (JSON.parse(JSON.stringify(stored)) as Versioned<T>) : undefined;
	}

	async commit<T>(
		key: string,
		token: number,
		baseVersion: number,
		newVersion: number,
		value: T,
	): Promise<CommitOutcome> {
		const current = live(leases.get(key), Date.now());
		if (current && current.token !== token)
			return { committed: false, reason: 'held', heldBy: { ...current } };
		const version = states.get(key)?.version ?? 0;
		if (version !== baseVersion) return { committed: false, reason: 'stale' };
		states.set(key, { version: newVersion, value: JSON.parse(JSON.stringify(value)) });
		if (current) leases.delete(key);
		if (notes.get(key)?.token === token) notes.delete(key);
		return { committed: true, version: newVersion };
	}

	async claim(
		key: string,
		ids: readonly string[],
		holder: Holder,
		ttlMs: number,
	): Promise<Map<string, Holder>> {
		const now = Date.now();
		let table = claims.get(key);
		if (!table) claims.set(key, (table = new Map()));
		const busy = new Map<string, Holder>();
		for (const id of ids) {
			const other = live(table.get(id), now);
			if (other && other.executionId !== holder.executionId)
				busy.set(id, { executionId: other.executionId, since: other.since });
		}
		for (const id of ids) if (!busy.has(id)) table.set(id, { ...holder, expiresAt: now + ttlMs });
		return busy;
	}

	async unclaim(key: string, ids: readonly string[], holder: Holder): Promise<void> {
		const table = claims.get(key);
		if (!table) return;
		for (const id of ids) if (table.get(id)?.executionId === holder.executionId) table.delete(id);
		if (table.size === 0) claims.delete(key);
	}

	async takeOverNotes(key: string, lease: Lease): Promise<InterruptedRun | undefined> {
		const previous = notes.get(key);
		notes.set(key, {
			token: lease.token,
			executionId: lease.executionId,
			since: lease.since,
			ids: new Set(),
		});
		if (!previous || previous.token === lease.token || previous.ids.size === 0) return undefined;
		return { executionId: previous.executionId, since: previous.since, ids: [...previous.ids] };
	}

	async note(key: string, token: number, ids: readonly string[]): Promise<void> {
		const current = notes.get(key);
		if (current?.token === token) for (const id of ids) current.ids.add(id);
	}

	async close(): Promise<void> {}
}

/** Forgets everything (tests). */
export function resetProcessStore(): void {
	leases.clear();
	tokens.clear();
	states.clear();
	claims.clear();
	notes.clear();
}
