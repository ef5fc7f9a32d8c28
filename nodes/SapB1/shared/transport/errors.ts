/**
 * Service Layer errors: reading SAP's error answers (the v1 envelope
 * `{"error":{"code":-5002,"message":{"lang":"en-us","value":"..."}}}`, the v2 envelope
 * `{"error":{"code":"-5002","message":"...","details":[...]}}`, empty bodies from a load balancer
 * in front of SAP, HTML pages) and turning any failure of a call into a ServiceLayerError: a
 * NodeApiError built from plain values (SAP's code and text; never the request's cookie or the
 * password) that carries the parsed failure for callers that branch on it.
 */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { UnexpectedAnswerError } from '../../../shared/http/answer';
import { bodyAsText, clip, htmlText, looksLikeHtml } from '../../../shared/http/bodyText';
import { describeHttpFailure, type HttpFailure } from '../../../shared/http/failure';

export interface SapErrorInfo {
	/** SAP's error code as a string ("-10", "301", ...), when the body carried one. */
	code?: string;
	/** SAP's error text, or a description of what came back instead. */
	text: string;
}

const EMPTY = (status: number | undefined) =>
	`HTTP ${status ?? '?'} with an empty body (Service Layer or its load balancer unavailable)`;

export function parseSapError(status: number | undefined, body: unknown): SapErrorInfo {
	const raw = bodyAsText(body);
	if (raw !== undefined) {
		const text = raw.trim();
		if (!text) return { text: EMPTY(status) };
		let parsed: unknown;
		if (text.startsWith('{')) {
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = undefined;
			}
		}
		if (parsed === undefined) {
			if (looksLikeHtml(text) || /<html|<body/i.test(text))
				return { text: `HTTP ${status ?? '?'}: ${htmlText(text) || 'HTML error page'}` };
			return { text: `HTTP ${status ?? '?'}: ${clip(text)}` };
		}
		body = parsed;
	}
	const error = (
		body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null
	)?.error;
	if (error && typeof error === 'object') {
		const code = error.code === undefined || error.code === null ? undefined : String(error.code);
		let text = '';
		if (typeof error.message === 'string') text = error.message;
		else if (error.message && typeof error.message === 'object')
			text = String((error.message as { value?: unknown }).value ?? '');
		if (Array.isArray(error.details)) {
			const extra = error.details
				.map((d) =>
					d && typeof d === 'object' ? String((d as { message?: unknown }).message ?? '') : '',
				)
				.filter((m) => m && m !== text);
			if (extra.length) text = [text, ...extra].filter(Boolean).join('; ');
		}
		return { code, text: text || `HTTP ${status ?? '?'}` };
	}
	if (body === undefined || body === null || body === '') return { text: EMPTY(status) };
	return { text: `HTTP ${status ?? '?'}` };
}

/** "SAP error -5002: Item number is missing ..." style text for messages. */
export function formatSapError(info: SapErrorInfo): string {
	return info.code !== undefined ? `SAP error ${info.code}: ${info.text}` : info.text;
}

/** What a failed Service Layer call told us; carried by ServiceLayerError. */
export interface SlFailure extends HttpFailure {
	/** SAP's error code ("-10", "-5002", "301", ...). */
	sapCode?: string;
	/** SAP's error text (or a description of an empty / HTML / unexpected answer). */
	sapText?: string;
}

/** NodeApiError thrown by the Service Layer client, with the parsed failure. */
export class ServiceLayerError extends NodeApiError {
	slFailure: SlFailure = { message: '' };

	/** Read by describeHttpFailure, so retries and safe writes see the original failure. */
	get httpFailure(): SlFailure {
		return this.slFailure;
	}
}

export interface ErrorInfo {
	method: string;
	/** URL or path of the request (only its path goes into the message). */
	path: string;
	itemIndex?: number;
	/** Prefix for the message, e.g. "Web order 000000101". */
	errorContext?: string;
}

/** Turns any failure of a Service Layer call into a ServiceLayerError. */
export function toServiceLayerError(
	node: INode,
	error: unknown,
	info: ErrorInfo,
): ServiceLayerError {
	if (error instanceof ServiceLayerError) return error;
	const failure: SlFailure = describeHttpFailure(error);
	let text: string;
	if (error instanceof UnexpectedAnswerError) {
		text = `Unexpected answer from the Service Layer: ${error.message}`;
		failure.sapText = error.message;
	} else if (failure.status !== undefined) {
		const sap = parseSapError(failure.status, failure.body);
		failure.sapCode = sap.code;
		failure.sapText = sap.text;
		text = formatSapError(sap);
		if (failure.status === 401 && sap.code === '100000027')
			text = `Login to the Service Layer failed: ${sap.text}`;
	} else if (failure.code) {
		text = `Could not reach the Service Layer (${failure.code === 'ETIMEDOUT' || failure.code === 'ECONNABORTED' ? 'timed out' : 'connection failed or reset'})`;
	} else {
		text = `Service Layer request failed${failure.message ? `: ${failure.message}` : ''}`;
	}
	const pathOnly = info.path.replace(/^https?:\/\/[^/]+/i, '').split('?')[0];
	const message = info.errorContext ? `${info.errorContext}: ${text}` : text;
	const description = `${info.method} ${pathOnly}${failure.status ? ` answered HTTP ${failure.status}` : ` failed (${failure.code ?? 'network error'})`}`;
	const plain: JsonObject = { message, description };
	if (failure.status !== undefined) plain.httpCode = String(failure.status);
	if (failure.sapCode !== undefined) plain.sapCode = failure.sapCode;
	const apiError = new ServiceLayerError(node, plain, {
		message,
		description,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex: info.itemIndex,
	});
	apiError.message = message; // n8n replaces messages that mention common network codes
	apiError.slFailure = {
		status: failure.status,
		code: failure.code,
		message,
		sapCode: failure.sapCode,
		sapText: failure.sapText,
		retryAfterMs: failure.retryAfterMs,
		unexpected: failure.unexpected,
	};
	return apiError;
}

/** The parsed failure of an error thrown by the client (or any other error). */
export function slFailureOf(error: unknown): SlFailure {
	if (error instanceof ServiceLayerError) return error.slFailure;
	return describeHttpFailure(error);
}
