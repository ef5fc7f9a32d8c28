import { startSl, credentialsFor, run, FAST, credentialTypes } from './setup';
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';
import { sapSeed, type SapSeed } from '../../emulators/seed/sap';
import { loadOptionsContext } from '../../helpers/n8n';
import { SapB1Order } from '../../../nodes/SapB1/Order/SapB1Order.node';

/** The seed plus `extra` copies of order 1 with web order numbers P-000…, to page through. */
function seedWithOrders(extra: number): SapSeed {
	const seed = sapSeed();
	const template = seed.Orders[0];
	for (let n = 0; n < extra; n++) {
		const entry = 100 + n;
		const lines = structuredClone(template.DocumentLines).map((l) => ({
			...l,
			DocEntry: entry,
			RemainingOpenQuantity: l.Quantity,
			LineStatus: 'bost_Open' as const,
		}));
		seed.Orders.push({
			...structuredClone(template),
			DocumentLines: lines,
			DocEntry: entry,
			DocNum: 5000 + n,
			NumAtCard: `P-${String(n).padStart(3, '0')}`,
			CardCode: 'C30000',
			CardName: 'Veronica Costello',
			DocumentStatus: 'bost_Open',
			Cancelled: 'tNO',
			CancelStatus: 'csNo',
		});
	}
	return seed;
}

describe('SAP B1 Order: Get, Get Many, Update, Close, Cancel', () => {
	let sl: ServiceLayerEmulator;
	let seed: SapSeed;
	beforeAll(async () => {
		seed = seedWithOrders(45);
		sl = await startSl({ seed });
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	it('gets an order by DocEntry and by web order number', async () => {
		const creds = credentialsFor(sl);
		const byEntry = await run(sl, creds, {
			resource: 'order',
			operation: 'get',
			by: 'docEntry',
			docEntry: 2,
			options: FAST,
		});
		expect(byEntry.json[0]).toMatchObject({ DocEntry: 2, NumAtCard: '000000091' });
		const byWeb = await run(sl, creds, {
			resource: 'order',
			operation: 'get',
			by: 'webOrderNumber',
			webOrderNumber: '000000093',
			options: FAST,
		});
		expect(byWeb.json[0]).toMatchObject({ DocEntry: 4, NumAtCard: '000000093', CardCode: 'C-WEB' });
		const missing = await run(
			sl,
			creds,
			{
				resource: 'order',
				operation: 'get',
				by: 'webOrderNumber',
				webOrderNumber: "nope'",
				options: FAST,
			},
			[{}],
			true,
		);
		expect(String(missing.json[0].error)).toMatch(/nope'/);
		const missingEntry = await run(
			sl,
			creds,
			{ resource: 'order', operation: 'get', by: 'docEntry', docEntry: 99999, options: FAST },
			[{}],
			true,
		);
		expect(String(missingEntry.json[0].error)).toMatch(/99999.*-2028|-2028/);
	});

	it('evaluates parameter expressions per input item', async () => {
		const creds = credentialsFor(sl);
		const result = await run(
			sl,
			creds,
			{
				resource: 'order',
				operation: 'get',
				by: '={{ $json.by }}',
				docEntry: '={{ $json.entry }}',
				webOrderNumber: "={{ $('Input').item.json.web }}",
				options: FAST,
			},
			[
				{ by: 'docEntry', entry: 3 },
				{ by: 'webOrderNumber', web: '000000093' },
			],
		);
		expect(result.json.map((j) => [j.DocEntry, j.NumAtCard])).toEqual([
			[3, '000000092'],
			[4, '000000093'],
		]);
	});

	it.each([
		['v1', 'absolute'],
		['v1', 'relative'],
		['v2', 'relative'],
		['v2', 'absolute'],
	] as const)(
		'Get Many with Return All pages through every order (%s, %s next links)',
		async (version, style) => {
			const own = await startSl({ seed, nextLink: { [version]: style }, pageSize: 20 });
			try {
				const creds = credentialsFor(own, version);
				const result = await run(own, creds, {
					resource: 'order',
					operation: 'getMany',
					returnAll: true,
					filters: { cardCode: 'C30000' },
					options: { ...FAST, pageSize: 20 },
				});
				const expected = own.state.Orders.filter((o) => o.CardCode === 'C30000')
					.map((o) => o.DocEntry)
					.sort((a, b) => a - b);
				expect(expected.length).toBeGreaterThan(40);
				expect(result.json.map((j) => j.DocEntry)).toEqual(expected);
				expect(own.stats.requests['GET Orders']).toBe(3); // 46 orders, 20 per page
			} finally {
				await own.close();
			}
		},
	);

	it('Get Many stops at the limit and applies filters', async () => {
		const creds = credentialsFor(sl, 'v1');
		const limited = await run(sl, creds, {
			resource: 'order',
			operation: 'getMany',
			returnAll: false,
			limit: 25,
			options: FAST,
		});
		expect(limited.json).toHaveLength(25);
		const one = await run(sl, creds, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: { webOrderNumber: 'P-007', status: 'open' },
			select: 'DocEntry,NumAtCard',
			options: FAST,
		});
		expect(one.json).toEqual([expect.objectContaining({ DocEntry: 107, NumAtCard: 'P-007' })]);
		const day = sl.state.Orders.find((o) => o.DocEntry === 3)!.DocDate;
		const dated = await run(sl, creds, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: { dateFrom: day, dateTo: `${day}T23:00:00` },
			options: FAST,
		});
		const want = sl.state.Orders.filter((o) => o.DocDate === day).map((o) => o.DocEntry);
		expect(want.length).toBeGreaterThan(0);
		expect(dated.json.map((j) => j.DocEntry).sort()).toEqual(want.sort());
	});

	it('updates with fields and raw JSON and returns the re-read document', async () => {
		const creds = credentialsFor(sl);
		const fields = await run(sl, creds, {
			resource: 'order',
			operation: 'update',
			docEntry: 3,
			updateMode: 'fields',
			updateFields: { Comments: 'Gift wrap', TransportationCode: 3 },
			options: FAST,
		});
		expect(fields.json[0]).toMatchObject({
			DocEntry: 3,
			Comments: 'Gift wrap',
			TransportationCode: 3,
		});
		expect(sl.state.Orders.find((o) => o.DocEntry === 3)).toMatchObject({
			Comments: 'Gift wrap',
			TransportationCode: 3,
		});
		const raw = await run(sl, creds, {
			resource: 'order',
			operation: 'update',
			docEntry: 3,
			updateMode: 'json',
			changesJson: '{"NumAtCard":"X-3"}',
			options: FAST,
		});
		expect(raw.json[0].NumAtCard).toBe('X-3');
		expect(sl.stats.requests['PATCH Orders']).toBe(2);
	});

	it('closes and cancels orders (never with DELETE), and is safe to repeat', async () => {
		const creds = credentialsFor(sl);
		const closed = await run(sl, creds, {
			resource: 'order',
			operation: 'close',
			docEntry: 101,
			options: FAST,
		});
		expect(closed.json[0]).toEqual({ DocEntry: 101, closed: true });
		expect(sl.state.Orders.find((o) => o.DocEntry === 101)!.DocumentStatus).toBe('bost_Close');
		const cancelled = await run(sl, creds, {
			resource: 'order',
			operation: 'cancel',
			docEntry: 102,
			returnDocument: true,
			options: FAST,
		});
		expect(cancelled.json[0]).toMatchObject({ DocEntry: 102, Cancelled: 'tYES' });
		expect(sl.state.Orders.find((o) => o.DocEntry === 102)!.Cancelled).toBe('tYES');
		const again = await run(sl, creds, {
			resource: 'order',
			operation: 'close',
			docEntry: 101,
			options: FAST,
		});
		expect(again.json[0]).toEqual({ DocEntry: 101, closed: true });
		expect(Object.keys(sl.stats.requests).some((k) => k.startsWith('DELETE'))).toBe(false);
	});

	it('loads warehouses, tax codes, shipping types, expense codes and searches business partners', async () => {
		const creds = credentialsFor(sl);
		const node = new SapB1Order();
		const { context } = loadOptionsContext(creds, credentialTypes);
		const warehouses = await node.methods.loadOptions.getWarehouses.call(context);
		expect(warehouses.map((o) => o.value)).toEqual(['01', '02']);
		const taxCodes = await node.methods.loadOptions.getTaxCodes.call(context);
		expect(taxCodes.map((o) => o.value).sort()).toEqual(['CA', 'EX', 'NY']);
		const shipping = await node.methods.loadOptions.getShippingTypes.call(context);
		expect(shipping.map((o) => o.value)).toEqual([1, 2, 3, 4]);
		const expenses = await node.methods.loadOptions.getExpenseCodes.call(context);
		expect(expenses).toEqual([
			expect.objectContaining({ value: 1 }),
			expect.objectContaining({ value: 2 }),
		]);
		const found = await node.methods.listSearch.searchBusinessPartners.call(context, 'Cost');
		expect(found.results.map((r) => r.value)).toEqual(['C20000', 'C30000']);
		const quoted = await node.methods.listSearch.searchBusinessPartners.call(context, "O'Brien");
		expect(quoted.results).toEqual([]);
	});

	it('falls back to VAT groups when the company has no sales tax codes', async () => {
		const vatSeed = sapSeed();
		vatSeed.SalesTaxCodes = [];
		const own = await startSl({ seed: vatSeed });
		try {
			const { context } = loadOptionsContext(credentialsFor(own), credentialTypes);
			const taxCodes = await new SapB1Order().methods.loadOptions.getTaxCodes.call(context);
			expect(taxCodes.map((o) => o.value).sort()).toEqual(['V0', 'V20']);
		} finally {
			await own.close();
		}
	});
});
