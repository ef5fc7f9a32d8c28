/**
 * Coordination between executions: the checkpoint lease (one run per checkpoint at a time, with a
 * fencing version on its state) and per-record claims (one execution at a time works on a record).
 * Two stores implement it: the memory of this n8n process (all executions of a regular-mode n8n,
 * editor test runs included) and Redis (shared by every process of a queue-mode installation).
 */

/** Who holds a lease or a claim: the execution, and since when. */
export interface Holder {
	executionId: string;
	/** ISO time the lease or claim was taken. */
	since: string;
}

export interface Lease extends Holder {
	/** Fencing token: increases with every acquisition of the checkpoint's lease. */
	token: number;
	/** Epoch ms when the lease runs out unless renewed. */
	expiresAt: number;
}

export type Acquired = { acquired: true; lease: Lease } | { acquired: false; heldBy: Lease };

/** The committed state of a checkpoint with its version (+1 at every commit). */
export interface Versioned<T> {
	version: number;
	value: T;
}

export type CommitOutcome =
	| { committed: true; version: number }
	| { committed: false; reason: 'held' | 'stale'; heldBy?: Lease };

export interface CoordinationStore {
	/** 'process' (this n8n process's memory) or 'redis'. */
	readonly kind: 'process' | 'redis';
	/** Takes the lease when it is free (or expired); otherwise says who holds it. */
	acquire(key: string, holder: Holder, ttlMs: number): Promise<Acquired>;
	/** Extends the lease when `token` still holds it; false when it was lost. */
	renew(key: string, token: number, ttlMs: number): Promise<boolean>;
	/** Gives the lease up when `token` holds it. */
	release(key: string, token: number): Promise<void>;
	/** The committed state, or undefined when none was committed to this store. */
	load<T>(key: string): Promise<Versioned<T> | undefined>;
	/**
	 * Writes the state and releases the lease, atomically, only when `token` still holds the lease
	 * (or nobody does) and the stored version is still `baseVersion`: a run whose lease was lost
	 * can never overwrite what a later run committed. The state is stored as `newVersion`.
	 */
	commit<T>(
		key: string,
		token: number,
		baseVersion: number,
		newVersion: number,
		value: T,
	): Promise<CommitOutcome>;
	/**
	 * Claims records for one holder: returns the records another live holder has claimed (those
	 * are not claimed); the others are claimed for `ttlMs`.
	 */
	claim(
		key: string,
		ids: readonly string[],
		holder: Holder,
		ttlMs: number,
	): Promise<Map<string, Holder>>;
	/** Releases the holder's claims on these records. */
	unclaim(key: string, ids: readonly string[], holder: Holder): Promise<void>;
	/**
	 * Called by a run that has just taken the lease: returns what an earlier run that held the lease
	 * noted as fetched and never committed (it died, or lost its lease), and starts this run's note.
	 */
	takeOverNotes(key: string, lease: Lease): Promise<InterruptedRun | undefined>;
	/** Notes records the run (the lease `token`) has fetched; forgotten when the run commits. */
	note(key: string, token: number, ids: readonly string[]): Promise<void>;
	/** Closes connections (Redis). */
	close(): Promise<void>;
}

/** A run that fetched records and never committed them. */
export interface InterruptedRun {
	executionId: string;
	since: string;
	ids: string[];
}
