/**
 * Version-specific rendering of entities: v1 dates `YYYY-MM-DD`, v2 dates `YYYY-MM-DDT00:00:00Z`;
 * `UpdateTime` `HH:MM:SS` (v2 `Edm.TimeOfDay`; v1 by default), or on v1 with `timeFormat:
 * 'duration'` the strict OData v3 JSON form of an `Edm.Time`, an ISO 8601 duration (`PT14H25M36S`).
 */
import { DATE_PROPS, TIME_PROPS } from './entities';
import type { SlVersion } from './errors';

export type V1TimeFormat = 'clock' | 'duration';

/** `14:25:36` → `PT14H25M36S`, `10:00:00` → `PT10H`, `00:00:00` → `PT0S` (XmlConvert's xs:duration form). */
export function timeAsDuration(clock: string): string {
	const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(clock);
	if (!m) return clock;
	const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
	const parts = `${h ? `${h}H` : ''}${min ? `${min}M` : ''}${s ? `${s}S` : ''}`;
	return `PT${parts || '0S'}`;
}

export function renderEntity(
	value: unknown,
	version: SlVersion,
	timeFormat: V1TimeFormat = 'clock',
): unknown {
	if (Array.isArray(value)) return value.map((v) => renderEntity(v, version, timeFormat));
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		if (
			version === 'v2' &&
			DATE_PROPS.has(k) &&
			typeof v === 'string' &&
			/^\d{4}-\d{2}-\d{2}$/.test(v)
		)
			out[k] = `${v}T00:00:00Z`;
		else if (
			version === 'v1' &&
			timeFormat === 'duration' &&
			TIME_PROPS.has(k) &&
			typeof v === 'string'
		)
			out[k] = timeAsDuration(v);
		else out[k] = renderEntity(v, version, timeFormat);
	}
	return out;
}

export const metadataKey = (version: SlVersion) =>
	version === 'v1' ? 'odata.metadata' : '@odata.context';
export const nextLinkKey = (version: SlVersion) =>
	version === 'v1' ? 'odata.nextLink' : '@odata.nextLink';
export const countKey = (version: SlVersion) => (version === 'v1' ? 'odata.count' : '@odata.count');
export const contentType = (version: SlVersion) =>
	version === 'v1'
		? 'application/json;odata=minimalmetadata;charset=utf-8'
		: 'application/json;odata.metadata=minimal;charset=utf-8';
