import {
	compareWatermarks,
	fromParts,
	isAfterWatermark,
	parseWatermark,
	timeToInt,
	timeToText,
	toSapDate,
} from '../../../nodes/SapB1Shipments/watermark';

describe('watermark', () => {
	it('reads an object, JSON text, int or text time, and nested cursor/watermark', () => {
		const expected = { date: '2025-06-06', time: '14:30:15', docEntry: 7 };
		expect(parseWatermark({ date: '2025-06-06', time: '14:30:15', docEntry: 7 })).toEqual(expected);
		expect(parseWatermark({ date: '2025-06-06', time: 143015, docEntry: '7' })).toEqual(expected);
		expect(parseWatermark('{"date":"2025-06-06","time":"143015","docEntry":7}')).toEqual(expected);
		expect(
			parseWatermark({ cursor: { date: '2025-06-06T00:00:00Z', time: '14:30:15', docEntry: 7 } }),
		).toEqual(expected);
		expect(parseWatermark({ watermark: expected })).toEqual(expected);
		expect(parseWatermark({ date: '2025-06-06', time: 93000 })).toEqual({
			date: '2025-06-06',
			time: '09:30:00',
			docEntry: 0,
		});
		expect(parseWatermark('2025-06-06')).toEqual({
			date: '2025-06-06',
			time: '00:00:00',
			docEntry: 0,
		});
		expect(parseWatermark('2025-06-06 14:30:15')).toEqual({
			date: '2025-06-06',
			time: '14:30:15',
			docEntry: 0,
		});
		expect(parseWatermark({ cursor: '2025-06-06T14:30' })).toEqual({
			date: '2025-06-06',
			time: '14:30:00',
			docEntry: 0,
		});
	});

	it('treats empty input as "from the beginning"', () => {
		for (const empty of [
			undefined,
			null,
			'',
			'  ',
			'{}',
			{},
			{ date: '', time: '', docEntry: '' },
			{ cursor: {} },
		])
			expect(parseWatermark(empty)).toBeUndefined();
		expect(fromParts('', '', 0)).toBeUndefined();
	});

	it('names the bad field', () => {
		expect(() => parseWatermark({ date: '06/03/2025' })).toThrow(/date "06\/03\/2025"/);
		expect(() => parseWatermark({ date: '2025-06-03', time: '25:00:00' })).toThrow(
			/time "25:00:00"/,
		);
		expect(() => parseWatermark({ date: '2025-06-03', docEntry: -1 })).toThrow(/docEntry/);
		expect(() => parseWatermark('not json')).toThrow(/neither a JSON object/);
		expect(() => parseWatermark([1])).toThrow(/must be an object/);
		expect(() => fromParts('', '10:00:00', 0)).toThrow(/date is missing/);
	});

	it('compares as a tuple (date, time, docEntry)', () => {
		const w = (date: string, time: string, docEntry: number) => ({ date, time, docEntry });
		expect(
			compareWatermarks(w('2025-06-06', '14:30:15', 8), w('2025-06-06', '14:30:15', 7)),
		).toBeGreaterThan(0);
		expect(
			compareWatermarks(w('2025-06-06', '09:00:00', 1), w('2025-06-06', '14:30:15', 7)),
		).toBeLessThan(0);
		expect(
			compareWatermarks(w('2025-06-07', '00:00:00', 1), w('2025-06-06', '23:59:59', 99)),
		).toBeGreaterThan(0);
		expect(compareWatermarks(w('2025-06-06', '143015', 7), w('2025-06-06', '14:30:15', 7))).toBe(0);
		expect(isAfterWatermark(w('2025-06-06', '14:30:15', 7), w('2025-06-06', '14:30:15', 7))).toBe(
			false,
		);
		expect(isAfterWatermark(w('2025-06-06', '14:30:15', 7), undefined)).toBe(true);
	});

	it('converts times and dates', () => {
		expect(timeToInt('09:05:30')).toBe(90530);
		expect(timeToText(90530)).toBe('09:05:30');
		expect(timeToText(0)).toBe('00:00:00');
		expect(() => timeToInt(246000)).toThrow();
		expect(toSapDate(new Date(Date.UTC(2025, 5, 3)))).toBe('2025-06-03');
		expect(toSapDate('2025-06-03T00:00:00Z')).toBe('2025-06-03');
		expect(toSapDate(null)).toBeNull();
	});
});

describe('watermark strictness', () => {
	it('accepts a date with a time part but nothing else after the date', () => {
		expect(parseWatermark({ date: '2025-06-04 00:00:00', time: 1 })).toEqual({
			date: '2025-06-04',
			time: '00:00:01',
			docEntry: 0,
		});
		expect(() => parseWatermark({ date: "2025-06-04' OR 1=1 --" })).toThrow(/Watermark date/);
		expect(() => parseWatermark('2025-06-04x')).toThrow();
	});
});
