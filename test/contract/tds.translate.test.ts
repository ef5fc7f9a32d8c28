/** The T-SQL → Postgres translation of the SQL Server test server (pure function). */
import { TranslateError, type TranslateParam, translate } from '../emulators/tds/translate';

const params = new Map<string, TranslateParam>([
	['d', { pgType: 'timestamp' }],
	['n', { pgType: 'int4' }],
	['code', { pgType: 'text' }],
]);
const tr = (sql: string) => translate(sql, params, 'SBODEMOUS');

describe('translate', () => {
	it('leaves portable SQL alone apart from parameters', () => {
		const r = tr(
			'SELECT T0.DocEntry FROM ODLN T0 WHERE T0.UpdateDate > @d ORDER BY T0.DocEntry OFFSET @n ROWS FETCH NEXT @N ROWS ONLY',
		);
		expect(r.sql).toBe(
			'SELECT T0.DocEntry FROM ODLN T0 WHERE T0.UpdateDate > ($1::timestamp) ORDER BY T0.DocEntry OFFSET ($2::int4) ROWS FETCH NEXT ($2::int4) ROWS ONLY',
		);
		expect(r.used).toEqual(['d', 'n']);
	});

	it('does not touch @ or quotes inside string literals', () => {
		expect(tr("SELECT N'it''s @code [x]' AS s").sql).toBe("SELECT 'it''s @code [x]' AS s");
	});

	it('turns TOP into LIMIT, also in subqueries and with a parameter', () => {
		expect(tr('SELECT TOP 5 DocEntry FROM ODLN').sql).toBe('SELECT  DocEntry FROM ODLN LIMIT 5');
		expect(
			tr('SELECT x FROM (SELECT TOP (@n) DocEntry AS x FROM ODLN ORDER BY DocEntry) q').sql,
		).toBe(
			'SELECT x FROM (SELECT  DocEntry AS x FROM ODLN ORDER BY DocEntry LIMIT (($1::int4))) q',
		);
	});

	it('lower-cases bracketed identifiers and drops the database prefix and NOLOCK hints', () => {
		expect(tr('SELECT [DocEntry] FROM [SBODEMOUS].[dbo].[ODLN] WITH (NOLOCK)').sql).toBe(
			'SELECT "docentry" FROM "dbo"."odln" ',
		);
		expect(tr('SELECT DocEntry FROM SBODEMOUS..ODLN').sql).toBe('SELECT DocEntry FROM ODLN');
	});

	it('maps T-SQL functions and CAST target types', () => {
		expect(
			tr(
				"SELECT ISNULL(TrackNo, '') AS t, LEN(CardName) AS l, GETDATE() AS now, CAST(DocTotal AS nvarchar(20)) AS s, CAST(1 AS bit) AS b FROM ODLN",
			).sql,
		).toBe(
			"SELECT COALESCE(TrackNo, '') AS t, LENGTH(CardName) AS l, LOCALTIMESTAMP AS now, CAST(DocTotal AS varchar(20)) AS s, CAST(1 AS boolean) AS b FROM ODLN",
		);
		expect(tr('SELECT COUNT(*) AS n, COUNT_BIG(*) AS big FROM ODLN').sql).toBe(
			'SELECT CAST(COUNT(*) AS int) AS n, COUNT(*) AS big FROM ODLN',
		);
	});

	it('records alias spellings for result metadata', () => {
		expect([
			...tr(
				'SELECT DocEntry AS DeliveryEntry, DocNum AS [Delivery No] FROM ODLN T0',
			).aliases.values(),
		]).toEqual(['DeliveryEntry', 'Delivery No']);
	});

	it('drops leading session options', () => {
		expect(tr('SET NOCOUNT ON; SELECT 1 AS ok').sql).toBe(' SELECT 1 AS ok');
	});

	it('fails an undeclared variable as SQL Server does (137)', () => {
		expect(() => tr('SELECT @nope')).toThrow(TranslateError);
		expect(() => tr('SELECT @nope')).toThrow('Must declare the scalar variable "@nope".');
	});
});
