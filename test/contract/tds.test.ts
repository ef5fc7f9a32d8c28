/**
 * Contract tests of the SQL Server (TDS) test server with the real `mssql` driver: login, types,
 * parameters, the deliveries-since-watermark query of the Shipments node, error mapping,
 * packet splitting, pool reuse, cancel and faults.
 */
import sql from 'mssql';
import { type SapDocument, sapSeed } from '../emulators/seed/sap';
import { type SqlServerEmulator, startSqlServer } from '../emulators/tds';

let srv: SqlServerEmulator;
let pool: sql.ConnectionPool;
const seed = sapSeed();

beforeAll(async () => {
	srv = await startSqlServer({ seed });
	pool = await new sql.ConnectionPool(srv.config).connect();
}, 30_000);

afterAll(async () => {
	await pool?.close();
	await srv?.close();
});

beforeEach(() => srv.setFaultPlan());

async function connectError(config: sql.config): Promise<Error & { code?: string }> {
	const p = new sql.ConnectionPool(config);
	try {
		await p.connect();
	} catch (e) {
		return e as Error;
	} finally {
		await p.close();
	}
	throw new Error('connected');
}

async function requestError(
	run: Promise<unknown>,
): Promise<sql.RequestError & { number: number; class: number }> {
	try {
		await run;
	} catch (e) {
		return e as sql.RequestError & { number: number; class: number };
	}
	throw new Error('query succeeded');
}

describe('login', () => {
	it('rejects a wrong password with SQL Server error 18456', async () => {
		const before = srv.stats.loginFailures;
		const err = await connectError({ ...srv.config, password: 'wrong' });
		expect(err.message).toBe(`Login failed for user '${srv.config.user}'.`);
		expect(err.code).toBe('ELOGIN');
		expect(srv.stats.loginFailures).toBe(before + 1);
	});

	it('rejects an unknown database (4060, then 18456 as SQL Server sends them)', async () => {
		const err = await connectError({ ...srv.config, database: 'NoSuchCompany' });
		expect(err.code).toBe('ELOGIN');
		expect(err.message).toMatch(/Cannot open database "NoSuchCompany"|Login failed for user/);
	});

	it('speaks TLS inside TDS to clients that require encryption (self-signed certificate)', async () => {
		const p = await new sql.ConnectionPool({
			...srv.config,
			options: { encrypt: true, trustServerCertificate: true, serverName: 'localhost' },
		}).connect();
		try {
			const r = await p
				.request()
				.input('s', sql.NVarChar(20), 'Café ☕')
				.query('SELECT @s AS s, COUNT(*) AS n FROM OSHP');
			expect(r.recordset).toEqual([{ s: 'Café ☕', n: seed.ShippingTypes.length }]);
		} finally {
			await p.close();
		}
	});

	it('is rejected by a client that verifies the certificate', async () => {
		const err = await connectError({
			...srv.config,
			options: { encrypt: true, trustServerCertificate: false, serverName: 'localhost' },
		});
		expect(err.message).toMatch(/certificate/i);
	});

	it('refuses clients that require encryption when started without TLS, saying how to connect', async () => {
		const plain = await startSqlServer({ tls: false });
		try {
			const err = await connectError({
				...plain.config,
				options: { encrypt: true, trustServerCertificate: true },
			});
			expect(err.message).toMatch(/encrypt = false/);
		} finally {
			await plain.close();
		}
	}, 20_000);

	it('accepts the configured login and database', async () => {
		const r = await pool.request().query('SELECT 1 AS ok');
		expect(r.recordset).toEqual([{ ok: 1 }]);
		expect(r.rowsAffected).toEqual([1]);
	});
});

describe('result types', () => {
	it('returns SQL Server types with their values', async () => {
		const r = await pool.request().query(`
			SELECT CAST(42 AS int) AS i, CAST(9007199254740 AS bigint) AS b, N'Café ☕' AS s,
			       CAST(12.5 AS decimal(19,6)) AS d, CAST('2025-06-03 10:15:30' AS datetime) AS dt,
			       CAST('2025-06-03' AS date) AS dd, CAST(NULL AS int) AS n, CAST(NULL AS nvarchar(10)) AS ns, CAST(1 AS bit) AS f`);
		const row = r.recordset[0];
		expect(row).toEqual({
			i: 42,
			b: '9007199254740',
			s: 'Café ☕',
			d: 12.5,
			dt: new Date('2025-06-03T10:15:30.000Z'),
			dd: new Date('2025-06-03T00:00:00.000Z'),
			n: null,
			ns: null,
			f: true,
		});
		const cols = r.recordset.columns;
		expect(cols.i.type).toBe(sql.Int);
		expect(cols.b.type).toBe(sql.BigInt);
		expect(cols.s.type).toBe(sql.NVarChar);
		expect(cols.d.type).toBe(sql.Decimal);
		expect(cols.dt.type).toBe(sql.DateTime2);
		expect(cols.dd.type).toBe(sql.Date);
		expect(cols.f.type).toBe(sql.Bit);
	});

	it('describes SAP columns with their SAP names and declared types', async () => {
		const r = await pool
			.request()
			.query(
				'SELECT T0.DocEntry, T0.UpdateDate, T0.UpdateTS, T0.CANCELED, T0.DocTotal, T0.TrackNo, T0.NumAtCard FROM ODLN T0 WHERE T0.DocEntry = 1',
			);
		const cols = r.recordset.columns;
		expect(Object.keys(cols)).toEqual([
			'DocEntry',
			'UpdateDate',
			'UpdateTS',
			'CANCELED',
			'DocTotal',
			'TrackNo',
			'NumAtCard',
		]);
		expect(cols.UpdateDate.type).toBe(sql.DateTime);
		expect(cols.DocTotal).toMatchObject({ type: sql.Numeric, precision: 19, scale: 6 });
		// tedious reports nvarchar lengths in bytes, as it does against SQL Server: nvarchar(30) → 60
		expect(cols.TrackNo).toMatchObject({ type: sql.NVarChar, length: 60 });
		expect(cols.CANCELED).toMatchObject({ type: sql.Char, length: 1 });
		const d1 = seed.DeliveryNotes.find((d) => d.DocEntry === 1)!;
		expect(r.recordset[0]).toEqual({
			DocEntry: 1,
			UpdateDate: new Date(`${d1.UpdateDate}T00:00:00.000Z`),
			UpdateTS: Number(d1.UpdateTime.replace(/:/g, '')),
			CANCELED: 'N',
			DocTotal: d1.DocTotal,
			TrackNo: d1.TrackingNumber,
			NumAtCard: d1.NumAtCard,
		});
	});

	it('keeps the alias spelling written in the query', async () => {
		const r = await pool
			.request()
			.query(
				'SELECT DocEntry AS DeliveryEntry, [DocNum] AS [Delivery Number] FROM dbo.ODLN WHERE DocEntry = 1',
			);
		expect(Object.keys(r.recordset[0])).toEqual(['DeliveryEntry', 'Delivery Number']);
	});
});

describe('parameters (sp_executesql)', () => {
	it('round-trips typed parameters', async () => {
		const when = new Date('2025-06-03T10:15:30.123Z');
		const r = await pool
			.request()
			.input('i', sql.Int, 5)
			.input('b', sql.BigInt, 9007199254740)
			.input('s', sql.NVarChar(100), "O'Brien'; DROP TABLE ODLN; -- Café ☕")
			.input('d2', sql.DateTime2(7), when)
			.input('dt', sql.DateTime, new Date('2025-06-03T00:00:00.000Z'))
			.input('day', sql.Date, new Date('2025-06-03T00:00:00.000Z'))
			.input('dec', sql.Decimal(19, 6), 1234.5)
			.input('f', sql.Bit, false)
			.input('nothing', sql.NVarChar, null)
			.query(
				'SELECT @i AS i, @b AS b, @s AS s, @d2 AS d2, @dt AS dt, @day AS day, @dec AS dec, @f AS f, @nothing AS nothing',
			);
		expect(r.recordset[0]).toEqual({
			i: 5,
			b: '9007199254740',
			s: "O'Brien'; DROP TABLE ODLN; -- Café ☕",
			d2: when,
			dt: new Date('2025-06-03T00:00:00.000Z'),
			day: new Date('2025-06-03T00:00:00.000Z'),
			dec: 1234.5,
			f: false,
			nothing: null,
		});
		const seen = srv.stats.queries.at(-1)!;
		expect(seen.kind).toBe('rpc');
		expect(seen.params).toMatchObject({
			i: 5,
			s: "O'Brien'; DROP TABLE ODLN; -- Café ☕",
			d2: '2025-06-03 10:15:30.1230000',
			dec: 1234.5,
			f: false,
		});
		expect(seen.paramTypes).toMatchObject({
			i: 'int',
			d2: 'datetime2(7)',
			day: 'date',
			dt: 'datetime',
			f: 'bit',
		});
	});

	it('treats SQL metacharacters in parameters as data', async () => {
		const r = await pool
			.request()
			.input('code', sql.NVarChar(100), "x' OR '1'='1")
			.query('SELECT COUNT(*) AS n FROM OCRD WHERE CardCode = @code');
		expect(r.recordset[0].n).toBe(0);
		const still = await pool.request().query('SELECT COUNT(*) AS n FROM ODLN');
		expect(still.recordset[0].n).toBe(seed.DeliveryNotes.length);
	});

	it('filters on typed parameters (int, nvarchar, datetime2)', async () => {
		const r = await pool
			.request()
			.input('card', sql.NVarChar(15), 'C20000')
			.input('since', sql.DateTime2(7), new Date('2000-01-01T00:00:00Z'))
			.query(
				'SELECT CardCode, CardName, E_Mail FROM OCRD WHERE CardCode = @card AND @since < GETDATE()',
			);
		expect(r.recordset).toEqual([
			{ CardCode: 'C20000', CardName: 'Roni Cost', E_Mail: 'roni_cost@example.com' },
		]);
	});
});

/** The Shipments node's query shape: deliveries since a (UpdateDate, UpdateTS, DocEntry) watermark. */
const DELIVERIES_SINCE = `
SELECT T0.DocEntry, T0.DocNum, T0.DocDate, T0.UpdateDate, T0.UpdateTS, T0.TrackNo, T0.TrnspCode, T3.TrnspName,
       T1.LineNum, T1.ItemCode, T1.Quantity, T1.BaseEntry, T1.BaseLine, T2.NumAtCard
FROM ODLN T0
INNER JOIN DLN1 T1 ON T1.DocEntry = T0.DocEntry
INNER JOIN ORDR T2 ON T1.BaseType = 17 AND T1.BaseEntry = T2.DocEntry
LEFT JOIN OSHP T3 ON T3.TrnspCode = T0.TrnspCode
WHERE T0.CANCELED = 'N' AND COALESCE(T0.TrackNo, N'') <> N''
  AND (T0.UpdateDate > @d OR (T0.UpdateDate = @d AND (T0.UpdateTS > @t OR (T0.UpdateTS = @t AND T0.DocEntry > @e))))
ORDER BY T0.UpdateDate, T0.UpdateTS, T0.DocEntry, T1.LineNum
OFFSET @o ROWS FETCH NEXT @n ROWS ONLY`;

const sinceQuery = (d: Date, t: number, e: number, o: number, n: number) =>
	pool
		.request()
		.input('d', sql.DateTime, d)
		.input('t', sql.Int, t)
		.input('e', sql.Int, e)
		.input('o', sql.Int, o)
		.input('n', sql.Int, n)
		.query(DELIVERIES_SINCE);

/** Expected rows, computed from the seed in plain JS. */
function expectedLines(after: [string, number, number]) {
	const key = (d: SapDocument): [string, number, number] => [
		d.UpdateDate,
		Number(d.UpdateTime.replace(/:/g, '')),
		d.DocEntry,
	];
	const gt = (a: [string, number, number], b: [string, number, number]) =>
		a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])));
	return seed.DeliveryNotes.filter(
		(d) => d.CancelStatus === 'csNo' && d.TrackingNumber && gt(key(d), after),
	)
		.sort((a, b) => (gt(key(a), key(b)) ? 1 : -1))
		.flatMap((d) =>
			d.DocumentLines.filter((l) => l.BaseType === 17).map((l) => ({
				DocEntry: d.DocEntry,
				LineNum: l.LineNum,
				ItemCode: l.ItemCode,
				NumAtCard: seed.Orders.find((o) => o.DocEntry === l.BaseEntry)!.NumAtCard,
			})),
		);
}

describe('deliveries since a watermark', () => {
	it('joins ODLN/DLN1/ORDR/OSHP and pages with OFFSET/FETCH', async () => {
		const all = await sinceQuery(new Date('2000-01-01T00:00:00Z'), 0, 0, 0, 1000);
		const expected = expectedLines(['2000-01-01', 0, 0]);
		expect(expected.length).toBeGreaterThan(3);
		expect(
			all.recordset.map((r) => ({
				DocEntry: r.DocEntry,
				LineNum: r.LineNum,
				ItemCode: r.ItemCode,
				NumAtCard: r.NumAtCard,
			})),
		).toEqual(expected);
		const first = all.recordset[0];
		const doc = seed.DeliveryNotes.find((d) => d.DocEntry === first.DocEntry)!;
		expect(first.TrnspName).toBe(
			seed.ShippingTypes.find((s) => s.Code === doc.TransportationCode)!.Name,
		);
		expect(typeof first.Quantity).toBe('number');

		const paged: unknown[] = [];
		for (let o = 0; ; o += 2) {
			const page = await sinceQuery(new Date('2000-01-01T00:00:00Z'), 0, 0, o, 2);
			paged.push(...page.recordset);
			if (page.recordset.length < 2) break;
		}
		expect(paged).toEqual(all.recordset);
		const seen = srv.stats.queries.at(-1)!;
		expect(seen.paramTypes).toMatchObject({ d: 'datetime', t: 'int', o: 'int', n: 'int' });
	});

	it('compares the (UpdateDate, UpdateTS, DocEntry) tuple: same-second deliveries are neither missed nor repeated', async () => {
		const all = await sinceQuery(new Date('2000-01-01T00:00:00Z'), 0, 0, 0, 1000);
		const sameSecond = all.recordset.filter((r, _i, rows) =>
			rows.some(
				(o) =>
					o.DocEntry !== r.DocEntry && +o.UpdateDate === +r.UpdateDate && o.UpdateTS === r.UpdateTS,
			),
		);
		expect(sameSecond.length).toBeGreaterThanOrEqual(2);
		const mark = sameSecond[0];
		const after = await sinceQuery(mark.UpdateDate, mark.UpdateTS, mark.DocEntry, 0, 1000);
		const docs = [...new Set(after.recordset.map((r) => r.DocEntry))];
		expect(docs).not.toContain(mark.DocEntry);
		expect(docs).toContain(sameSecond.find((r) => r.DocEntry !== mark.DocEntry)!.DocEntry);
		expect(after.recordset.map((r) => r.DocEntry)).toEqual(
			expectedLines([mark.UpdateDate.toISOString().slice(0, 10), mark.UpdateTS, mark.DocEntry]).map(
				(l) => l.DocEntry,
			),
		);
	});
});

describe('errors', () => {
	it('maps a missing table to 208', async () => {
		const err = await requestError(pool.request().query('SELECT * FROM dbo.NoSuchTable'));
		expect(err).toMatchObject({
			number: 208,
			class: 16,
			message: "Invalid object name 'dbo.NoSuchTable'.",
		});
	});

	it('maps a missing column to 207', async () => {
		const err = await requestError(pool.request().query('SELECT T0.NoSuchColumn FROM ODLN T0'));
		expect(err).toMatchObject({
			number: 207,
			class: 16,
			message: "Invalid column name 'NoSuchColumn'.",
		});
	});

	it('maps a syntax error to 102', async () => {
		const err = await requestError(pool.request().query('SELECT FROM WHERE'));
		expect(err.number).toBe(102);
		expect(err.message).toMatch(/^Incorrect syntax near/);
	});

	it('rejects an undeclared variable with 137', async () => {
		const err = await requestError(
			pool.request().query('SELECT DocEntry FROM ODLN WHERE DocEntry = @missing'),
		);
		expect(err).toMatchObject({
			number: 137,
			message: 'Must declare the scalar variable "@missing".',
		});
	});

	it('keeps the connection usable after an error', async () => {
		await requestError(pool.request().query('SELECT * FROM Nope'));
		expect((await pool.request().query('SELECT 2 AS two')).recordset).toEqual([{ two: 2 }]);
	});
});

describe('volume and pooling', () => {
	it('returns 5 000 rows split over many packets, and reloads tables from a seed', async () => {
		const big = structuredClone(seed);
		const template = seed.DeliveryNotes[0];
		big.DeliveryNotes = Array.from({ length: 5000 }, (_, i) => ({
			...structuredClone(template),
			DocEntry: 1000 + i,
			DocNum: 9000 + i,
			TrackingNumber: `TRK-${i}-Ünïcødé`,
			DocumentLines: [
				{ ...structuredClone(template.DocumentLines[0]), DocEntry: 1000 + i, LineNum: 0 },
			],
		}));
		try {
			await srv.loadSeed(big);
			const r = await pool
				.request()
				.query(
					'SELECT T0.DocEntry, T0.TrackNo, T1.ItemCode, T1.Quantity FROM ODLN T0 JOIN DLN1 T1 ON T1.DocEntry = T0.DocEntry ORDER BY T0.DocEntry',
				);
			expect(r.recordset).toHaveLength(5000);
			expect(r.recordset[4999]).toEqual({
				DocEntry: 5999,
				TrackNo: 'TRK-4999-Ünïcødé',
				ItemCode: template.DocumentLines[0].ItemCode,
				Quantity: template.DocumentLines[0].Quantity,
			});
			expect(r.rowsAffected).toEqual([5000]);
		} finally {
			await srv.loadSeed(seed);
		}
		expect((await srv.query('SELECT count(*) AS n FROM dbo.odln'))[0].n).toBe(
			String(seed.DeliveryNotes.length),
		);
	}, 30_000);

	it('reuses pooled connections across queries', async () => {
		const p = await new sql.ConnectionPool({ ...srv.config, pool: { max: 1, min: 0 } }).connect();
		try {
			expect((await p.request().query('SELECT 0 AS i')).recordset).toEqual([{ i: 0 }]);
			const logins = srv.stats.logins;
			const validations = srv.stats.validations;
			for (let i = 1; i <= 5; i++)
				expect(
					(await p.request().input('i', sql.Int, i).query('SELECT @i AS i')).recordset,
				).toEqual([{ i }]);
			expect(srv.stats.logins).toBe(logins);
			expect(srv.stats.validations - validations).toBe(5);
		} finally {
			await p.close();
		}
	});
});

describe('cancel and faults', () => {
	it('cancels a request on timeout with ATTENTION; the connection stays usable', async () => {
		const p = await new sql.ConnectionPool({
			...srv.config,
			requestTimeout: 100,
			pool: { max: 1, min: 0 },
		}).connect();
		try {
			srv.setFaultPlan({ rules: [{ kind: 'latency', path: 'OITM', latencyMs: 5000, times: 1 }] });
			const attentions = srv.stats.attentions;
			const err = await requestError(p.request().query('SELECT ItemCode FROM OITM'));
			expect(err.code).toBe('ETIMEOUT');
			expect(srv.stats.attentions).toBe(attentions + 1);
			expect((await p.request().query('SELECT COUNT(*) AS n FROM OITM')).recordset[0].n).toBe(
				seed.Items.length,
			);
		} finally {
			await p.close();
		}
	});

	it('surfaces a dropped connection as an error, then recovers on a new connection', async () => {
		srv.setFaultPlan({ rules: [{ kind: 'reset', path: 'FROM OSHP', times: 1 }] });
		const err = await requestError(
			pool.request().query('SELECT TrnspCode, TrnspName FROM OSHP ORDER BY TrnspCode'),
		);
		expect(err).toBeInstanceOf(Error);
		const r = await pool
			.request()
			.query('SELECT TrnspCode, TrnspName FROM OSHP ORDER BY TrnspCode');
		expect(r.recordset).toEqual(
			seed.ShippingTypes.map((s) => ({ TrnspCode: s.Code, TrnspName: s.Name })),
		);
		expect(srv.faults.fired.map((f) => f.kind)).toEqual(['reset']);
	});

	it('applies latency and still answers', async () => {
		srv.setFaultPlan({ rules: [{ kind: 'latency', method: 'RPC', latencyMs: 20, times: 1 }] });
		expect((await pool.request().query('SELECT 3 AS three')).recordset).toEqual([{ three: 3 }]);
		expect(srv.faults.fired).toMatchObject([
			{ kind: 'latency', method: 'RPC', path: 'SELECT 3 AS three' },
		]);
	});

	it('fails a login with 18456 on a loginFailure fault, and survives a slow login', async () => {
		srv.setFaultPlan({ rules: [{ kind: 'loginFailure', path: 'login', times: 1 }] });
		const err = await connectError(srv.config);
		expect(err.message).toBe(`Login failed for user '${srv.config.user}'.`);
		srv.setFaultPlan({ rules: [{ kind: 'slowLogin', latencyMs: 20, times: 1 }] });
		const p = await new sql.ConnectionPool(srv.config).connect();
		try {
			expect((await p.request().query('SELECT 1 AS ok')).recordset).toEqual([{ ok: 1 }]);
			expect(srv.faults.fired.map((f) => f.kind)).toEqual(['slowLogin']);
		} finally {
			await p.close();
		}
	});
});
