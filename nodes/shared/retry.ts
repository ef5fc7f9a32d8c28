import { sleep } from 'n8n-workflow';
import { describeHttpFailure, isTransient, type HttpFailure } from './httpError';

export interface RetryOptions {
	/** Further attempts after the first one. */
	retries: number;
	/** First back-off delay; doubles each attempt, with jitter. */
	baseDelayMs: number;
	/** Upper bound of one back-off delay. */
	maxDelayMs?: number;
	/** Decides whether a failure is worth another attempt (default: 429, 5xx, network errors). */
	shouldRetry?: (failure: HttpFailure, error: unknown) => boolean;
	/** Called before each new attempt (e.g. to check whether a timed-out write committed). */
	beforeRetry?: (failure: HttpFailure, attempt: number) => Promise<void> | void;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

function retryAfterMs(failure: HttpFailure): number | undefined {
	const body = failure.body as { retryAfter?: unknown } | undefined;
	const seconds = Number(body?.retryAfter);
	return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** Runs `attempt` and retries it with exponential back-off on transient failures. */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
	const shouldRetry = options.shouldRetry ?? ((failure) => isTransient(failure));
	for (let n = 0; ; n++) {
		try {
			return await attempt(n);
		} catch (error) {
			const failure = describeHttpFailure(error);
			if (n >= options.retries || !shouldRetry(failure, error)) throw error;
			const exp = options.baseDelayMs * 2 ** n;
			const jitter = Math.random() * options.baseDelayMs;
			const delay = Math.min(options.maxDelayMs ?? 30_000, retryAfterMs(failure) ?? exp + jitter);
			await sleep(delay);
			await options.beforeRetry?.(failure, n + 1);
		}
	}
}
