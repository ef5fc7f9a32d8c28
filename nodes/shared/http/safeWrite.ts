/**
 * The one safe-write primitive: a write that is never done twice because an answer was lost.
 *
 * A write is sent with `send`. When it fails in a way after which the server may have done it
 * anyway (a timeout, a dropped connection, 500/502/504, a 2xx answer of the wrong shape), it is
 * not simply sent again: first `recover` looks at the remote system for the write's effect and,
 * when it finds it, that is the result. Writes that surely were not done (429, 503, a refused
 * connection) are sent again after the back-off. Without `recover`, an uncertain write is not
 * repeated and its failure is reported.
 */
import { sleep } from 'n8n-workflow';
import {
	describeHttpFailure,
	isTransient,
	mayHaveCommitted,
	timedOut,
	type HttpFailure,
} from './failure';
import { backOffDelay, type RetryPolicy } from './retry';
import { outcomeOf } from '../outcome';

export interface SafeWrite<T> {
	/** Sends the write once (its own transport must not retry it). */
	send: () => Promise<T>;
	/** After an uncertain failure: the result when the write turns out done, else undefined. */
	recover?: () => Promise<T | undefined>;
	policy: RetryPolicy;
	/** Reads a thrown error (default: describeHttpFailure). */
	describe?: (error: unknown) => HttpFailure;
	/** After a timeout the server may still be working: wait at least this long before looking. */
	settleAfterTimeoutMs?: number;
}

export interface WriteResult<T> {
	result: T;
	/** True when a lost answer's write was found by `recover` instead of answered. */
	recovered: boolean;
}

export async function safeWrite<T>(write: SafeWrite<T>): Promise<WriteResult<T>> {
	const describe = write.describe ?? describeHttpFailure;
	let uncertain = false;
	for (let n = 0; ; n++) {
		const sent = await outcomeOf(async () => await write.send());
		if (sent.ok) return { result: sent.value, recovered: false };
		const failure = describe(sent.error);
		uncertain ||= mayHaveCommitted(failure);
		if (n >= write.policy.retries || !isTransient(failure) || (uncertain && !write.recover))
			throw sent.error;
		const delay = backOffDelay(write.policy, n, failure);
		await sleep(timedOut(failure) ? Math.max(delay, write.settleAfterTimeoutMs ?? 0) : delay);
		if (uncertain && write.recover) {
			const found = await write.recover();
			if (found !== undefined) return { result: found, recovered: true };
		}
	}
}
