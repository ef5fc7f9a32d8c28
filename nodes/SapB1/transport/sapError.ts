/**
 * Reads SAP Business One Service Layer error answers: the v1 envelope
 * `{"error":{"code":-5002,"message":{"lang":"en-us","value":"..."}}}`, the v2 envelope
 * `{"error":{"code":"-5002","message":"...","details":[...]}}`, empty bodies from a load balancer
 * in front of SAP (500/502/503) and HTML error pages.
 */
export interface SapErrorInfo {
	/** SAP's error code as a string ("-10", "301", ...), when the body carried one. */
	code?: string;
	/** SAP's error text, or a description of what came back instead. */
	text: string;
}

function stripHtml(html: string): string {
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
	const text = (title ?? html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ''))
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

export function parseSapError(status: number | undefined, body: unknown): SapErrorInfo {
	if (typeof Buffer !== 'undefined' && Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		const text = body.trim();
		if (!text) return { text: `HTTP ${status ?? '?'} with an empty body (Service Layer or its load balancer unavailable)` };
		const parsed = text.startsWith('{') ? parseJson(text) : undefined;
		if (parsed === undefined) {
			if (/^<|<html|<body/i.test(text)) return { text: `HTTP ${status ?? '?'}: ${stripHtml(text) || 'HTML error page'}` };
			return { text: `HTTP ${status ?? '?'}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}` };
		}
		body = parsed;
	}
	const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
	if (error && typeof error === 'object') {
		const code = error.code === undefined || error.code === null ? undefined : String(error.code);
		let text = '';
		if (typeof error.message === 'string') text = error.message;
		else if (error.message && typeof error.message === 'object')
			text = String((error.message as { value?: unknown }).value ?? '');
		if (Array.isArray(error.details)) {
			const extra = error.details
				.map((d) => (d && typeof d === 'object' ? String((d as { message?: unknown }).message ?? '') : ''))
				.filter((m) => m && m !== text);
			if (extra.length) text = [text, ...extra].filter(Boolean).join('; ');
		}
		return { code, text: text || `HTTP ${status ?? '?'}` };
	}
	if (body === undefined || body === null || body === '')
		return { text: `HTTP ${status ?? '?'} with an empty body (Service Layer or its load balancer unavailable)` };
	return { text: `HTTP ${status ?? '?'}` };
}

/** "[-5002] Item number is missing ..." style text for messages. */
export function formatSapError(info: SapErrorInfo): string {
	return info.code !== undefined ? `SAP error ${info.code}: ${info.text}` : info.text;
}
