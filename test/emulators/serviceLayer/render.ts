/** Version-specific rendering of entities: v1 dates `YYYY-MM-DD`, v2 dates `YYYY-MM-DDT00:00:00Z`. */
import { DATE_PROPS } from './entities';
import type { SlVersion } from './errors';

export function renderEntity(value: unknown, version: SlVersion): unknown {
	if (Array.isArray(value)) return value.map((v) => renderEntity(v, version));
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		out[k] =
			version === 'v2' &&
			DATE_PROPS.has(k) &&
			typeof v === 'string' &&
			/^\d{4}-\d{2}-\d{2}$/.test(v)
				? `${v}T00:00:00Z`
				: renderEntity(v, version);
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
