/**
 * Contract: the Service Layer behaviours issue 9 settled against SAP's own sources. Each block
 * names its source; the node tests in test/nodes/ run the nodes against the same behaviour.
 */
import axios from 'axios';
import { sapSeed } from '../emulators/seed/sap';
import {
	ADDRESS_TEXT_LENGTHS,
	DOCUMENT_LINE_TEXT_LENGTHS,
	DOCUMENT_TEXT_LENGTHS,
	ITEM_TEXT_LENGTHS,
	PARTNER_TEXT_LENGTHS,
} from '../emulators/seed/sapLengths';
import { startServiceLayer, type ServiceLayerEmulator } from '../emulators/serviceLayer';
import { timeAsDuration } from '../emulators/serviceLayer/render';
import { errorMessage, login } from '../emulators/serviceLayer/testClient';
import { TABLES } from '../emulators/tds/sapTables';

const q = (s: string) => encodeURIComponent(s);
const clock = () => new Date(2025, 6, 1, 14, 25, 36);

const minimalOrder = (extra: Record<string, unknown> = {}, line: Record<string, unknown> = {}) => ({
	CardCode: 'C20000',
	DocDueDate: '2025-07-03',
	DocumentLines: [{ ItemCode: '24-MB01', Quantity: 1, ...line }],
	...extra,
});

describe('Service Layer emulator: fidelity to SAP sources', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startServiceLayer({ clock });
	});
	afterAll(() => sl.close());
	beforeEach(() => sl.reset());

	// Source: the AdditionalExpenses class of the SAP Cloud SDK generated from the Service Layer v2
	// $metadata (`static _keys = ['ExpensCode']`, `expensCode: Edm.Int32`) and the DI API reference
	// (`AdditionalExpenses.ExpensCode : Long [R]`); document lines: B1 DI schema
	// `DocumentAdditionalExpense/ExpenseCode` (long).
	it.each(['v1', 'v2'] as const)(
		'%s: AdditionalExpenses is keyed by ExpensCode; ExpenseCode there is refused; documents say ExpenseCode',
		async (v) => {
			const c = await login(sl, v);
			const ok = await c.get('AdditionalExpenses?$select=ExpensCode,Name');
			expect(ok.status).toBe(200);
			expect(ok.data.value).toEqual([
				{ ExpensCode: 1, Name: 'Freight' },
				{ ExpensCode: 2, Name: 'Insurance' },
			]);
			expect((await c.get('AdditionalExpenses(2)')).data).toMatchObject({ ExpensCode: 2 });
			const bad = await c.get('AdditionalExpenses?$select=ExpenseCode,Name');
			expect(bad.status).toBe(400);
			expect(errorMessage(bad.data)).toBe(
				"Property 'ExpenseCode' of 'AdditionalExpense' is invalid",
			);
			const order = await c.post(
				'Orders',
				minimalOrder({ DocumentAdditionalExpenses: [{ ExpenseCode: 1, LineTotal: 5 }] }),
			);
			expect(order.status).toBe(201);
			const wrong = await c.post(
				'Orders',
				minimalOrder({ DocumentAdditionalExpenses: [{ ExpensCode: 1, LineTotal: 5 }] }),
			);
			expect(errorMessage(wrong.data)).toBe(
				"Property 'ExpensCode' of 'DocumentAdditionalExpense' is invalid",
			);
		},
	);

	// Source: API-FACTS Corrections ("v1 next links are path-absolute (/b1s/v1/Orders?$skip=20):
	// resolve them against the service root's origin and any path prefix"); hosted Service Layers
	// behind a reverse proxy, e.g. https://api.bis-pro.com/ServiceLayer/b1s/v2 (research.md A1).
	it('under a path prefix: only <prefix>/b1s/... is served; v1 next links stay /b1s/v1/..., so only the service root resolves them', async () => {
		const hosted = await startServiceLayer({ pathPrefix: '/ServiceLayer', pageSize: 3 });
		try {
			expect(hosted.baseUrl('v1')).toBe(`${hosted.url}/ServiceLayer/b1s/v1`);
			const v1 = await login(hosted, 'v1');
			const page1 = await v1.get('Orders?$select=DocEntry');
			expect(page1.data['odata.nextLink']).toBe('/b1s/v1/Orders?$select=DocEntry&$skip=3');
			const headers = { headers: { Cookie: v1.cookie }, validateStatus: () => true };
			const againstHost = await axios.get(
				new URL(page1.data['odata.nextLink'], hosted.url).href,
				headers,
			);
			expect(againstHost.status).toBe(404);
			const againstRoot = await axios.get(
				`${hosted.url}/ServiceLayer${page1.data['odata.nextLink']}`,
				headers,
			);
			expect(againstRoot.data.value.map((o: { DocEntry: number }) => o.DocEntry)).toEqual([
				4, 5, 6,
			]);
			const v2 = await login(hosted, 'v2');
			expect((await v2.get('Orders?$select=DocEntry')).data['@odata.nextLink']).toBe(
				'Orders?$select=DocEntry&$skip=3',
			);
		} finally {
			await hosted.close();
		}
	});

	// Source: API-FACTS Corrections ("SAP fills defaults on a line when the body omits them: tax code
	// (US: partner / ship-to; VAT: item / partner), price (the partner's price list), warehouse
	// (item / user default)").
	describe('defaults SAP fills into a line', () => {
		it('US: the tax code of the partner ship-to address; the price of its price list; the item / user warehouse', async () => {
			const seed = sapSeed();
			seed.Items.find((i) => i.ItemCode === '24-MB04')!.DefaultWarehouse = '02';
			// The seed keeps a row for every price list (0 where SAP has no price): set list 2's.
			const mb01 = seed.Items.find((i) => i.ItemCode === '24-MB01')!;
			mb01.ItemPrices = [
				...mb01.ItemPrices.filter((p) => p.PriceList !== 2),
				{ PriceList: 2, Price: 30, Currency: 'USD' },
			];
			seed.BusinessPartners.find((b) => b.CardCode === 'C30000')!.PriceListNum = 2;
			sl.reset(seed);
			const v2 = await login(sl, 'v2');
			const res = await v2.post('Orders', {
				CardCode: 'C30000',
				DocDueDate: '2025-07-03',
				DocumentLines: [
					{ ItemCode: '24-MB01', Quantity: 2 },
					{ ItemCode: '24-MB04', Quantity: 1, UnitPrice: 32 },
					{ ItemCode: '24-UG06', Quantity: 1, UnitPrice: 7, TaxCode: 'EX' },
				],
			});
			expect(res.status).toBe(201);
			expect(
				res.data.DocumentLines.map((l: Record<string, unknown>) => [
					l.TaxCode,
					l.UnitPrice,
					l.WarehouseCode,
				]),
			).toEqual([
				['NY', 30, '01'],
				['NY', 32, '02'],
				['EX', 7, '01'],
			]);
			// 60 + 32 taxed at 8.875 % (8.165, in floating point 8.16), 7 exempt
			expect([res.data.VatSum, res.data.DocTotal]).toEqual([8.16, 107.16]);
		});

		it('VAT: the item VAT group, else the partner VAT group; freight takes its expense output VAT group', async () => {
			const seed = sapSeed();
			seed.Items.find((i) => i.ItemCode === '24-UG06')!.SalesVATGroup = 'V0';
			seed.AdditionalExpenses[0].OutputVatGroup = 'V20';
			sl.reset(seed);
			const v1 = await login(sl, 'v1');
			const res = await v1.post('Orders', {
				CardCode: 'C40000',
				DocDueDate: '2025-07-03',
				DocumentLines: [
					{ ItemCode: 'CAFÉ-CRÈME-250', Quantity: 2, UnitPrice: 10 },
					{ ItemCode: '24-UG06', Quantity: 1, UnitPrice: 7 },
				],
				DocumentAdditionalExpenses: [{ ExpenseCode: 1, LineTotal: 5 }],
			});
			expect(res.status).toBe(201);
			expect(
				res.data.DocumentLines.map((l: Record<string, unknown>) => [l.TaxCode, l.VatGroup]),
			).toEqual([
				[null, 'V20'],
				[null, 'V0'],
			]);
			expect(res.data.DocumentAdditionalExpenses[0]).toMatchObject({ VatGroup: 'V20', TaxSum: 1 });
			expect([res.data.VatSum, res.data.DocTotal]).toEqual([5, 37]);
		});

		it('a partner without defaults leaves the line untaxed, at price list 1, in the user warehouse', async () => {
			const own = await startServiceLayer({ userDefaultWarehouse: '02' });
			try {
				const v2 = await login(own, 'v2');
				const res = await v2.post('Orders', {
					CardCode: 'C-WEB',
					DocDueDate: '2025-07-03',
					DocumentLines: [{ ItemCode: '24-WB04', Quantity: 1 }],
				});
				expect(res.data.DocumentLines[0]).toMatchObject({
					TaxCode: null,
					UnitPrice: 45,
					WarehouseCode: '02',
				});
				expect(res.data.VatSum).toBe(0);
			} finally {
				await own.close();
			}
		});
	});

	// Source: the v1 $metadata types UpdateTime as Edm.Time, whose strict OData v3 JSON form is an
	// xs:duration (`PT14H25M36S`); v2 types it Edm.TimeOfDay (`HH:MM:SS`) (research.md A1, SAP's
	// "OData Client for Service Layer" guide $metadata). Observed v1 answers carry HH:MM:SS, the default.
	it('UpdateTime: HH:MM:SS by default; v1 can answer ISO durations; filters take quoted times and time literals', async () => {
		const strict = await startServiceLayer({ v1TimeFormat: 'duration', clock });
		try {
			const v1 = await login(strict, 'v1');
			const v2 = await login(strict, 'v2');
			const filter = q("UpdateDate eq '2025-06-03' and UpdateTime ge '10:15:00'");
			const one = await v1.get(`DeliveryNotes?$filter=${filter}&$select=DocEntry,UpdateTime`);
			expect(one.data.value).toEqual([
				{ DocEntry: 1, UpdateTime: 'PT10H15M' },
				{ DocEntry: 2, UpdateTime: 'PT11H20M5S' },
			]);
			const typed = q("UpdateDate eq '2025-06-03' and UpdateTime gt time'PT10H15M'");
			expect((await v1.get(`DeliveryNotes?$filter=${typed}&$select=DocEntry`)).data.value).toEqual([
				{ DocEntry: 2 },
			]);
			expect(
				(await v2.get(`DeliveryNotes?$filter=${filter}&$select=DocEntry,UpdateTime`)).data.value,
			).toEqual([
				{ DocEntry: 1, UpdateTime: '10:15:00' },
				{ DocEntry: 2, UpdateTime: '11:20:05' },
			]);
			const created = await v1.post('Orders', minimalOrder());
			expect(created.data.UpdateTime).toBe('PT14H25M36S');
			expect([timeAsDuration('00:00:00'), timeAsDuration('09:00:07')]).toEqual(['PT0S', 'PT9H7S']);
		} finally {
			await strict.close();
		}
		const v1 = await login(sl, 'v1');
		expect((await v1.get('DeliveryNotes(1)?$select=UpdateTime')).data.UpdateTime).toBe('10:15:00');
	});

	// Source: public v2 clients use both literal forms and both answer (research.md A1: hosted v2
	// docs `DocDate ge '2023-09-08T00:00:00Z'` with a sample response; a C# v2 client
	// `DocDate ge 2025-05-01`); the one refusal on record is an unquoted date-time with an offset
	// (SAP/cloud-sdk#566), which the node never sends.
	it.each(['v1', 'v2'] as const)(
		'%s: date filters in quoted and unquoted form select the same documents',
		async (v) => {
			const c = await login(sl, v);
			const get = async (f: string) =>
				(await c.get(`Orders?$filter=${q(f)}&$select=DocEntry`)).data.value.map(
					(o: { DocEntry: number }) => o.DocEntry,
				);
			expect(await get("DocDate ge '2025-06-04' and DocDate le '2025-06-04'")).toEqual([5, 6]);
			expect(await get('DocDate ge 2025-06-04 and DocDate le 2025-06-04')).toEqual([5, 6]);
		},
	);

	// Source: Microsoft's definition of nvarchar(n) (n byte-pairs: UTF-16 code units; a
	// supplementary character takes 2) and SAP's 10.0 database reference (research.md A5).
	describe('text lengths', () => {
		it('counts UTF-16 code units: 98 letters + an emoji fit NumAtCard (100), 99 + an emoji do not', async () => {
			const v2 = await login(sl, 'v2');
			const fits = await v2.post('Orders', minimalOrder({ NumAtCard: `${'x'.repeat(98)}😀` }));
			expect(fits.status).toBe(201);
			const over = await v2.post('Orders', minimalOrder({ NumAtCard: `${'x'.repeat(99)}😀` }));
			expect(over.status).toBe(400);
			expect(errorMessage(over.data)).toBe(
				"Value too long in property 'NumAtCard' of 'Document' (maximum 100 characters)",
			);
		});

		it('TrackingNumber 30, ItemDescription 200, ShipToBuilding without a limit', async () => {
			const v1 = await login(sl, 'v1');
			expect(
				(await v1.post('Orders', minimalOrder({ TrackingNumber: '1'.repeat(31) }))).status,
			).toBe(400);
			expect(
				(await v1.post('Orders', minimalOrder({ TrackingNumber: '1'.repeat(30) }))).status,
			).toBe(201);
			const line = await v1.post('Orders', minimalOrder({}, { ItemDescription: 'd'.repeat(200) }));
			expect(line.status).toBe(201);
			const longLine = await v1.post(
				'Orders',
				minimalOrder({}, { ItemDescription: 'd'.repeat(201) }),
			);
			expect(errorMessage(longLine.data)).toBe(
				"Value too long in property 'ItemDescription' of 'DocumentLine' (maximum 200 characters) [DocumentLines][line: 1]",
			);
			const building = await v1.post(
				'Orders',
				minimalOrder({ AddressExtension: { ShipToBuilding: 'b'.repeat(500) } }),
			);
			expect(building.status).toBe(201);
		});

		it('the Service Layer and the SQL Server tables agree on every length', () => {
			const columns = new Map(
				TABLES.flatMap((t) => t.columns.map(([name, type]) => [`${t.name}.${name}`, type])),
			);
			const expectColumn = (
				table: string,
				lengths: Record<string, { length: number; column?: string }>,
			) => {
				for (const [prop, { length, column }] of Object.entries(lengths)) {
					const type = columns.get(`${table}.${column ?? prop}`);
					if (type !== undefined) expect([prop, type]).toEqual([prop, `nvarchar(${length})`]);
				}
			};
			for (const t of ['ORDR', 'ODLN']) expectColumn(t, DOCUMENT_TEXT_LENGTHS);
			for (const t of ['RDR1', 'DLN1']) expectColumn(t, DOCUMENT_LINE_TEXT_LENGTHS);
			expectColumn('OCRD', PARTNER_TEXT_LENGTHS);
			expectColumn('OITM', ITEM_TEXT_LENGTHS);
			expect(columns.get('ODLN.TrackNo')).toBe('nvarchar(30)');
			expect(columns.get('DLN1.Dscription')).toBe('nvarchar(200)');
			expect(ADDRESS_TEXT_LENGTHS.ShipToZipCode.length).toBe(20);
			expect(ADDRESS_TEXT_LENGTHS.ShipToBuilding).toBeUndefined();
		});
	});
});
