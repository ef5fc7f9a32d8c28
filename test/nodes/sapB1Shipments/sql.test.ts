import {
	MAX_ENTRIES_PER_QUERY,
	deliveriesByEntriesQuery,
	deliveriesPageQuery,
	deliveryByKeyQuery,
} from '../../../nodes/SapB1Shipments/sql/deliveries';
import { assertWebOrderField } from '../../../nodes/SapB1Shipments/webOrderField';

const base = {
	pageSize: 100,
	onlyWithTracking: true,
	onlyWebOrders: true,
	excludeCancelled: true,
	webOrderField: 'NumAtCard',
};

describe('deliveries SQL', () => {
	it('pages deliveries (not lines) after the watermark tuple with parameters only', () => {
		const q = deliveriesPageQuery({
			...base,
			after: { date: "2025-06-06'; DROP TABLE ODLN; --", time: '14:30:15', docEntry: 7 },
		});
		expect(q.text).toMatch(/WITH next_deliveries AS \(\s*SELECT D\.DocEntry\s+FROM ODLN D/);
		expect(q.text).toMatch(
			/ORDER BY D\.UpdateDate, D\.UpdateTS, D\.DocEntry\s+OFFSET 0 ROWS FETCH NEXT @pageSize ROWS ONLY/,
		);
		expect(q.text).toContain('D.UpdateTS = @afterTime AND D.DocEntry > @afterDocEntry');
		expect(q.text).toContain(
			'LEFT JOIN ORDR T2 ON T1.BaseType = 17 AND T1.BaseEntry = T2.DocEntry',
		);
		expect(q.text).toContain('LEFT JOIN OSHP T3 ON T0.TrnspCode = T3.TrnspCode');
		expect(q.text).not.toContain('DROP TABLE');
		expect(q.params.map((p) => [p.name, p.value])).toEqual([
			['afterDate', "2025-06-06'; DROP TABLE ODLN; --"],
			['afterTime', 143015],
			['afterDocEntry', 7],
			['pageSize', 100],
		]);
	});

	it('stays in the portable subset', () => {
		for (const q of [
			deliveriesPageQuery(base),
			deliveryByKeyQuery('DocNum', 2003, 'U_WebOrderNo'),
			deliveriesByEntriesQuery([1, 2], base),
		]) {
			expect(q.text).not.toMatch(/\bTOP\b|\bISNULL\b|\[|\]|\bGETDATE\b|\+\s*'/i);
		}
	});

	it('leaves out the filters that are off and the watermark when there is none', () => {
		const q = deliveriesPageQuery({
			...base,
			onlyWithTracking: false,
			onlyWebOrders: false,
			excludeCancelled: false,
		});
		expect(q.text).not.toMatch(/WHERE|CANCELED =|TrackNo, ''|EXISTS/);
		expect(q.params.map((p) => p.name)).toEqual(['pageSize']);
	});

	it('puts only a validated web order field into the SQL', () => {
		expect(deliveriesPageQuery({ ...base, webOrderField: 'U_WebOrderNo' }).text).toContain(
			'T2.U_WebOrderNo AS web_order_number',
		);
		for (const bad of [
			'U_x; DROP TABLE ORDR',
			'NumAtCard--',
			'U_',
			'CardCode',
			"U_a'b",
			'U_a b',
			'"U_a"',
		])
			expect(() => deliveriesPageQuery({ ...base, webOrderField: bad })).toThrow(/not allowed/);
		expect(assertWebOrderField(' NumAtCard ')).toBe('NumAtCard');
	});

	it('gets one delivery by DocEntry or DocNum', () => {
		expect(deliveryByKeyQuery('DocEntry', 3, 'NumAtCard').text).toContain(
			'WHERE T0.DocEntry = @key',
		);
		const q = deliveryByKeyQuery('DocNum', 2003, 'NumAtCard');
		expect(q.text).toContain('WHERE T0.DocNum = @key');
		expect(q.params.map((p) => [p.name, p.value])).toEqual([['key', 2003]]);
	});

	it("selects deliveries by DocEntry with one bound parameter each, the filters, and the page query's columns and joins", () => {
		const q = deliveriesByEntriesQuery([12, 7, 3], base);
		expect(q.text).toContain('WHERE D.DocEntry IN (@e0, @e1, @e2)');
		expect(q.text).toContain("D.CANCELED = 'N'");
		expect(q.text).toContain("LTRIM(RTRIM(COALESCE(D.TrackNo, ''))) <> ''");
		expect(q.text).toMatch(/EXISTS \(/);
		expect(q.text).not.toMatch(/@after|@pageSize|OFFSET/);
		expect(q.params.map((p) => [p.name, p.value])).toEqual([
			['e0', 12],
			['e1', 7],
			['e2', 3],
		]);
		// The SELECT / JOIN / ORDER BY text is the page query's, whatever chooses the deliveries.
		const tail = (text: string) => text.slice(text.indexOf(')\nSELECT'));
		expect(tail(q.text)).toBe(tail(deliveriesPageQuery(base).text));
		const unfiltered = deliveriesByEntriesQuery([5], {
			...base,
			onlyWithTracking: false,
			onlyWebOrders: false,
			excludeCancelled: false,
		});
		expect(unfiltered.text).toMatch(/WHERE D\.DocEntry IN \(@e0\)\s*\)/);
	});

	it('refuses an empty list, more than the limit per query, and DocEntries that are not whole numbers', () => {
		expect(() => deliveriesByEntriesQuery([], base)).toThrow(/between 1 and 100/);
		expect(
			deliveriesByEntriesQuery(
				Array.from({ length: MAX_ENTRIES_PER_QUERY }, (_, n) => n + 1),
				base,
			).params,
		).toHaveLength(100);
		expect(() =>
			deliveriesByEntriesQuery(
				Array.from({ length: MAX_ENTRIES_PER_QUERY + 1 }, (_, n) => n + 1),
				base,
			),
		).toThrow(/not 101/);
		expect(() => deliveriesByEntriesQuery([1, Number.NaN], base)).toThrow(/DocEntry NaN/);
		expect(() => deliveriesByEntriesQuery([1, 2.5], base)).toThrow(/DocEntry 2.5/);
		expect(() =>
			deliveriesByEntriesQuery([1], { ...base, webOrderField: 'U_x; DROP TABLE ORDR' }),
		).toThrow(/not allowed/);
	});
});
