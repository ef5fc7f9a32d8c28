/**
 * Reads the Also Fetch Deliveries option: comma-separated DocEntries ("12, 15"), a JSON array
 * text ("[12, 15]"), a single number, or what an expression returns (an array of numbers or
 * digit strings, e.g. a sync checkpoint's `retryIds`). Blank entries are skipped, repeats
 * dropped (first kept); anything else that is not a positive whole number is refused by value.
 */
import { parseJson } from '../../../shared/json';

export function parseDocEntryList(input: unknown): number[] {
	const out: number[] = [];
	const add = (value: unknown) => {
		if (typeof value === 'string' && value.trim() === '') return;
		const entry = toDocEntry(value);
		if (entry === undefined)
			throw new Error(`${describe(value)} is not a DocEntry (a positive whole number)`);
		if (!out.includes(entry)) out.push(entry);
	};
	if (input === undefined || input === null) return out;
	if (Array.isArray(input)) input.forEach(add);
	else if (typeof input === 'string') {
		const text = input.trim();
		if (text.startsWith('[')) {
			const parsed = parseJson(text);
			if (!parsed.ok) throw new Error(`${describe(input)} is not a list of DocEntries`);
			return parseDocEntryList(parsed.value);
		}
		text.split(/[,;\s]+/).forEach(add);
	} else add(input);
	return out;
}

function toDocEntry(value: unknown): number | undefined {
	if (typeof value === 'number')
		return Number.isSafeInteger(value) && value > 0 ? value : undefined;
	if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
		const n = Number(value);
		return Number.isSafeInteger(n) && n > 0 ? n : undefined;
	}
	return undefined;
}

function describe(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
}
