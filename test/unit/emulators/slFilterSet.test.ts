/**
 * The Service Layer emulator answers `P eq 'a' or P eq 'b' or …` (the look-up of a page of web
 * order numbers) through a set instead of one comparison per term and row. The answers must be
 * the same as the general evaluation's, whatever the types of the stored values.
 */
import { evalFilter, optimiseFilter, parseFilter } from '../../emulators/serviceLayer/filter';

const rows: Array<Record<string, unknown>> = [
	{ NumAtCard: '000000101', DocEntry: 1, U_Web: 7, DocDate: '2026-11-22' },
	{ NumAtCard: '000000102', DocEntry: 2, U_Web: '8', DocDate: '2026-11-23' },
	{ NumAtCard: null, DocEntry: 3, U_Web: null, DocDate: '2026-11-24' },
	{ NumAtCard: 101, DocEntry: 4, DocDate: '2026-11-22T00:00:00' },
	{ NumAtCard: "O'Brien", DocEntry: 5, U_Web: 8 },
];
const dateProps = new Set(['DocDate']);
const known = () => true;

function both(filter: string) {
	const ast = parseFilter(filter, known);
	const general = rows.filter((r) => !!evalFilter(ast, r, dateProps)).map((r) => r.DocEntry);
	const optimised = optimiseFilter(ast, dateProps);
	const fast = rows.filter((r) => !!evalFilter(optimised, r, dateProps)).map((r) => r.DocEntry);
	return { general, fast, rewritten: JSON.stringify(optimised).includes('"t":"in"') };
}

describe('Service Layer emulator: eq-or chains as a set', () => {
	it.each([
		["NumAtCard eq '000000101' or NumAtCard eq '000000102'", [1, 2], true],
		["NumAtCard eq '101' or NumAtCard eq 'O''Brien'", [4, 5], true],
		['U_Web eq 8 or U_Web eq 7', [1, 2, 5], true],
		["U_Web eq '8' or U_Web eq '9'", [2, 5], true],
		["(NumAtCard eq '000000101' or NumAtCard eq '000000102') and DocEntry ne 2", [1], true],
		// Mixed properties, null literals and date properties keep the general path.
		["NumAtCard eq '000000101' or DocEntry eq 3", [1, 3], false],
		["NumAtCard eq null or NumAtCard eq '000000102'", [2, 3], false],
		["DocDate eq '2026-11-22' or DocDate eq '2026-11-24'", [1, 3, 4], false],
	])('%s', (filter, expected, rewritten) => {
		const r = both(filter);
		expect(r.general).toEqual(expected);
		expect(r.fast).toEqual(expected);
		expect(r.rewritten).toBe(rewritten);
	});
});
