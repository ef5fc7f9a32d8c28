/**
 * Where a sales order keeps its web order number: `NumAtCard` (customer reference, default) or
 * a user field `U_…`. The name is placed into SQL and OData `$select`, so it is checked against
 * a strict identifier pattern first.
 */
export const WEB_ORDER_FIELD_PATTERN = /^(NumAtCard|U_[A-Za-z][A-Za-z0-9_]{0,49})$/;

export function assertWebOrderField(name: unknown): string {
	const field = String(name ?? '').trim();
	if (!WEB_ORDER_FIELD_PATTERN.test(field))
		throw new Error(
			`Web order number field "${String(name)}" is not allowed: use NumAtCard or a user field such as U_WebOrderNo (letters, digits and _ only)`,
		);
	return field;
}
