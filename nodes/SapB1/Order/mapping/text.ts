/** SAP B1 text field lengths and truncation (by characters, never splitting a surrogate pair). */

export const SAP_FIELD_LENGTHS = {
	Street: 100,
	Building: 100,
	City: 100,
	ZipCode: 20,
	County: 100,
	State: 3,
	Country: 3,
	CardName: 100,
	ItemDescription: 100,
	NumAtCard: 100,
	Comments: 254,
} as const;

/**
 * Cuts `text` to at most `max` UTF-16 code units (SAP's NVARCHAR length), dropping a trailing
 * half of a surrogate pair so no character is broken, and trims the whitespace left at the cut.
 */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	let out = '';
	for (const ch of text) {
		if (out.length + ch.length > max) break;
		out += ch;
	}
	return out.trimEnd();
}

/** A trimmed string from a Magento text value, or undefined when empty or not text. */
export function cleanText(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return undefined;
	const t = value.trim();
	return t === '' ? undefined : t;
}

/** cleanText + truncate; undefined when empty. */
export function sapText(value: unknown, max: number): string | undefined {
	const t = cleanText(value);
	return t === undefined ? undefined : truncate(t, max);
}
