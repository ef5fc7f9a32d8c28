/**
 * SAP B1 Shipments against the Service Layer behaviours settled in issue 9 (contract:
 * test/contract/serviceLayer.fidelity.test.ts): `UpdateTime` as an ISO duration on a strict v1,
 * paging behind a path prefix, and filter parameters checked before they reach `$filter` / SQL.
 */
import { startServiceLayer, type ServiceLayerEmulator } from '../../emulators/serviceLayer';
import { startSqlServer, type SqlServerEmulator } from '../../emulators/tds';
import type { CredentialStore } from '../../helpers/n8n';
import { ALL, credentialsFor, deliveryQueries, entries, run, withBothSources } from './setup';

// Each of the first tests starts its own Service Layer and SQL Server (a few seconds on a busy machine).
jest.setTimeout(60_000);

describe('SAP B1 Shipments: fidelity to the real Service Layer', () => {
	it('reads UpdateTime as HH:MM:SS, as an ISO duration (strict v1) and as UpdateTS digits, with the same watermarks', async () => {
		const strict = await startServiceLayer({ v1TimeFormat: 'duration', pageSize: 3 });
		const db = await startSqlServer({ seed: strict.state });
		try {
			const after = { date: '2025-06-03', time: '11:20:05', docEntry: 2 };
			const parameters = { ...ALL, watermark: after };
			const v1 = await run(credentialsFor(db, strict, 'v1'), 'serviceLayer', parameters);
			const v2 = await run(credentialsFor(db, strict, 'v2'), 'serviceLayer', parameters);
			const sql = await run(credentialsFor(db, strict), 'sqlServer', parameters);
			expect(entries(v1)).toEqual([3, 4, 5, 6, 7, 8, 9]);
			expect(v1.json).toEqual(sql.json);
			expect(v2.json).toEqual(sql.json);
			expect(v1.json[0]).toMatchObject({
				updatedAt: { date: '2025-06-04', time: '09:05:30' },
				watermark: { date: '2025-06-04', time: '09:05:30', docEntry: 3 },
			});
			expect(deliveryQueries(db)).toHaveLength(1);
		} finally {
			await db.close();
			await strict.close();
		}
	});

	it.each(['v1', 'v2'] as const)(
		'pages through deliveries behind a path prefix (%s)',
		async (version) => {
			const hosted = await startServiceLayer({ pathPrefix: '/ServiceLayer', pageSize: 2 });
			const db = await startSqlServer({ seed: hosted.state });
			try {
				const result = await run(credentialsFor(db, hosted, version), 'serviceLayer', {
					...ALL,
					options: { pageSize: 2 },
				});
				expect(entries(result)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
				expect(hosted.stats.requests['GET DeliveryNotes']).toBe(5);
			} finally {
				await db.close();
				await hosted.close();
			}
		},
	);

	describe('filter parameters', () => {
		let sl: ServiceLayerEmulator;
		let db: SqlServerEmulator;
		let creds: CredentialStore;
		withBothSources((s) => ({ sl, db, creds } = s));

		it.each(['sqlServer', 'serviceLayer'] as const)(
			'%s: Get By accepts only DocEntry or DocNum, and a watermark only as a date and a time',
			async (source) => {
				const byOther = await run(
					creds,
					source,
					{ operation: 'get', getBy: 'DocTotal gt 0 or DocEntry', key: 1 },
					[{}],
					true,
				);
				expect(String(byOther.json[0].error)).toContain('is not one of DocEntry, DocNum');
				const badMark = await run(
					creds,
					source,
					{
						...ALL,
						watermark: { date: "2025-06-03' or 1 eq 1 or UpdateDate eq '", time: '00:00:00' },
					},
					[{}],
					true,
				);
				expect(String(badMark.json[0].error)).toMatch(/is not a date/);
				expect(sl.stats.requests['GET DeliveryNotes']).toBeUndefined();
				expect(deliveryQueries(db)).toHaveLength(0);
			},
		);
	});
});
