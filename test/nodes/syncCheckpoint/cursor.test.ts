import {
	advanceCursor,
	compareCursors,
	maxCursor,
	parseCursorInput,
	timeToSeconds,
	timestampToMs,
	validateCursor,
} from '../../../nodes/SyncCheckpoint/cursor';

describe('sync cursor order', () => {
	it('reads times as HH:MM:SS, HH:MM, int HHMMSS or its digits', () => {
		expect(timeToSeconds('10:00:05')).toBe(36005);
		expect(timeToSeconds('9:30')).toBe(34200);
		expect(timeToSeconds(100005)).toBe(36005);
		expect(timeToSeconds('100005')).toBe(36005);
		expect(timeToSeconds(undefined)).toBe(0);
		expect(timeToSeconds('25:00:00')).toBeNaN();
		expect(timeToSeconds(106000)).toBeNaN();
	});

	it('orders watermarks as (date, time, docEntry), whatever form the time takes', () => {
		const a = { date: '2026-03-01', time: '10:00:00', docEntry: 7 };
		const b = { date: '2026-03-01', time: 100000, docEntry: 9 };
		const c = { date: '2026-03-01T00:00:00Z', time: '09:59:59', docEntry: 20 };
		const d = { date: '2026-02-28', time: '23:59:59', docEntry: 99 };
		expect(compareCursors(a, b)).toBeLessThan(0);
		expect(compareCursors(b, a)).toBeGreaterThan(0);
		expect(compareCursors(c, a)).toBeLessThan(0);
		expect(compareCursors(d, c)).toBeLessThan(0);
		expect(compareCursors(a, { date: '2026-03-01', time: 100000, docEntry: '7' })).toBe(0);
		expect(maxCursor([a, c, b, d])).toBe(b);
	});

	it('orders timestamps chronologically, not as text', () => {
		// As text, 'T' sorts after ' ': the ISO value would wrongly win.
		expect(compareCursors('2026-01-02 10:00:00', '2026-01-02T11:00:00+02:00')).toBeGreaterThan(0);
		expect(compareCursors('2026-01-02 10:00:00', '2026-01-02T10:00:00Z')).toBe(0);
		expect(compareCursors('2026-01-02', '2026-01-01 23:59:59')).toBeGreaterThan(0);
		expect(timestampToMs('2026-01-02 10:00:00')).toBe(Date.UTC(2026, 0, 2, 10));
	});

	it('compares numbers numerically and watermarks with timestamps', () => {
		expect(compareCursors(9, 10)).toBeLessThan(0);
		expect(compareCursors('9', 10)).toBeLessThan(0);
		expect(
			compareCursors('2026-03-01 10:00:00', { date: '2026-03-01', time: '10:00:00', docEntry: 0 }),
		).toBeLessThan(0);
		expect(compareCursors(null, 0)).toBeLessThan(0);
		expect(compareCursors(null, null)).toBe(0);
	});

	it('never moves the cursor back, keeps it when nothing was fetched, follows a change of kind', () => {
		expect(advanceCursor('2026-01-05 00:00:00', ['2026-01-04 00:00:00'])).toBe(
			'2026-01-05 00:00:00',
		);
		expect(advanceCursor('2026-01-05 00:00:00', [null, '2026-01-06 08:00:00'])).toBe(
			'2026-01-06 08:00:00',
		);
		expect(advanceCursor('2026-01-05 00:00:00', [])).toBe('2026-01-05 00:00:00');
		expect(advanceCursor('2026-01-05 00:00:00', [null])).toBe('2026-01-05 00:00:00');
		expect(advanceCursor(null, [3, 12, 5])).toBe(12);
		expect(advanceCursor(40, ['2026-01-01 00:00:00'])).toBe('2026-01-01 00:00:00');
	});

	it('parses cursors typed by the user', () => {
		expect(parseCursorInput('')).toBeNull();
		expect(parseCursorInput('  ')).toBeNull();
		expect(parseCursorInput('{"date":"2026-01-01","time":"00:00:00","docEntry":0}')).toEqual({
			date: '2026-01-01',
			time: '00:00:00',
			docEntry: 0,
		});
		expect(parseCursorInput('2026-01-01 00:00:00')).toBe('2026-01-01 00:00:00');
		expect(parseCursorInput('42')).toBe(42);
		expect(parseCursorInput({ date: '2026-01-01', time: 0, docEntry: 1 })).toEqual({
			date: '2026-01-01',
			time: 0,
			docEntry: 1,
		});
		expect(() => parseCursorInput('{"date":')).toThrow(/not valid JSON/);
		expect(() => parseCursorInput('{"time":"10:00:00"}')).toThrow(/needs "date"/);
		expect(() => validateCursor([1, 2])).toThrow(/invalid cursor/);
		expect(() => validateCursor({ date: '2026-01-01', time: 'noon' })).toThrow(/invalid cursor/);
	});
});
