/**
 * The one retry primitive and the one back-off policy of the package, used by the Service Layer,
 * Magento and SQL Server clients. Retry-After, when the server sends it, is honoured (up to the
 * policy's maximum delay).
 */
import { sleep } from 'n8n-workflow';
import { describeHttpFailure, isTransient, type HttpFailure } from './failure';
import { outcomeOf } from '../outcome';

export interface RetryPolicy {
	/** Further attempts after the first one. */
	retries: number;
	/** First back-off delay; doubles each attempt, plus up to one base delay of jitter. */
	baseDelayMs: number;
	/** Upper bound of one delay (also of a Retry-After the server asks for). */
	maxDelayMs: number;
}

/** The policy for a node's Retries / Retry Delay options. */
export function retryPolicy(retries: number, baseDelayMs: number): RetryPolicy {
	return { retries, baseDelayMs, maxDelayMs: Math.max(baseDelayMs * 20, 1000) };
}

/** How long to wait before attempt `attempt + 1` (attempt counts from 0). */
export function backOffDelay(policy: RetryPolicy, attempt: number, failure?: HttpFailure): number {
	if (failure?.retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, failure.retryAfterMs);
	const exponential = policy.baseDelayMs * 2 ** attempt;
	return Math.min(policy.maxDelayMs, exponential + Math.random() * policy.baseDelayMs);
}

export interface RetryHooks {
	/** Reads a thrown error (default: describeHttpFailure). */
	describe?: (error: unknown) => HttpFailure;
	/** Whether a failure is worth another attempt (default: isTransient). */
	shouldRetry?: (failure: HttpFailure, error: unknown) => boolean;
	/** Called after the back-off delay, before the next attempt. */
	beforeRetry?: (failure: HttpFailure, attempt: number) => Promise<void> | void;
}

/** Runs `attempt` and retries it with back-off while its failures are transient. */
export async function withRetry<T>(
	attempt: (n: number) => Promise<T>,
	policy: RetryPolicy,
	hooks: RetryHooks = {},
): Promise<T> {
	const describe = hooks.describe ?? describeHttpFailure;
	const shouldRetry = hooks.shouldRetry ?? ((failure: HttpFailure) => isTransient(failure));
	for (let n = 0; ; n++) {
		const tried = await outcomeOf(async () => await attempt(n));
		if (tried.ok) return tried.value;
		const { error } = tried;
		const failure = describe(error);
		if (n >= policy.retries || !shouldRetry(failure, error)) throw error;
		await sleep(backOffDelay(policy, n, failure));
		await hooks.beforeRetry?.(failure, n + 1);
	}
}
