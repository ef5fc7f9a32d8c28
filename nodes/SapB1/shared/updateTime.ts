/**
 * SAP B1's time of last change, the one module that reads it (delivery watermarks, checkpoint
 * cursors). The database keeps `UpdateTS` as an int HHMMSS; the Service Layer sends `UpdateTime`
 * as `Edm.TimeOfDay` `HH:MM:SS` on v2 and `Edm.Time` on v1, which strict OData v3 JSON writes as
 * an ISO 8601 duration (`PT14H25M36S`). All of these are accepted, as are `HH:MM` and digits.
 */

/** Seconds since midnight, or NaN when `value` is not a time of day. Empty (null, '') is 0. */
export function updateTimeSeconds(value: unknown): number {
	if (value === null || value === undefined || value === '') return 0;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d{1,6}$/.test(value.trim()))) {
		const n = Number(value);
		if (!Number.isInteger(n) || n < 0 || n > 235959) return NaN;
		const [h, m, s] = [Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100];
		return m > 59 || s > 59 ? NaN : h * 3600 + m * 60 + s;
	}
	const text = String(value).trim();
	const duration = /^PT(?:(\d{1,2})H)?(?:(\d{1,2})M)?(?:(\d{1,2})(?:\.\d+)?S)?$/i.exec(text);
	const clock = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text);
	const match = duration && text.length > 2 ? duration : clock;
	if (!match) return NaN;
	const [h, m, s] = [Number(match[1] ?? 0), Number(match[2] ?? 0), Number(match[3] ?? 0)];
	return h > 23 || m > 59 || s > 59 ? NaN : h * 3600 + m * 60 + s;
}

/** The time as an int HHMMSS (as UpdateTS); throws an Error naming the value when invalid. */
export function updateTimeToInt(value: unknown): number {
	const seconds = updateTimeSeconds(value);
	if (Number.isNaN(seconds))
		throw new Error(`invalid time ${typeof value === 'string' ? `"${value}"` : String(value)}`);
	return (
		Math.floor(seconds / 3600) * 10000 + (Math.floor(seconds / 60) % 60) * 100 + (seconds % 60)
	);
}

/** The time as `HH:MM:SS`; throws when invalid. */
export function updateTimeToText(value: unknown): string {
	const n = updateTimeToInt(value);
	const pad = (x: number) => String(x).padStart(2, '0');
	return `${pad(Math.floor(n / 10000))}:${pad(Math.floor(n / 100) % 100)}:${pad(n % 100)}`;
}
