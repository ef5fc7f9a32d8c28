/**
 * The SQL Server test server and the Service Layer emulator agree: a delivery posted through the
 * Service Layer appears in ODLN/DLN1 after `loadSeed(sl.state)`, with SAP's column values.
 */
import sql from 'mssql';
import { type ServiceLayerEmulator, startServiceLayer } from '../emulators/serviceLayer';
import { login } from '../emulators/serviceLayer/testClient';
import { type SqlServerEmulator, startSqlServer } from '../emulators/tds';

let sl: ServiceLayerEmulator;
let srv: SqlServerEmulator;
let pool: sql.ConnectionPool;

beforeAll(async () => {
	sl = await startServiceLayer();
	srv = await startSqlServer({ seed: sl.state });
	pool = await new sql.ConnectionPool(srv.config).connect();
}, 30_000);

afterAll(async () => {
	await pool?.close();
	await srv?.close();
	await sl?.close();
});

it('shows a delivery made through the Service Layer after reloading from its live state', async () => {
	const order = sl.state.Orders.find((o) =>
		o.DocumentLines.some((l) => l.LineStatus === 'bost_Open'),
	)!;
	const line = order.DocumentLines.find((l) => l.LineStatus === 'bost_Open')!;
	const client = await login(sl, 'v2');
	const res = await client.post('DeliveryNotes', {
		CardCode: order.CardCode,
		TrackingNumber: 'TRACK-NEW-1',
		TransportationCode: 3,
		DocumentLines: [
			{
				BaseType: 17,
				BaseEntry: order.DocEntry,
				BaseLine: line.LineNum,
				Quantity: line.RemainingOpenQuantity,
			},
		],
	});
	expect(res.status).toBe(201);
	const created = sl.state.DeliveryNotes.find((d) => d.DocEntry === res.data.DocEntry)!;

	const before = await pool
		.request()
		.input('e', sql.Int, created.DocEntry)
		.query('SELECT DocEntry FROM ODLN WHERE DocEntry = @e');
	expect(before.recordset).toEqual([]);

	await srv.loadSeed(sl.state);
	const r = await pool.request().input('e', sql.Int, created.DocEntry)
		.query(`SELECT T0.DocEntry, T0.TrackNo, T0.CANCELED, T0.UpdateDate, T0.UpdateTS, T3.TrnspName, T1.BaseEntry, T1.BaseLine, T2.NumAtCard
		        FROM ODLN T0 JOIN DLN1 T1 ON T1.DocEntry = T0.DocEntry JOIN ORDR T2 ON T1.BaseType = 17 AND T2.DocEntry = T1.BaseEntry
		        LEFT JOIN OSHP T3 ON T3.TrnspCode = T0.TrnspCode WHERE T0.DocEntry = @e`);
	expect(r.recordset).toEqual([
		{
			DocEntry: created.DocEntry,
			TrackNo: 'TRACK-NEW-1',
			CANCELED: 'N',
			UpdateDate: new Date(`${created.UpdateDate}T00:00:00.000Z`),
			UpdateTS: Number(created.UpdateTime.replace(/:/g, '')),
			TrnspName: 'DHL Express',
			BaseEntry: order.DocEntry,
			BaseLine: line.LineNum,
			NumAtCard: order.NumAtCard,
		},
	]);
}, 20_000);
