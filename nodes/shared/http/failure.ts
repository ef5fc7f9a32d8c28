import type { IDataObject } from 'n8n-workflow';
import { bodyAsText } from './bodyText';

/** What a failed HTTP call told us, whatever wrapped it (axios, n8n's NodeApiError, ...). */
export interface HttpFailure {
	/** HTTP status, or undefined for network errors (reset, refused, timeout). */
	status?: number;
	/** Parsed response body when there was one. */
	body?: unknown;
	/** Network error code such as ECONNRESET or ETIMEDOUT. */
	code?: string;
	/** The error's own message. */
	message: string;
	/** Delay the server asked for with `Retry-After` (429 / 503), in milliseconds. */
	retryAfterMs?: number;
	/**
	 * A 2xx answer without the shape its endpoint must have (an HTML page from a proxy, an empty
	 * or truncated body): worth another try, and a write that got it may have been done.
	 */
	unexpected?: boolean;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

function asObject(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' ? (value as IDataObject) : undefined;
}

/** A JSON body given as text or a Buffer, parsed; anything else as it is. */
export function parseBody(body: unknown): unknown {
	const text = bodyAsText(body);
	if (text !== undefined) {
		const trimmed = text.trim();
		if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
			try {
				return JSON.parse(trimmed);
			} catch {
				return text;
			}
		}
		return text;
	}
	return body;
}

/** `Retry-After` in milliseconds (delta seconds or an HTTP date), or undefined. */
export function retryAfterMs(headers: unknown, now = Date.now()): number | undefined {
	const h = asObject(headers);
	if (!h) return undefined;
	const raw = h['retry-after'] ?? h['Retry-After'];
	const value = String(Array.isArray(raw) ? raw[0] : (raw ?? '')).trim();
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
	const at = Date.parse(value);
	return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/**
 * Digs the status, body, Retry-After and network code out of an error thrown by n8n's request
 * helpers or by our clients. n8n wraps axios errors in NodeApiError (original in `cause`), older
 * versions keep `response` on the error itself; we look in all those places, never at request
 * headers.
 */
export function describeHttpFailure(error: unknown): HttpFailure {
	const seen = new Set<unknown>();
	const failure: HttpFailure = { message: '' };
	let current: unknown = error;
	while (current && !seen.has(current)) {
		seen.add(current);
		const err = asObject(current);
		if (!err) break;
		if (!failure.message && typeof err.message === 'string') failure.message = err.message;
		if (err.httpFailure && typeof err.httpFailure === 'object') {
			const known = err.httpFailure as unknown as HttpFailure;
			return { ...known, message: failure.message || known.message };
		}
		const response = asObject(err.response);
		if (response) {
			if (failure.status === undefined && typeof response.status === 'number')
				failure.status = response.status;
			if (failure.status === undefined && typeof response.statusCode === 'number')
				failure.status = response.statusCode;
			if (failure.body === undefined && response.data !== undefined)
				failure.body = parseBody(response.data);
			if (failure.body === undefined && response.body !== undefined)
				failure.body = parseBody(response.body);
			failure.retryAfterMs ??= retryAfterMs(response.headers);
		}
		if (
			failure.status === undefined &&
			typeof err.httpCode === 'string' &&
			/^\d{3}$/.test(err.httpCode)
		)
			failure.status = Number(err.httpCode);
		// n8n's NodeApiError keeps a network error's code as its httpCode; n8n 1.x keeps nothing
		// else of it (its `cause` is left undefined), 2.x also has the original error in `cause`.
		if (!failure.code && typeof err.httpCode === 'string' && NETWORK_CODES.has(err.httpCode))
			failure.code = err.httpCode;
		if (failure.status === undefined && typeof err.statusCode === 'number')
			failure.status = err.statusCode;
		if (!failure.code && typeof err.code === 'string' && NETWORK_CODES.has(err.code))
			failure.code = err.code;
		if (
			failure.body === undefined &&
			err.errorResponse !== undefined &&
			err.errorResponse !== current
		) {
			const inner = asObject(err.errorResponse);
			if (inner?.response) {
				current = inner;
				continue;
			}
		}
		current = err.cause ?? err.errorResponse;
	}
	if (!failure.code && /socket hang up|ECONNRESET/i.test(failure.message))
		failure.code = 'ECONNRESET';
	if (!failure.code && /timeout/i.test(failure.message) && failure.status === undefined)
		failure.code = 'ETIMEDOUT';
	return failure;
}

/** 429, 5xx, unexpected answers and network errors are worth another try; 4xx business errors are not. */
export function isTransient(failure: HttpFailure): boolean {
	if (failure.unexpected) return true;
	if (failure.status === undefined) return failure.code !== undefined;
	return failure.status === 429 || failure.status >= 500;
}

/** A network error, gateway answer or unexpected answer after which the server may or may not have committed. */
export function mayHaveCommitted(failure: HttpFailure): boolean {
	if (failure.unexpected) return true;
	if (failure.status === undefined)
		return failure.code !== undefined && failure.code !== 'ECONNREFUSED';
	return failure.status === 502 || failure.status === 504 || failure.status === 500;
}

/** The request timed out: the server may still be working on it. */
export function timedOut(failure: HttpFailure): boolean {
	return /^(ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT)$/.test(failure.code ?? '');
}
