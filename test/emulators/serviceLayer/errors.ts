/** Service Layer errors and their two envelopes (v1 = OData v3, v2 = OData v4). */
export type SlVersion = 'v1' | 'v2';

export class SlError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

/** v1: `{"error":{"code":<int>,"message":{"lang":"en-us","value":"..."}}}`;
 * v2: `{"error":{"code":"<string>","message":"..."}}`. */
export function errorEnvelope(version: SlVersion, code: number, message: string): object {
	return version === 'v1'
		? { error: { code, message: { lang: 'en-us', value: message } } }
		: { error: { code: String(code), message } };
}

export const SESSION_INVALID = 'Invalid session or session already timeout.';

export const errors = {
	session: () => new SlError(401, 301, SESSION_INVALID),
	loginFailed: () => new SlError(401, 100000027, 'Login failed'),
	unknownCompany: (db: string) =>
		new SlError(401, -304, `Fail to get DB Credentials from SLD for company database '${db}'`),
	notFound: () => new SlError(404, -2028, 'No matching records found (ODBC -2028)'),
	notSupported: () =>
		new SlError(400, -5006, 'The requested action is not supported for this object.'),
	segment: (s: string) => new SlError(404, -1000, `Resource not found for the segment '${s}'.`),
	invalidProperty: (prop: string, type: string) =>
		new SlError(400, -1000, `Property '${prop}' of '${type}' is invalid`),
	syntax: (what: string) => new SlError(400, -1000, what),
	validation: (msg: string) => new SlError(400, -5002, msg),
	business: (msg: string) => new SlError(400, -10, msg),
};
