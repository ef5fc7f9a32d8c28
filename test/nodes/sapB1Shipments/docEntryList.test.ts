import { parseDocEntryList } from '../../../nodes/SapB1Shipments/docEntryList';

describe('Also Fetch Deliveries: the DocEntry list', () => {
	it('reads comma-separated text, JSON array text, arrays and single numbers', () => {
		expect(parseDocEntryList('12, 15,31')).toEqual([12, 15, 31]);
		expect(parseDocEntryList(' 12 ,\n15 ; 31 ')).toEqual([12, 15, 31]);
		expect(parseDocEntryList('[12, "15"]')).toEqual([12, 15]);
		expect(parseDocEntryList(['12', 15, ' 31 '])).toEqual([12, 15, 31]);
		expect(parseDocEntryList(7)).toEqual([7]);
	});

	it('returns nothing for empty input and skips blank entries', () => {
		for (const empty of [undefined, null, '', '  ', [], '[]', ',,', ['', ' ']])
			expect(parseDocEntryList(empty)).toEqual([]);
		expect(parseDocEntryList('1,,2,')).toEqual([1, 2]);
	});

	it('drops repeats, keeping the first position', () => {
		expect(parseDocEntryList([3, '1', 3, 1, '3'])).toEqual([3, 1]);
	});

	it('refuses anything that is not a positive whole number, naming it', () => {
		const cases: Array<[unknown, string]> = [
			['1, abc', '"abc"'],
			['1.5', '"1.5"'],
			[[2.5], '"2.5"'],
			['-4', '"-4"'],
			[0, '"0"'],
			[['0x10'], '"0x10"'],
			[[null], '"null"'],
			[[true], '"true"'],
			[[[1, 2]], '"[1,2]"'],
			[{ docEntry: 1 }, '"{"docEntry":1}"'],
			['99999999999999999999', '"99999999999999999999"'],
			[Number.NaN, '"null"'],
		];
		for (const [input, named] of cases)
			expect(() => parseDocEntryList(input)).toThrow(
				`${named} is not a DocEntry (a positive whole number)`,
			);
		expect(() => parseDocEntryList('[1, 2')).toThrow('"[1, 2" is not a list of DocEntries');
		expect(() => parseDocEntryList('x'.repeat(200))).toThrow(/^"x{60}…" is not a DocEntry/);
	});
});
