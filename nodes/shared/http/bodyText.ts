/**
 * Readable text from a remote body that is not what we expected: an HTML error or maintenance
 * page, plain text, a truncated document. The one place that strips HTML for messages.
 */

const MAX = 200;

/** Cuts `text` to `max` characters with an ellipsis. */
export function clip(text: string, max = MAX): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The text of an HTML page: its `<title>` when it has one, else the visible text. */
export function htmlText(html: string): string {
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
	const text = (title ?? html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' '))
		.replace(/<[^>]+>/g, ' ')
		.replace(/&nbsp;/gi, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return clip(text);
}

export function looksLikeHtml(text: string): boolean {
	return /^\s*</.test(text) && /<(!doctype|html|head|body|title|h1|div|p)\b/i.test(text);
}

/** A body as text (Buffers decoded), or undefined when it is not text. */
export function bodyAsText(body: unknown): string | undefined {
	if (typeof body === 'string') return body;
	if (typeof Buffer !== 'undefined' && Buffer.isBuffer(body)) return body.toString('utf8');
	return undefined;
}

/** One line saying what a body is: `an empty body`, `an HTML page "Maintenance"`, `"first characters…"`. */
export function describeBody(body: unknown): string {
	if (body === undefined || body === null) return 'an empty body';
	const text = bodyAsText(body);
	if (text === undefined) {
		let json: string;
		try {
			json = JSON.stringify(body);
		} catch {
			json = String(body);
		}
		return `"${clip(json, 120)}"`;
	}
	const trimmed = text.trim();
	if (!trimmed) return 'an empty body';
	if (looksLikeHtml(trimmed)) return `an HTML page "${htmlText(trimmed) || 'without text'}"`;
	return `"${clip(trimmed.replace(/\s+/g, ' '), 120)}"`;
}
