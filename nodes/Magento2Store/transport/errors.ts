/** Magento error bodies → readable messages, and NodeApiErrors that never carry request details. */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { bodyAsText, clip, htmlText, looksLikeHtml } from '../../shared/http/bodyText';
import type { HttpFailure } from '../../shared/http/failure';

/**
 * Fills Magento's placeholders: `%1`, `%2` … from an array (1-based), `%name` from an object.
 * Unknown placeholders are left as they are.
 */
export function fillPlaceholders(message: string, parameters?: unknown): string {
	if (Array.isArray(parameters)) {
		return message.replace(/%(\d+)/g, (whole, n: string) => {
			const value = parameters[Number(n) - 1];
			return value === undefined || value === null ? whole : String(value);
		});
	}
	if (parameters && typeof parameters === 'object') {
		const params = parameters as Record<string, unknown>;
		const keys = Object.keys(params).sort((a, b) => b.length - a.length);
		if (keys.length === 0) return message;
		const pattern = new RegExp(
			`%(${keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
			'g',
		);
		return message.replace(pattern, (whole, key: string) => {
			const value = params[key];
			return value === undefined || value === null ? whole : String(value);
		});
	}
	return message;
}

/** The human message in a Magento error body (JSON with message/parameters/errors, or text/HTML). */
export function magentoErrorMessage(body: unknown): string | undefined {
	if (body && typeof body === 'object') {
		const b = body as { message?: unknown; parameters?: unknown; errors?: unknown };
		if (typeof b.message !== 'string') return undefined;
		let message = fillPlaceholders(b.message, b.parameters);
		if (Array.isArray(b.errors)) {
			const extra = b.errors
				.map((e) => (e && typeof e === 'object' ? magentoErrorMessage(e) : undefined))
				.filter((m): m is string => !!m && !message.includes(m));
			if (extra.length) message += ` (${extra.join('; ')})`;
		}
		return message.trim();
	}
	const text = bodyAsText(body)?.trim();
	if (text)
		return (looksLikeHtml(text) ? htmlText(text) : clip(text.replace(/\s+/g, ' '))) || undefined;
	return undefined;
}

const BEARER_REFUSED = /consumer isn't authorized/i;
const SIGNATURE_REFUSED = /Signature method (\S+) is not supported/i;

/** One sentence about what went wrong, from the failure of a call to Magento. */
export function describeMagentoFailure(
	failure: HttpFailure,
	authType?: string,
): { message: string; description?: string } {
	if (failure.unexpected) return { message: `Unexpected answer from Magento: ${failure.message}` };
	const remote = magentoErrorMessage(failure.body);
	if (failure.status === undefined) {
		return {
			message: `Magento 2 could not be reached (${failure.code ?? failure.message ?? 'network error'})`,
		};
	}
	const message = remote ?? `HTTP ${failure.status}`;
	let description: string | undefined;
	if (failure.status === 401 && authType === 'bearer' && BEARER_REFUSED.test(message)) {
		description =
			'The store refused the integration access token as a bearer token. Magento 2.4.4+ accepts it only when "Allow OAuth Access Tokens to be used as standalone Bearer tokens" is Yes (Stores > Configuration > Services > OAuth > Consumer Settings; oauth/consumer/enable_integration_as_bearer). Switch the credential to OAuth 1.0a with the integration\'s consumer key/secret and access token/secret.';
	} else if (failure.status === 400 && SIGNATURE_REFUSED.test(message)) {
		description =
			"The store does not accept this OAuth signature method: Magento 2.4.4 and later support only HMAC-SHA256. Set the credential's Signature Method to HMAC-SHA256.";
	} else if (failure.status === 401) {
		description = "Check the credential: keys, tokens and the integration's API resources (ACL).";
	}
	return { message, description };
}

/** A NodeApiError composed from plain values only (never the raw request/response objects). */
export function magentoApiError(
	node: INode,
	failure: HttpFailure,
	context: { subject?: string; itemIndex?: number; authType?: string },
): NodeApiError {
	const { message, description } = describeMagentoFailure(failure, context.authType);
	const full = context.subject ? `${context.subject}: ${message}` : message;
	const httpCode = failure.status !== undefined ? String(failure.status) : undefined;
	const plain: JsonObject = {
		message: full,
		...(httpCode ? { httpCode } : {}),
		...(description ? { description } : {}),
	};
	const error = new NodeApiError(node, plain, {
		message: full,
		description,
		httpCode,
		itemIndex: context.itemIndex,
	});
	// NodeApiError swaps messages that mention network codes for a generic text; keep the record's name.
	error.message = full;
	return error;
}
