/** OData string literal: wraps in quotes and doubles embedded single quotes. */
export function odataString(value: string | number): string {
	return `'${String(value).replace(/'/g, "''")}'`;
}

/** `field eq 'a' or field eq 'b'` for a batch of values, each escaped (numbers must be finite). */
export function odataAnyOf(field: string, values: ReadonlyArray<string | number>): string {
	assertODataName(field, 'Field');
	return values
		.map((v) => {
			if (typeof v === 'number' && !Number.isFinite(v))
				throw new Error(`${String(v)} is not a number ${field} can be compared with`);
			return `${field} eq ${typeof v === 'number' ? v : odataString(v)}`;
		})
		.join(' or ');
}

/** Checks a property name (e.g. a user field `U_WebOrder`) before it goes into a query. */
export function assertODataName(name: string, what: string): string {
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
		throw new Error(`${what} "${name}" is not a valid field name`);
	return name;
}

export type ServiceLayerVersion = 'v1' | 'v2';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/;

/** Whether `day` is a real calendar day written `YYYY-MM-DD`. */
export function isSapDay(day: string): boolean {
	const m = DAY.exec(day);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/**
 * A date literal for a Service Layer `$filter`, chosen per version: quoted `'YYYY-MM-DD'` on v1
 * (OData v3) and on v2 (OData v4). No SAP text settles the v2 form. SAP's guide "Working with SAP
 * Business One Service Layer" quotes dates (v1-era examples); public v2 clients send both quoted
 * (`DocDate ge '2023-09-08T00:00:00Z'` in a hosted v2 API's documentation, with its answer) and
 * unquoted (`DocDate ge 2025-05-01`) dates and report both working; the one refusal on record is an
 * unquoted date-time with an offset (SAP/cloud-sdk#566, "Invalid symbol in the filter condition",
 * fixed by quoting). A quoted date-only literal is accepted by every Service Layer reported.
 * `day` must be a valid `YYYY-MM-DD` (checked here: the value is placed into the filter text).
 */
export function odataDate(day: string, _version: ServiceLayerVersion): string {
	if (!isSapDay(day)) throw new Error(`"${day}" is not a date (YYYY-MM-DD)`);
	return `'${day}'`;
}

/** A time-of-day literal for `UpdateTime` filters: quoted `'HH:MM:SS'` on both versions (every public client does so). */
export function odataTime(time: string, _version: ServiceLayerVersion): string {
	if (!CLOCK.test(time)) throw new Error(`"${time}" is not a time (HH:MM:SS)`);
	return `'${time}'`;
}
