/**
 * Sync cursors and their order. A cursor is where the last run stopped reading; it takes one of
 * three forms, chosen by the workflow:
 * - a watermark object `{ date, time, docEntry }` (SAP B1: UpdateDate, UpdateTS, DocEntry as
 *   tie-breaker), `time` as `HH:MM:SS` or int HHMMSS;
 * - a timestamp string (Magento `updated_at` 'YYYY-MM-DD HH:MM:SS', or ISO 8601);
 * - a timestamp with an id as tie-breaker `{ at, id }` (Magento: updated_at and entity_id), so that
 *   a run bounded by Max Records Per Run can stop between two records changed in the same second;
 * - a number (an increasing id).
 * Watermarks and timestamps are both points in time and compare with each other (a timestamp sorts
 * before every watermark of the same second); numbers compare with numbers.
 */
import type { IDataObject } from 'n8n-workflow';
import { updateTimeSeconds } from '../../SapB1/shared/updateTime';
import { parseJson } from '../../shared/json';

export type Cursor = string | number | IDataObject | null;

export type CursorKind = 'time' | 'number' | 'text';

interface CursorKey {
	kind: CursorKind;
	/** Milliseconds (time) or the number itself. */
	value: number;
	/** Tie-breaker: the watermark's docEntry, -Infinity for plain timestamps. */
	tie: number;
	/** For unparseable text: the text, compared as text. */
	text: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Seconds since midnight of a watermark's time (any form SAP sends); NaN when invalid. */
export const timeToSeconds = updateTimeSeconds;

/** Epoch milliseconds of a timestamp string; 'YYYY-MM-DD[ HH:MM:SS]' without zone is read as UTC. */
export function timestampToMs(text: string): number {
	const trimmed = text.trim();
	if (!DATE.test(trimmed)) return NaN;
	let iso = trimmed.replace(/^(\d{4}-\d{2}-\d{2})[ T]/, '$1T');
	if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += 'T00:00:00';
	if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) iso += 'Z';
	return Date.parse(iso);
}

function watermarkKey(cursor: IDataObject): CursorKey | undefined {
	// A timestamp with an id as tie-breaker, e.g. a Magento order's { at: updated_at, id: entity_id }.
	if (typeof cursor.at === 'string' && cursor.date === undefined) {
		const ms = timestampToMs(cursor.at);
		const id =
			cursor.id === undefined || cursor.id === null || cursor.id === ''
				? -Infinity
				: Number(cursor.id);
		if (Number.isNaN(ms) || Number.isNaN(id)) return undefined;
		return { kind: 'time', value: ms, tie: id, text: '' };
	}
	const date = cursor.date instanceof Date ? cursor.date.toISOString() : cursor.date;
	const match = typeof date === 'string' ? DATE.exec(date.trim()) : null;
	if (!match) return undefined;
	const seconds = timeToSeconds(cursor.time);
	const docEntry = cursor.docEntry ?? cursor.DocEntry;
	const tie =
		docEntry === undefined || docEntry === null || docEntry === '' ? -Infinity : Number(docEntry);
	if (Number.isNaN(seconds) || Number.isNaN(tie)) return undefined;
	const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	return { kind: 'time', value: day + seconds * 1000, tie, text: '' };
}

function keyOf(cursor: Exclude<Cursor, null>): CursorKey {
	if (typeof cursor === 'number')
		return { kind: 'number', value: cursor, tie: -Infinity, text: '' };
	if (typeof cursor === 'string') {
		const text = cursor.trim();
		if (NUMBER.test(text)) return { kind: 'number', value: Number(text), tie: -Infinity, text: '' };
		const ms = timestampToMs(text);
		if (!Number.isNaN(ms)) return { kind: 'time', value: ms, tie: -Infinity, text: '' };
		return { kind: 'text', value: 0, tie: -Infinity, text };
	}
	const key = watermarkKey(cursor);
	if (!key)
		throw new Error(
			`invalid cursor ${JSON.stringify(cursor)}: a watermark needs "date" (YYYY-MM-DD), "time" (HH:MM:SS or HHMMSS) and "docEntry" (number); a timestamp cursor with a tie-breaker needs "at" (YYYY-MM-DD HH:MM:SS) and "id" (number)`,
		);
	return key;
}

/** Throws an Error saying what is wrong when `cursor` cannot be used as a cursor. */
export function validateCursor(cursor: unknown): Cursor {
	if (cursor === null || cursor === undefined || cursor === '') return null;
	if (typeof cursor === 'number') {
		if (!Number.isFinite(cursor)) throw new Error(`invalid cursor ${cursor}`);
		return cursor;
	}
	if (typeof cursor === 'string') return cursor;
	if (typeof cursor === 'object' && !Array.isArray(cursor)) {
		keyOf(cursor as IDataObject);
		return cursor as IDataObject;
	}
	throw new Error(
		`invalid cursor ${JSON.stringify(cursor)}: use a timestamp, a number or a {date, time, docEntry} object`,
	);
}

/**
 * Reads a cursor typed by the user: '' = none, JSON object text = watermark, digits = number,
 * anything else = timestamp text. Objects and numbers (from expressions) are taken as they are.
 */
export function parseCursorInput(input: unknown): Cursor {
	if (typeof input !== 'string') return validateCursor(input);
	const text = input.trim();
	if (text === '' || text === '{}') return null;
	if (text.startsWith('{')) {
		const parsed = parseJson(text);
		if (!parsed.ok) throw new Error(`the cursor ${text} is not valid JSON (${parsed.reason})`);
		return validateCursor(parsed.value);
	}
	if (NUMBER.test(text)) return Number(text);
	return text;
}

export function cursorKind(cursor: Exclude<Cursor, null>): CursorKind {
	return keyOf(cursor).kind;
}

/**
 * Orders two cursors: negative when a < b, 0 when equal, positive when a > b. `null` (no cursor)
 * sorts first. Cursors of different kinds sort by kind (time < number < text) so the order is total.
 */
export function compareCursors(a: Cursor, b: Cursor): number {
	if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
	const ka = keyOf(a);
	const kb = keyOf(b);
	if (ka.kind !== kb.kind) {
		const rank: Record<CursorKind, number> = { time: 0, number: 1, text: 2 };
		return rank[ka.kind] - rank[kb.kind];
	}
	if (ka.kind === 'text') return ka.text < kb.text ? -1 : ka.text > kb.text ? 1 : 0;
	if (ka.value !== kb.value) return ka.value < kb.value ? -1 : 1;
	if (ka.tie === kb.tie) return 0;
	return ka.tie < kb.tie ? -1 : 1;
}

/** The greatest of the cursors given (null when none). */
export function maxCursor(cursors: Cursor[]): Cursor {
	return cursors.reduce<Cursor>((max, c) => (compareCursors(c, max) > 0 ? c : max), null);
}

/**
 * The cursor after a run: the greatest fetched cursor, but never before `before`. When the fetched
 * cursors are of another kind than `before` (the workflow changed its cursor), they win.
 */
export function advanceCursor(before: Cursor, fetched: Cursor[]): Cursor {
	const newest = maxCursor(fetched);
	if (newest === null) return before;
	if (before === null || cursorKind(before) !== cursorKind(newest)) return newest;
	return compareCursors(newest, before) > 0 ? newest : before;
}
