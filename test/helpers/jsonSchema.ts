/**
 * A small JSON Schema (draft-07 subset) generator and checker for the output schemas the package
 * ships in `nodes/<node>/__schema__/v1.0.0/<resource>/<operation>.json`, the files n8n's editor
 * reads for the Schema view before a run. Only the keywords below are used, and the checker
 * refuses any other, so what it accepts is exactly what it checks.
 */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface JsonSchema {
	$schema?: string;
	description?: string;
	type?: JsonType | JsonType[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
}

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const KEYWORDS = new Set(['$schema', 'description', 'type', 'properties', 'items']);
const TYPES = new Set<string>([
	'string',
	'number',
	'integer',
	'boolean',
	'object',
	'array',
	'null',
]);

function typeOf(value: unknown): JsonType {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	const t = typeof value;
	if (t === 'string' || t === 'boolean' || t === 'object') return t;
	if (t === 'number') return 'number';
	throw new Error(`not a JSON value: ${t}`);
}

const typesOf = (schema: JsonSchema): JsonType[] =>
	schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];

/** Merges a value into a schema inferred so far (types united, object properties merged). */
function merge(schema: JsonSchema, value: unknown): JsonSchema {
	const type = typeOf(value);
	const types = typesOf(schema);
	const out: JsonSchema = { ...schema };
	if (!types.includes(type)) {
		// null last: n8n's editor shows a union by its first type.
		const all = [...types, type].sort((a, b) =>
			a === 'null' ? 1 : b === 'null' ? -1 : a.localeCompare(b),
		);
		out.type = all.length === 1 ? all[0] : all;
	}
	if (type === 'object') {
		const properties = { ...(schema.properties ?? {}) };
		for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
			if (v === undefined) continue;
			properties[key] = merge(properties[key] ?? {}, v);
		}
		out.properties = properties;
	}
	if (type === 'array') {
		let items = schema.items;
		for (const v of value as unknown[]) items = merge(items ?? {}, v);
		if (items) out.items = items;
	}
	return out;
}

/** The schema of a list of sample items (each a node's output `json`). */
export function inferSchema(samples: unknown[], description?: string): JsonSchema {
	let schema: JsonSchema = {};
	for (const sample of samples) schema = merge(schema, sample);
	return { $schema: DRAFT_07, ...(description ? { description } : {}), ...schema };
}

/** Problems with the schema itself: unknown keywords or types, properties or items misshapen. */
export function checkSchema(schema: unknown, at = '#'): string[] {
	if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
		return [`${at}: a schema is an object`];
	const problems: string[] = [];
	const s = schema as Record<string, unknown>;
	for (const key of Object.keys(s))
		if (!KEYWORDS.has(key)) problems.push(`${at}: keyword ${key} is not supported`);
	if (s.type !== undefined) {
		const types = Array.isArray(s.type) ? s.type : [s.type];
		for (const t of types)
			if (typeof t !== 'string' || !TYPES.has(t)) problems.push(`${at}: unknown type ${String(t)}`);
	}
	if (s.properties !== undefined) {
		if (typeof s.properties !== 'object' || s.properties === null || Array.isArray(s.properties))
			problems.push(`${at}/properties: an object`);
		else
			for (const [k, v] of Object.entries(s.properties))
				problems.push(...checkSchema(v, `${at}/properties/${k}`));
	}
	if (s.items !== undefined) problems.push(...checkSchema(s.items, `${at}/items`));
	return problems;
}

/** Where a value breaks the schema (types of the value and of every property and array item). */
export function validate(schema: JsonSchema, value: unknown, at = '$'): string[] {
	const types = typesOf(schema);
	const type = typeOf(value);
	const ok =
		types.length === 0 ||
		types.includes(type) ||
		(type === 'number' && types.includes('integer') && Number.isInteger(value));
	if (!ok) return [`${at}: ${type}, the schema says ${types.join(' | ')}`];
	const problems: string[] = [];
	if (type === 'object' && schema.properties)
		for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
			const sub = schema.properties[key];
			if (sub && v !== undefined) problems.push(...validate(sub, v, `${at}.${key}`));
		}
	if (type === 'array' && schema.items)
		for (const [i, v] of (value as unknown[]).entries())
			problems.push(...validate(schema.items, v, `${at}[${i}]`));
	return problems;
}

/** Top-level properties of the value the schema does not describe. */
export function undescribed(schema: JsonSchema, value: Record<string, unknown>): string[] {
	return Object.keys(value).filter((k) => value[k] !== undefined && !schema.properties?.[k]);
}
