/**
 * Strict answers: a 2xx response is trusted only when it has the shape its endpoint must have.
 * Anything else (an HTML page from a proxy, WAF or maintenance mode, an empty or truncated body,
 * JSON of another shape) is an UnexpectedAnswerError: retryable, "may have been done" for a write,
 * and never read as "empty", "not found" or success. The clients of both systems check every
 * answer here.
 */
import { describeBody } from './bodyText';
import type { HttpFailure } from './failure';

/** What came back, as the clients see it. */
export interface Answer {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

export class UnexpectedAnswerError extends Error {
	readonly httpFailure: HttpFailure;

	constructor(
		readonly answer: Answer,
		readonly expected: string,
	) {
		super(`expected ${expected}, got ${describeAnswer(answer)}`);
		this.name = 'UnexpectedAnswerError';
		this.httpFailure = {
			status: answer.status,
			body: answer.body,
			message: this.message,
			unexpected: true,
		};
	}
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	const text = Array.isArray(value) ? value[0] : value;
	return text === undefined || text === null || text === '' ? undefined : String(text);
}

/** `HTTP 200 (text/html) with an HTML page "Down for maintenance"`. */
export function describeAnswer(answer: Answer): string {
	const type = header(answer.headers, 'content-type')?.split(';')[0].trim();
	return `HTTP ${answer.status}${type ? ` (${type})` : ''} with ${describeBody(answer.body)}`;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	!(typeof Buffer !== 'undefined' && Buffer.isBuffer(value));

/** The shapes the clients ask for. */
export type Expect =
	/** A JSON object (an entity); `keys` must be present in it. */
	| { kind: 'object'; keys?: string[] }
	/** A JSON array of objects (e.g. Magento's store views); `rowKeys` must be in every row. */
	| { kind: 'array'; rowKeys?: string[] }
	/** A JSON object whose `field` is an array (an OData collection `value`, Magento's `items`). */
	| { kind: 'list'; field: string; countField?: string; rowKeys?: string[] }
	/** 204, or 2xx with an empty body (bound actions, PATCH). */
	| { kind: 'noContent' }
	/** A JSON scalar: `true` (Magento actions) or an id (number or numeric string). */
	| { kind: 'boolean' }
	| { kind: 'id' }
	/** Anything (Custom API Call, login). */
	| { kind: 'any' };

const rowsWith = (keys?: string[]) => (keys?.length ? ` of rows with ${keys.join(', ')}` : '');

/** Every row a JSON object holding `keys` (present and not null). */
const rowsOk = (rows: unknown[], keys?: string[]) =>
	rows.every(
		(row) =>
			isPlainObject(row) && (keys ?? []).every((k) => row[k] !== undefined && row[k] !== null),
	);

function describeExpect(expect: Expect): string {
	switch (expect.kind) {
		case 'object':
			return expect.keys?.length ? `a JSON object with ${expect.keys.join(', ')}` : 'a JSON object';
		case 'list':
			return `a JSON object with a "${expect.field}" array${rowsWith(expect.rowKeys)}${expect.countField ? ` and "${expect.countField}"` : ''}`;
		case 'array':
			return `a JSON array${rowsWith(expect.rowKeys)}`;
		case 'noContent':
			return 'no content';
		case 'boolean':
			return 'true or false';
		case 'id':
			return 'an id';
		default:
			return 'an answer';
	}
}

const emptyBody = (body: unknown) =>
	body === undefined || body === null || (typeof body === 'string' && body.trim() === '');

/** Returns the body when the answer has the expected shape, else throws UnexpectedAnswerError. */
export function checkAnswer<T = unknown>(answer: Answer, expect: Expect): T {
	const { body } = answer;
	const fail = (): never => {
		throw new UnexpectedAnswerError(answer, describeExpect(expect));
	};
	switch (expect.kind) {
		case 'any':
			return body as T;
		case 'noContent':
			// A 2xx with a JSON body is fine too (some versions answer actions with the entity).
			if (answer.status === 204 || emptyBody(body) || isPlainObject(body)) return undefined as T;
			return fail();
		case 'object':
			if (!isPlainObject(body)) return fail();
			if (expect.keys?.some((k) => body[k] === undefined)) return fail();
			return body as T;
		case 'array':
			if (!Array.isArray(body) || !rowsOk(body, expect.rowKeys)) return fail();
			return body as T;
		case 'list':
			if (!isPlainObject(body) || !Array.isArray(body[expect.field])) return fail();
			if (expect.countField !== undefined && !Number.isFinite(Number(body[expect.countField])))
				return fail();
			if (!rowsOk(body[expect.field] as unknown[], expect.rowKeys)) return fail();
			return body as T;
		case 'boolean':
			if (body === true || body === false || body === 'true' || body === 'false')
				return (body === true || body === 'true') as T;
			return fail();
		case 'id': {
			const id =
				typeof body === 'number'
					? body
					: typeof body === 'string' && /^\s*"?\d+"?\s*$/.test(body)
						? Number(body.replace(/"/g, ''))
						: NaN;
			if (!Number.isInteger(id) || id <= 0) return fail();
			return id as T;
		}
	}
}
