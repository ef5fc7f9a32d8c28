/**
 * T-SQL → Postgres translation, deliberately small. The node's SQL is written in the portable
 * subset that both dialects accept (OFFSET … FETCH, COALESCE, CAST, CASE); only what must differ
 * is translated:
 *
 * - `@name` parameters → `($n::type)` with the type the client sent on the wire (names are
 *   case-insensitive; an undeclared name fails as SQL Server does, error 137);
 * - `N'…'` → `'…'`; `[ident]` / `"ident"` → `"ident"` lower-cased (T-SQL identifiers are
 *   case-insensitive, the tables are created with lower-case names);
 * - `SELECT [DISTINCT] TOP (n) …` → `SELECT … LIMIT n`;
 * - `GETDATE()`, `SYSDATETIME()`, `CURRENT_TIMESTAMP` → `LOCALTIMESTAMP`; `GETUTCDATE()` →
 *   UTC timestamp; `ISNULL(` → `COALESCE(`; `LEN(` → `LENGTH(`; `COUNT(…)` → `CAST(COUNT(…) AS int)`
 *   (int as on SQL Server), `COUNT_BIG(` → `COUNT(`;
 *   `@@VERSION` → `version()`;
 * - T-SQL type names inside `CAST(… AS type)` (nvarchar, datetime, datetime2, bit, …);
 * - table hints `WITH (NOLOCK)` are dropped; `<database>.dbo.X` / `<database>..X` → `dbo.X` / `X`;
 * - leading `SET NOCOUNT ON;`-style session options are dropped.
 *
 * Not translated (write the portable form instead): `+` string concatenation (use `CONCAT`),
 * `CONVERT`, `IIF`, `DATEADD`/`DATEDIFF`, temp tables. String comparisons are case-sensitive here
 * (SQL Server's default collation is not).
 *
 * Result column names: Postgres folds unquoted aliases to lower case, so `aliases` records the
 * spelling written after `AS` to restore it in the result metadata.
 */

export interface TranslateParam {
	/** Postgres type used in the cast, e.g. `int4`, `text`, `timestamp`. */
	pgType: string;
}

export interface Translation {
	sql: string;
	/** Parameter names (lower-case, without `@`) in `$n` order. */
	used: string[];
	/** Lower-case alias → alias as written. */
	aliases: Map<string, string>;
}

/** A translation failure reported to the client as a SQL Server error. */
export class TranslateError extends Error {
	constructor(
		readonly number: number,
		message: string,
		readonly sqlClass = 15,
		readonly state = 1,
	) {
		super(message);
	}
}

type Kind = 'ws' | 'str' | 'qid' | 'param' | 'word' | 'num' | 'op';
interface Tok {
	kind: Kind;
	text: string;
}

const TOKEN =
	/(\s+|--[^\n]*|\/\*[\s\S]*?\*\/)|([Nn]?'(?:[^']|'')*')|(\[(?:[^\]]|\]\])*\]|"(?:[^"]|"")*")|(@@?[\w$#@]+)|([A-Za-z_#][\w$#]*)|(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|(<>|!=|>=|<=|::|[^\s])/g;

export function tokenize(sql: string): Tok[] {
	const out: Tok[] = [];
	for (const m of sql.matchAll(TOKEN)) {
		const kind: Kind = m[1]
			? 'ws'
			: m[2]
				? 'str'
				: m[3]
					? 'qid'
					: m[4]
						? 'param'
						: m[5]
							? 'word'
							: m[6]
								? 'num'
								: 'op';
		out.push({ kind, text: m[0] });
	}
	return out;
}

const unquote = (q: string) =>
	q.startsWith('[') ? q.slice(1, -1).replace(/\]\]/g, ']') : q.slice(1, -1).replace(/""/g, '"');
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** T-SQL type → Postgres type, for CAST targets. `args` is the parenthesised part, if any. */
function castType(name: string, args: string | undefined): string {
	const n = name.toLowerCase();
	const a = args?.replace(/\s/g, '').toLowerCase();
	switch (n) {
		case 'nvarchar':
		case 'varchar':
			return a === undefined ? 'varchar(30)' : a === '(max)' ? 'text' : `varchar${a}`;
		case 'nchar':
		case 'char':
			return `char${a ?? '(1)'}`;
		case 'datetime':
			return 'timestamp(3)';
		case 'smalldatetime':
			return 'timestamp(0)';
		case 'datetime2': {
			const p = a ? Math.min(6, Number(a.slice(1, -1))) : 6;
			return `timestamp(${p})`;
		}
		case 'datetimeoffset':
			return 'timestamptz';
		case 'bit':
			return 'boolean';
		case 'tinyint':
			return 'smallint';
		case 'money':
			return 'numeric(19,4)';
		case 'uniqueidentifier':
			return 'uuid';
		case 'float':
			return 'float8';
		default:
			return `${name}${args ?? ''}`;
	}
}

const SESSION_OPTION = /^\s*SET\s+\w+\s+(?:ON|OFF)\s*;?/i;

/** Translates one T-SQL batch/statement. `params` maps lower-case names (without `@`) to types. */
export function translate(
	sql: string,
	params: Map<string, TranslateParam>,
	database?: string,
): Translation {
	let text = sql;
	while (SESSION_OPTION.test(text)) text = text.replace(SESSION_OPTION, '');
	const toks = tokenize(text);
	const used: string[] = [];
	const aliases = new Map<string, string>();
	const out: string[] = [];
	/** Per paren depth: the function that opened it (upper-case) — to know we are in CAST(… AS type). */
	const opener: string[] = [''];
	/** Pending `LIMIT n` per depth, from TOP. */
	const pendingLimit: (string | undefined)[] = [undefined];
	/** Per paren depth: text to add after the closing paren (`COUNT(…)` → `CAST(COUNT(…) AS int)`). */
	const closeSuffix: string[] = [''];
	let castNextParen = false;
	const next = (i: number) => {
		let j = i + 1;
		while (j < toks.length && toks[j].kind === 'ws') j++;
		return j;
	};
	const prevWord = () => {
		for (let k = out.length - 1; k >= 0; k--) if (out[k].trim()) return out[k].toUpperCase();
		return '';
	};

	for (let i = 0; i < toks.length; i++) {
		const t = toks[i];
		const upper = t.text.toUpperCase();
		switch (t.kind) {
			case 'ws':
				out.push(t.text.startsWith('--') || t.text.startsWith('/*') ? ' ' : t.text);
				break;
			case 'str':
				out.push(t.text.startsWith("'") ? t.text : t.text.slice(1));
				break;
			case 'qid': {
				const name = unquote(t.text);
				const j = next(i);
				if (database && name.toUpperCase() === database.toUpperCase() && toks[j]?.text === '.') {
					i = j;
					const k = next(i);
					if (toks[k]?.text === '.') i = k;
					break;
				}
				if (prevWord() === 'AS') aliases.set(name.toLowerCase(), name);
				out.push(quote(name.toLowerCase()));
				break;
			}
			case 'param': {
				if (upper === '@@VERSION') {
					out.push('version()');
					break;
				}
				const name = t.text.slice(1).toLowerCase();
				const p = params.get(name);
				if (!p)
					throw new TranslateError(137, `Must declare the scalar variable "${t.text}".`, 15, 2);
				let idx = used.indexOf(name);
				if (idx < 0) idx = used.push(name) - 1;
				out.push(`($${idx + 1}::${p.pgType})`);
				break;
			}
			case 'word': {
				const j = next(i);
				const after = toks[j]?.text;
				if (database && upper === database.toUpperCase() && after === '.') {
					// <database>.dbo.X or <database>..X
					i = j;
					const k = next(i);
					if (toks[k]?.text === '.') i = k;
					break;
				}
				if (upper === 'WITH' && after === '(' && toks[next(j)]?.text.toUpperCase() === 'NOLOCK') {
					i = next(next(j)); // the closing paren
					break;
				}
				if (
					prevWord() === 'AS' &&
					opener[opener.length - 1] !== 'CAST' &&
					!['SELECT', 'WITH'].includes(upper)
				) {
					aliases.set(t.text.toLowerCase(), t.text);
				}
				if (prevWord() === 'AS' && opener[opener.length - 1] === 'CAST') {
					let args: string | undefined;
					if (after === '(') {
						let k = j;
						args = '';
						while (k < toks.length && toks[k].text !== ')') args += toks[k++].text;
						args += ')';
						i = k;
					}
					out.push(castType(t.text, args));
					break;
				}
				if (
					['GETDATE', 'SYSDATETIME', 'GETUTCDATE', 'SYSUTCDATETIME'].includes(upper) &&
					after === '(' &&
					toks[next(j)]?.text === ')'
				) {
					out.push(upper.includes('UTC') ? "(now() AT TIME ZONE 'UTC')" : 'LOCALTIMESTAMP');
					i = next(j);
					break;
				}
				if (upper === 'CURRENT_TIMESTAMP') {
					out.push('LOCALTIMESTAMP');
					break;
				}
				if (upper === 'TOP' && ['SELECT', 'DISTINCT'].includes(prevWord())) {
					// TOP (expr) | TOP n
					let k = j;
					let expr = '';
					if (toks[k]?.text === '(') {
						let depth = 0;
						const inner: Tok[] = [];
						for (; k < toks.length; k++) {
							if (toks[k].text === '(') depth++;
							if (toks[k].text === ')') depth--;
							inner.push(toks[k]);
							if (depth === 0) break;
						}
						for (const tok of inner)
							if (tok.kind === 'param') {
								const name = tok.text.slice(1).toLowerCase();
								if (!used.includes(name)) used.push(name);
							}
						expr = inner
							.map((x) =>
								x.kind === 'param'
									? `($${used.indexOf(x.text.slice(1).toLowerCase()) + 1}::${params.get(x.text.slice(1).toLowerCase())!.pgType})`
									: x.text,
							)
							.join('');
					} else expr = toks[k]?.text ?? '';
					pendingLimit[pendingLimit.length - 1] = expr;
					i = k;
					break;
				}
				if (after === '(') {
					if (upper === 'COUNT') {
						// SQL Server's COUNT is int; Postgres's is bigint
						out.push('CAST(');
						castNextParen = true;
					}
					const renamed = (
						{ ISNULL: 'COALESCE', LEN: 'LENGTH', COUNT_BIG: 'COUNT' } as Record<string, string>
					)[upper];
					out.push(renamed ?? t.text);
					break;
				}
				out.push(t.text);
				break;
			}
			case 'op':
				if (t.text === '(') {
					const fn = prevWord();
					opener.push(fn);
					closeSuffix.push(castNextParen ? ' AS int)' : '');
					castNextParen = false;
					pendingLimit.push(undefined);
					out.push(t.text);
				} else if (t.text === ')') {
					const limit = pendingLimit.pop();
					if (limit) out.push(` LIMIT ${limit}`);
					opener.pop();
					out.push(t.text, closeSuffix.pop() ?? '');
				} else if (t.text === ';') {
					const limit = pendingLimit[pendingLimit.length - 1];
					if (limit) out.push(` LIMIT ${limit}`);
					pendingLimit[pendingLimit.length - 1] = undefined;
					out.push(t.text);
				} else out.push(t.text);
				break;
			default:
				out.push(t.text);
		}
	}
	const limit = pendingLimit[0];
	if (limit) {
		// before trailing whitespace
		let k = out.length;
		while (k > 0 && !out[k - 1].trim()) k--;
		out.splice(k, 0, ` LIMIT ${limit}`);
	}
	return { sql: out.join(''), used, aliases };
}
