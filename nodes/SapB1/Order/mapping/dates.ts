import { MappingError } from './errors';

/** Magento's created_at ('2025-01-15 10:23:45', UTC) → SAP date 'YYYY-MM-DD' (the UTC date part). */
export function sapDate(createdAt: unknown, record: string): string {
	const m =
		typeof createdAt === 'string'
			? /^(\d{4})-(\d{2})-(\d{2})(?:[ T]|$)/.exec(createdAt.trim())
			: null;
	if (!m)
		throw new MappingError(
			record,
			'created_at',
			`is not a Magento date: ${JSON.stringify(createdAt ?? null)}`,
		);
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	if (d.getUTCDate() !== Number(m[3])) {
		throw new MappingError(
			record,
			'created_at',
			`is not a valid date: ${JSON.stringify(createdAt)}`,
		);
	}
	return d.toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' + n days (calendar arithmetic in UTC, so no daylight-saving surprises). */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + Math.trunc(days))).toISOString().slice(0, 10);
}
