/**
 * SAP B1 text field lengths and truncation. SAP's NVARCHAR(n) columns hold n UTF-16 code units
 * (SQL Server's definition; a character outside the BMP, e.g. most emoji, takes 2), so lengths
 * are counted in UTF-16 code units, and a text is cut on a grapheme boundary: an accent with its
 * letter, an emoji sequence (👩‍👩‍👧, 🇦🇹, 👍🏽) or a surrogate pair is never cut in half.
 *
 * Lengths from SAP's database reference for 10.0 (document address tables `*12`, e.g. RDR12:
 * StreetS/BlockS/CityS/CountyS nvarchar(100), ZipCodeS 20, StateS 3, CountryS 3; NumAtCard 100;
 * OCRD CardName 100), except where the node stays below it on purpose:
 * - ItemDescription (`Dscription`) is nvarchar(200) in 10.0 but 100 in 9.3 and older: cut at 100,
 *   so an order is accepted by every release;
 * - Building (`BuildingS`) is ntext in 10.0 (no length): cut at 100 like the street lines;
 * - Comments: 254 (SAP's remarks columns, e.g. BsComments nvarchar(254)).
 * Identifiers (tracking numbers, codes) are never cut: a shortened identifier is a wrong one.
 */

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

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts `text` to at most `max` UTF-16 code units (SAP's NVARCHAR length) on a grapheme boundary,
 * so no character (or combining sequence) is broken, and trims the whitespace left at the cut.
 */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	let out = '';
	for (const { segment } of graphemes.segment(text)) {
		if (out.length + segment.length > max) break;
		out += segment;
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
