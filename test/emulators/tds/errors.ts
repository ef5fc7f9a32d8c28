/**
 * Postgres errors → SQL Server errors (number, state, class and message text as SQL Server
 * words them), so clients see what a real SAP B1 database would answer.
 */
import type { PgError } from './pgEngine';
import type { SqlMessage } from './tokens';

/** The identifier as the client wrote it (T-SQL text), found case-insensitively. */
function asWritten(tsql: string, name: string): string {
	const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\./g, '\\s*\\.\\s*');
	const m = new RegExp(`\\[?${esc}\\]?`, 'i').exec(tsql);
	return m ? m[0].replace(/[[\]]/g, '').replace(/\s+/g, '') : name;
}

export function mapPgError(err: PgError, tsql: string): SqlMessage {
	const msg = err.message;
	const quoted = /"([^"]+)"/.exec(msg)?.[1];
	switch (err.code) {
		case '42P01': {
			// relation "dbo.nope" does not exist — SQL Server names the object as written
			const name = quoted ? asWritten(tsql, quoted) : '?';
			const qualified = new RegExp(
				`((?:\\[?\\w+\\]?\\s*\\.\\s*)*)\\[?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]?`,
				'i',
			).exec(tsql);
			return {
				number: 208,
				state: 1,
				class: 16,
				message: `Invalid object name '${qualified ? qualified[0].replace(/[[\]\s]/g, '') : name}'.`,
			};
		}
		case '42703': {
			// column "foo" does not exist / column t0.foo does not exist
			const raw = quoted ?? /column (\S+) does not exist/.exec(msg)?.[1] ?? '?';
			const col = raw.split('.').pop()!;
			return {
				number: 207,
				state: 1,
				class: 16,
				message: `Invalid column name '${asWritten(tsql, col)}'.`,
			};
		}
		case '42702':
			return {
				number: 209,
				state: 1,
				class: 16,
				message: `Ambiguous column name '${asWritten(tsql, quoted ?? '?')}'.`,
			};
		case '42601': {
			const near = /at or near "([^"]*)"/.exec(msg)?.[1];
			if (near !== undefined)
				return { number: 102, state: 1, class: 15, message: `Incorrect syntax near '${near}'.` };
			return {
				number: 102,
				state: 1,
				class: 15,
				message: `Incorrect syntax near the end of the statement.`,
			};
		}
		case '42883': {
			const fn = /function (\w+)\(/.exec(msg)?.[1];
			if (fn)
				return {
					number: 195,
					state: 10,
					class: 15,
					message: `'${asWritten(tsql, fn)}' is not a recognized built-in function name.`,
				};
			return {
				number: 402,
				state: 1,
				class: 16,
				message: `The data types are incompatible in this operator. (${msg})`,
			};
		}
		case '22P02':
		case '22007':
		case '22008': {
			const value = /: "([^"]*)"/.exec(msg)?.[1] ?? '';
			if (err.code === '22P02')
				return {
					number: 245,
					state: 1,
					class: 16,
					message: `Conversion failed when converting the nvarchar value '${value}' to data type int.`,
				};
			return {
				number: 241,
				state: 1,
				class: 16,
				message: 'Conversion failed when converting date and/or time from character string.',
			};
		}
		case '22012':
			return { number: 8134, state: 1, class: 16, message: 'Divide by zero error encountered.' };
		case '22003':
			return {
				number: 8115,
				state: 2,
				class: 16,
				message: 'Arithmetic overflow error converting expression to data type int.',
			};
		case '23505':
			return {
				number: 2627,
				state: 1,
				class: 14,
				message: `Violation of PRIMARY KEY constraint. Cannot insert duplicate key. (${msg})`,
			};
		case '42804':
			return { number: 206, state: 2, class: 16, message: `Operand type clash: ${msg}` };
		default:
			return { number: 50000, state: 1, class: 16, message: msg };
	}
}
