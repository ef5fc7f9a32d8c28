/**
 * OData `$filter` parser and evaluator, the subset the Service Layer supports:
 * `eq ne gt ge lt le`, `and or not`, parentheses, `startswith endswith contains substringof
 * tolower toupper trim`, string literals (`''` escapes a quote), numbers, `true false null`,
 * v4 date literals (`2024-04-23`), typed enum literals (`SAPB1.BoYesNoEnum'tNO'`), v3 typed
 * literals `datetime'2024-04-23T00:00:00'` and `time'PT14H25M36S'`.
 * Properties listed in `dateProps` compare on their date part, so `'2024-04-23'` matches
 * `2024-04-23T00:00:00Z` and `UpdateDate ge '2024-04-23T10:00:00'` compares dates only.
 */
import { errors } from './errors';

type Node =
	| { t: 'lit'; v: unknown; date?: boolean }
	| { t: 'prop'; name: string }
	| { t: 'not'; e: Node }
	| { t: 'bin'; op: string; l: Node; r: Node }
	| { t: 'fn'; name: string; args: Node[] }
	/** `P eq 'a' or P eq 'b' or …` on one property, as a set (the emulator's speed, same answers). */
	| { t: 'in'; name: string; values: Set<string> };

type Tok = { k: 'str' | 'num' | 'id' | 'date' | 'punc'; v: string };

function readString(src: string, start: number): [string, number] {
	let s = '';
	let i = start + 1;
	for (;;) {
		if (i >= src.length)
			throw errors.syntax('Invalid filter expression: unterminated string literal');
		if (src[i] === "'") {
			if (src[i + 1] === "'") {
				s += "'";
				i += 2;
				continue;
			}
			return [s, i + 1];
		}
		s += src[i++];
	}
}

/** `PT14H25M36S` → `14:25:36` (stored times are `HH:MM:SS`); anything else as it is. */
function durationAsClock(v: string): string {
	const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(v);
	if (!m || v.length <= 2) return v;
	const pad = (x: string | undefined) => String(Number(x ?? 0)).padStart(2, '0');
	return `${pad(m[1])}:${pad(m[2])}:${pad(m[3])}`;
}

function lex(src: string): Tok[] {
	const out: Tok[] = [];
	let i = 0;
	while (i < src.length) {
		const c = src[i];
		if (/\s/.test(c)) {
			i++;
		} else if (c === '(' || c === ')' || c === ',') {
			out.push({ k: 'punc', v: c });
			i++;
		} else if (c === "'") {
			const [v, next] = readString(src, i);
			out.push({ k: 'str', v });
			i = next;
		} else if (/\d/.test(c) || (c === '-' && /\d/.test(src[i + 1] ?? ''))) {
			const m = /^-?\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/.exec(src.slice(i));
			if (m && c !== '-') {
				out.push({ k: 'date', v: m[0] });
				i += m[0].length;
				continue;
			}
			const n = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDlLfF]?/.exec(src.slice(i))!;
			out.push({ k: 'num', v: n[0].replace(/[mMdDlLfF]$/, '') });
			i += n[0].length;
		} else if (/[A-Za-z_]/.test(c)) {
			const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i))!;
			i += m[0].length;
			// typed literal: Namespace.Type'value' (v4 enum), datetime'...' (v3) or time'PT14H25M36S' (v3 Edm.Time)
			if (src[i] === "'" && (m[0].includes('.') || /^(datetime(offset)?|time)$/i.test(m[0]))) {
				const [v, next] = readString(src, i);
				if (/^time$/i.test(m[0])) out.push({ k: 'str', v: durationAsClock(v) });
				else out.push({ k: m[0].includes('.') ? 'str' : 'date', v });
				i = next;
				continue;
			}
			out.push({ k: 'id', v: m[0] });
		} else {
			throw errors.syntax(
				`Invalid filter expression: unexpected character '${c}' at position ${i}`,
			);
		}
	}
	return out;
}

const CMP = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FNS: Record<string, number> = {
	startswith: 2,
	endswith: 2,
	contains: 2,
	substringof: 2,
	tolower: 1,
	toupper: 1,
	trim: 1,
	length: 1,
};

export function parseFilter(src: string, isProp: (name: string) => boolean): Node {
	const toks = lex(src);
	let p = 0;
	const peek = () => toks[p];
	const isKw = (kw: string) => peek()?.k === 'id' && peek().v.toLowerCase() === kw;
	const expect = (v: string) => {
		if (peek()?.v !== v) throw errors.syntax(`Invalid filter expression: expected '${v}'`);
		p++;
	};
	const parseOr = (): Node => {
		let l = parseAnd();
		while (isKw('or')) {
			p++;
			l = { t: 'bin', op: 'or', l, r: parseAnd() };
		}
		return l;
	};
	const parseAnd = (): Node => {
		let l = parseNot();
		while (isKw('and')) {
			p++;
			l = { t: 'bin', op: 'and', l, r: parseNot() };
		}
		return l;
	};
	const parseNot = (): Node => {
		if (isKw('not')) {
			p++;
			return { t: 'not', e: parseNot() };
		}
		return parseCmp();
	};
	const parseCmp = (): Node => {
		const l = parsePrimary();
		const t = peek();
		if (t?.k === 'id' && CMP.has(t.v.toLowerCase())) {
			p++;
			return { t: 'bin', op: t.v.toLowerCase(), l, r: parsePrimary() };
		}
		return l;
	};
	const parsePrimary = (): Node => {
		const t = toks[p++];
		if (!t) throw errors.syntax('Invalid filter expression: unexpected end');
		if (t.v === '(' && t.k === 'punc') {
			const e = parseOr();
			expect(')');
			return e;
		}
		if (t.k === 'str') return { t: 'lit', v: t.v };
		if (t.k === 'num') return { t: 'lit', v: Number(t.v) };
		if (t.k === 'date') return { t: 'lit', v: t.v, date: true };
		if (t.k === 'id') {
			const low = t.v.toLowerCase();
			if (low === 'true' || low === 'false') return { t: 'lit', v: low === 'true' };
			if (low === 'null') return { t: 'lit', v: null };
			if (peek()?.v === '(' && FNS[low] !== undefined) {
				p++;
				const args: Node[] = [];
				if (peek()?.v !== ')') {
					args.push(parseOr());
					while (peek()?.v === ',') {
						p++;
						args.push(parseOr());
					}
				}
				expect(')');
				if (args.length !== FNS[low])
					throw errors.syntax(
						`Invalid filter expression: function '${low}' takes ${FNS[low]} arguments`,
					);
				return { t: 'fn', name: low, args };
			}
			if (t.v.includes('/'))
				throw errors.syntax(`Invalid filter expression: navigation '${t.v}' is not supported`);
			if (!isProp(t.v))
				throw errors.syntax(`Invalid filter expression: property '${t.v}' is invalid`);
			return { t: 'prop', name: t.v };
		}
		throw errors.syntax(`Invalid filter expression: unexpected '${t.v}'`);
	};
	const node = parseOr();
	if (p < toks.length) throw errors.syntax(`Invalid filter expression: unexpected '${toks[p].v}'`);
	return node;
}

const datePart = (v: unknown) =>
	typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v;

export function evalFilter(
	node: Node,
	row: Record<string, unknown>,
	dateProps: ReadonlySet<string>,
): unknown {
	switch (node.t) {
		case 'lit':
			return node.v;
		case 'prop':
			return row[node.name] ?? null;
		case 'not':
			return !evalFilter(node.e, row, dateProps);
		case 'in': {
			const v = row[node.name];
			return v != null && node.values.has(String(v));
		}
		case 'fn': {
			const a = node.args.map((x) => evalFilter(x, row, dateProps));
			const s = (v: unknown) => (v == null ? '' : String(v));
			switch (node.name) {
				case 'startswith':
					return s(a[0]).startsWith(s(a[1]));
				case 'endswith':
					return s(a[0]).endsWith(s(a[1]));
				case 'contains':
					return s(a[0]).includes(s(a[1]));
				case 'substringof':
					return s(a[1]).includes(s(a[0]));
				case 'tolower':
					return a[0] == null ? null : s(a[0]).toLowerCase();
				case 'toupper':
					return a[0] == null ? null : s(a[0]).toUpperCase();
				case 'trim':
					return a[0] == null ? null : s(a[0]).trim();
				default:
					return s(a[0]).length;
			}
		}
		case 'bin': {
			if (node.op === 'and')
				return !!evalFilter(node.l, row, dateProps) && !!evalFilter(node.r, row, dateProps);
			if (node.op === 'or')
				return !!evalFilter(node.l, row, dateProps) || !!evalFilter(node.r, row, dateProps);
			let l = evalFilter(node.l, row, dateProps);
			let r = evalFilter(node.r, row, dateProps);
			const isDate = (n: Node) =>
				(n.t === 'prop' && dateProps.has(n.name)) || (n.t === 'lit' && !!n.date);
			if (isDate(node.l) || isDate(node.r)) {
				l = datePart(l);
				r = datePart(r);
			}
			return compare(node.op, l, r);
		}
	}
}

/** The `eq` terms of an `or` chain when all compare one property with non-null literals. */
function eqTerms(node: Node, out: Array<{ name: string; v: unknown }>): boolean {
	if (node.t === 'bin' && node.op === 'or') return eqTerms(node.l, out) && eqTerms(node.r, out);
	if (node.t !== 'bin' || node.op !== 'eq') return false;
	const [prop, lit] = node.l.t === 'prop' ? [node.l, node.r] : [node.r, node.l];
	if (prop.t !== 'prop' || lit.t !== 'lit' || lit.date || lit.v == null) return false;
	if (typeof lit.v !== 'string' && typeof lit.v !== 'number') return false;
	out.push({ name: prop.name, v: lit.v });
	return true;
}

/**
 * Rewrites long `or` chains of `eq` on one property (the look-ups by a page of keys) into a set,
 * so that filtering n rows by k keys costs n look-ups instead of n × k comparisons. `compare`'s
 * `eq` of a non-null value with a string or number literal is "equal as strings", hence the set
 * of the literals' strings. Date properties keep the general path (dates compare by day).
 */
export function optimiseFilter(node: Node, dateProps: ReadonlySet<string>): Node {
	const terms: Array<{ name: string; v: unknown }> = [];
	if (
		node.t === 'bin' &&
		node.op === 'or' &&
		eqTerms(node, terms) &&
		terms.every((x) => x.name === terms[0].name) &&
		!dateProps.has(terms[0].name)
	)
		return { t: 'in', name: terms[0].name, values: new Set(terms.map((x) => String(x.v))) };
	if (node.t === 'bin')
		return { ...node, l: optimiseFilter(node.l, dateProps), r: optimiseFilter(node.r, dateProps) };
	if (node.t === 'not') return { ...node, e: optimiseFilter(node.e, dateProps) };
	return node;
}

function compare(op: string, l: unknown, r: unknown): boolean {
	if (op === 'eq')
		return l === r || (l != null && r != null && String(l) === String(r) && typeof l !== typeof r);
	if (op === 'ne') return !compare('eq', l, r);
	if (l == null || r == null) return false;
	const [a, b] =
		typeof l === 'number' || typeof r === 'number'
			? [Number(l), Number(r)]
			: [String(l), String(r)];
	if (op === 'gt') return a > b;
	if (op === 'ge') return a >= b;
	if (op === 'lt') return a < b;
	return a <= b;
}
