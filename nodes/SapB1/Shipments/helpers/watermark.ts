/**
 * The delivery watermark: the moment of a delivery's last change in SAP server time, plus its
 * DocEntry as tie-breaker. Deliveries are read in (UpdateDate, UpdateTS, DocEntry) order and a
 * delivery is "after" a watermark when its tuple is greater, so two deliveries changed in the
 * same second are neither missed nor read twice.
 */
import { parseJson } from '../../../shared/json';
import { updateTimeToInt, updateTimeToText } from '../../shared/updateTime';

export interface Watermark {
	/** UpdateDate, `YYYY-MM-DD`. */
	date: string;
	/** UpdateTS as `HH:MM:SS`. */
	time: string;
	docEntry: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d{2}:\d{2})/;

/** `YYYY-MM-DD` from a Date (UTC fields, as mssql returns SQL datetimes) or a date/ISO string. */
export function toSapDate(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return null;
		return value.toISOString().slice(0, 10);
	}
	const match = DATE.exec(String(value).trim());
	return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** UpdateTS / UpdateTime in any accepted form → int HHMMSS (throws when invalid). */
export const timeToInt = updateTimeToInt;

/** UpdateTS / UpdateTime in any accepted form → `HH:MM:SS` (throws when invalid). */
export const timeToText = updateTimeToText;

/** Orders watermarks as tuples: negative when a < b. */
export function compareWatermarks(a: Watermark, b: Watermark): number {
	if (a.date !== b.date) return a.date < b.date ? -1 : 1;
	const ta = timeToInt(a.time);
	const tb = timeToInt(b.time);
	if (ta !== tb) return ta < tb ? -1 : 1;
	return a.docEntry - b.docEntry;
}

/** True when `w` is strictly after `after` (always true without `after`). */
export function isAfterWatermark(w: Watermark, after: Watermark | undefined): boolean {
	return after === undefined || compareWatermarks(w, after) > 0;
}

function isEmpty(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string') return value.trim() === '' || value.trim() === '{}';
	return typeof value === 'object' && Object.keys(value as object).length === 0;
}

/**
 * Reads a watermark given as an object or JSON text: `{ date, time?, docEntry? }`, `time` as
 * `HH:MM:SS` or int HHMMSS. Also accepts an item carrying it under `watermark` or `cursor`.
 * Empty input (nothing, '', {}) means "from the beginning" and gives undefined.
 * Throws an Error naming the bad field otherwise.
 */
export function parseWatermark(input: unknown): Watermark | undefined {
	if (isEmpty(input)) return undefined;
	let value = input;
	if (typeof value === 'string') {
		const text = value.trim();
		if (DATE.test(text)) {
			// A timestamp 'YYYY-MM-DD HH:MM:SS' (SAP server time): everything from that second on.
			const time = /^\d{4}-\d{2}-\d{2}[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(text)?.[1];
			return fromParts(text, time, undefined);
		}
		const parsed = parseJson(text);
		if (!parsed.ok) throw new Error('Watermark is neither a JSON object nor a date (YYYY-MM-DD)');
		value = parsed.value;
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new Error(
			'Watermark must be an object like { "date": "2025-06-03", "time": "10:15:00", "docEntry": 12 }',
		);
	const obj = value as Record<string, unknown>;
	if (obj.date === undefined) {
		for (const key of ['watermark', 'cursor'])
			if (typeof obj[key] === 'object' || typeof obj[key] === 'string')
				return parseWatermark(obj[key]);
		if (Object.values(obj).every(isEmpty)) return undefined;
	}
	return fromParts(obj.date, obj.time, obj.docEntry);
}

/** Builds a watermark from separate fields; an empty date means "from the beginning". */
export function fromParts(date: unknown, time: unknown, docEntry: unknown): Watermark | undefined {
	if (isEmpty(date)) {
		if (!isEmpty(time) || (!isEmpty(docEntry) && Number(docEntry) !== 0))
			throw new Error('Watermark date is missing (time and DocEntry need a date)');
		return undefined;
	}
	const day = toSapDate(date);
	if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
		throw new Error(`Watermark date "${String(date)}" is not a date (YYYY-MM-DD)`);
	let t: string | undefined;
	try {
		t = timeToText(time);
	} catch {
		t = undefined;
	}
	if (t === undefined)
		throw new Error(`Watermark time "${String(time)}" is not a time (HH:MM:SS or HHMMSS)`);
	const entry = isEmpty(docEntry) ? 0 : Number(docEntry);
	if (!Number.isInteger(entry) || entry < 0)
		throw new Error(`Watermark docEntry "${String(docEntry)}" is not a whole number`);
	return { date: day, time: t, docEntry: entry };
}
