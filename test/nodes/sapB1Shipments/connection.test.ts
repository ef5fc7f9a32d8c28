/** SAP B1 SQL Server credential test, login failures, dropped connections and secrets. */
import { createServer, type AddressInfo } from 'node:net';
import type { ICredentialTestFunctions, ICredentialsDecrypted, IDataObject } from 'n8n-workflow';
import { SapB1SqlServerApi } from '../../../credentials/SapB1SqlServerApi.credentials';
import { SapB1Shipments } from '../../../nodes/SapB1/Shipments/SapB1Shipments.node';
import { sapSeed } from '../../emulators/seed/sap';
import { startSqlServer, type SqlServerEmulator } from '../../emulators/tds';
import { ALL, entries, run, sqlCredentials } from './setup';

const node = new SapB1Shipments();

async function credentialTest(data: IDataObject) {
	const test = node.methods.credentialTest.sapB1SqlServerConnectionTest;
	const credential: ICredentialsDecrypted = {
		id: '1',
		name: 'SAP B1 SQL Server',
		type: 'sapB1SqlServerApi',
		data: data as never,
	};
	return await test.call({ logger: console } as unknown as ICredentialTestFunctions, credential);
}

const SECRET = 'Sup3r-Secret-Pa55!';

describe('SAP B1 SQL Server credential and connection', () => {
	let db: SqlServerEmulator;
	beforeAll(async () => {
		db = await startSqlServer({ seed: sapSeed(), password: SECRET });
	});
	afterAll(async () => db?.close());
	beforeEach(() => {
		db.setFaultPlan();
		db.resetStats();
	});

	it('is referenced by the node, which tests it', () => {
		const cred = new SapB1SqlServerApi();
		expect(cred.name).toBe('sapB1SqlServerApi');
		expect(cred.properties.map((p) => p.name)).toEqual(
			expect.arrayContaining([
				'server',
				'port',
				'database',
				'user',
				'password',
				'encrypt',
				'ignoreSslIssues',
				'connectionTimeout',
			]),
		);
		expect(cred.properties.find((p) => p.name === 'encrypt')?.default).toBe(true);
		expect(cred.properties.find((p) => p.name === 'ignoreSslIssues')?.default).toBe(false);
		expect(cred.properties.find((p) => p.name === 'port')?.default).toBe(1433);
		expect(node.description.credentials).toContainEqual(
			expect.objectContaining({
				name: 'sapB1SqlServerApi',
				testedBy: 'sapB1SqlServerConnectionTest',
			}),
		);
	});

	it('connects and runs SELECT 1', async () => {
		expect(await credentialTest(sqlCredentials(db))).toEqual({
			status: 'OK',
			message: 'Connection successful',
		});
		expect(db.stats.logins).toBe(2); // mssql opens a test connection, then the pool's own
		expect(db.stats.queries.map((q) => q.sql)).toEqual(['SELECT 1 AS ok']);
	});

	it('encrypts with TLS by default and verifies the certificate unless told to trust it', async () => {
		expect(
			await credentialTest(sqlCredentials(db, { encrypt: true, ignoreSslIssues: true })),
		).toMatchObject({ status: 'OK' });
		const untrusted = await credentialTest(
			sqlCredentials(db, { encrypt: true, ignoreSslIssues: false }),
		);
		expect(untrusted.status).toBe('Error');
		expect(untrusted.message).toMatch(
			/TLS certificate of SQL Server at 127\.0\.0\.1:\d+, database "SBODEMOUS" is not trusted/,
		);
		expect(untrusted.message).not.toContain(SECRET);
	});

	it('reports a wrong password as a login failure without echoing the password', async () => {
		const wrong = 'Wr0ng-Pa55-xyz';
		const result = await credentialTest(sqlCredentials(db, { password: wrong }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/login failed for user "sapreader"/i);
		expect(result.message).not.toContain(wrong);
		expect(result.message).not.toContain(SECRET);
		db.setFaultPlan({ rules: [{ kind: 'loginFailure', times: 1 }] });
		const refused = await credentialTest(sqlCredentials(db));
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/login failed/i);
		expect(refused.message).not.toContain(SECRET);
	});

	it('reports an unreachable server and a wrong database', async () => {
		const blocker = createServer();
		await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
		const port = (blocker.address() as AddressInfo).port;
		await new Promise<void>((r) => blocker.close(() => r()));
		const down = await credentialTest(sqlCredentials(db, { port, connectionTimeout: 1000 }));
		expect(down).toMatchObject({ status: 'Error' });
		expect(down.message).toMatch(/Cannot reach SQL Server at 127\.0\.0\.1/);
		const wrongDb = await credentialTest(sqlCredentials(db, { database: 'NOPE' }));
		expect(wrongDb.status).toBe('Error');
		expect(wrongDb.message).not.toContain(SECRET);
	});

	it('fails the execution with a clear, secret-free error on a wrong password (and as an item with continueOnFail)', async () => {
		const creds = { sapB1SqlServerApi: sqlCredentials(db, { password: 'bad-' + SECRET }) };
		const failed = run(creds, 'sqlServer', { ...ALL });
		await expect(failed).rejects.toThrow(
			/Deliveries: SQL Server login failed for user "sapreader"/,
		);
		const error = await failed.catch((e: Error & { description?: string }) => e);
		expect(
			`${(error as Error).message} ${(error as { description?: string }).description} ${JSON.stringify(error)}`,
		).not.toContain(SECRET);
		const items = await run(creds, 'sqlServer', { ...ALL }, [{}], true);
		expect(items.json).toHaveLength(1);
		expect(String(items.json[0].error)).toMatch(/login failed/);
		expect(JSON.stringify(items.outputs)).not.toContain(SECRET);
	});

	it('retries a page after a dropped connection and returns every delivery once', async () => {
		db.setFaultPlan({
			rules: [{ kind: 'reset', method: 'RPC', path: /ODLN/, after: 1, times: 1 }],
		});
		const result = await run({ sapB1SqlServerApi: sqlCredentials(db) }, 'sqlServer', {
			...ALL,
			options: { pageSize: 3 },
		});
		expect(entries(result)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(db.faults.fired.map((f) => f.kind)).toEqual(['reset']);
		const pageQueries = db.stats.queries.filter((q) => /ODLN/.test(q.sql));
		expect(pageQueries.length).toBe(5); // 4 pages (3 + 3 + 3 + 0) plus the page that was dropped and sent again
	});
});
