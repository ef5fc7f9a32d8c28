/** OData string literal: wraps in quotes and doubles embedded single quotes. */
export function odataString(value: string | number): string {
	return `'${String(value).replace(/'/g, "''")}'`;
}

/** `field eq 'a' or field eq 'b'` for a batch of values, each escaped. */
export function odataAnyOf(field: string, values: ReadonlyArray<string | number>): string {
	return values
		.map((v) => `${field} eq ${typeof v === 'number' ? v : odataString(v)}`)
		.join(' or ');
}

/** Checks a property name (e.g. a user field `U_WebOrder`) before it goes into a query. */
export function assertODataName(name: string, what: string): string {
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
		throw new Error(`${what} "${name}" is not a valid field name`);
	return name;
}
