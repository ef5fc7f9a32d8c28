/** Body checks a real Service Layer makes before it touches the database. */
import { errors } from './errors';
import type { SapTextColumn } from '../seed/sapLengths';

export type Body = Record<string, unknown>;

/** Unknown properties are refused (`Property 'X' of 'Document' is invalid`); OData annotations are ignored. */
export function checkProps(
	body: Body,
	allowed: ReadonlySet<string>,
	type: string,
	userFields: readonly string[] = [],
): void {
	for (const key of Object.keys(body)) {
		if (key.startsWith('odata.') || key.startsWith('@odata.') || key.includes('@odata.')) continue;
		if (key.startsWith('U_') ? !userFields.includes(key) : !allowed.has(key))
			throw errors.invalidProperty(key, type);
	}
}

export function checkObject(value: unknown, name: string): Body {
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		throw errors.syntax(`Invalid value for property '${name}': an object is expected`);
	return value as Body;
}

export function checkArray(value: unknown, name: string): Body[] {
	if (!Array.isArray(value))
		throw errors.syntax(`Invalid value for property '${name}': a collection is expected`);
	return value.map((v, i) => checkObject(v, `${name}[${i}]`));
}

/**
 * Rejects texts longer than their SAP column (SAP never truncates; clients must). NVARCHAR(n)
 * holds n UTF-16 code units, so `String.length` is SAP's count (an emoji outside the BMP is 2).
 */
export function checkLengths(
	obj: Body,
	type: string,
	lengths: Record<string, SapTextColumn>,
	suffix = '',
): void {
	for (const [key, { length: max }] of Object.entries(lengths)) {
		const v = obj[key];
		if (typeof v === 'string' && v.length > max) {
			throw errors.validation(
				`Value too long in property '${key}' of '${type}' (maximum ${max} characters)${suffix}`,
			);
		}
	}
}

/** Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[Z]` and `YYYYMMDD`; stores `YYYY-MM-DD`. */
export function normalizeDate(value: unknown, prop: string): string | null {
	if (value === null || value === undefined || value === '') return null;
	const s = String(value);
	const m = /^(\d{4})-?(\d{2})-?(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
		s,
	);
	if (!m) throw errors.syntax(`Invalid date value '${s}' for property '${prop}'`);
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3])
		throw errors.syntax(`Invalid date value '${s}' for property '${prop}'`);
	return `${m[1]}-${m[2]}-${m[3]}`;
}

export function checkNumber(value: unknown, prop: string, suffix = ''): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n))
		throw errors.syntax(`Invalid value '${String(value)}' for property '${prop}'${suffix}`);
	return n;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** SAP server local date `YYYY-MM-DD` of a clock reading. */
export const localDate = (d: Date) =>
	`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** SAP server local time `HH:MM:SS` of a clock reading. */
export const localTime = (d: Date) =>
	`${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
