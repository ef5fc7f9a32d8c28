import {
	startSl,
	credentialsFor,
	magentoOrders,
	createFromMagento,
	run,
	ordersByWeb,
	FAST,
} from './setup';
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';

const NEW = [
	'000000101',
	'000000102',
	'000000103',
	'000000104',
	'000000105',
	'000000106',
	'000000107',
	'000000108',
	'000000109',
];

describe('SAP B1 Order: Create from Magento orders', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	it.each(['v1', 'v2'] as const)(
		'creates each new web order once with lines and totals matching Magento (%s)',
		async (version) => {
			const creds = credentialsFor(sl, version);
			const orders = magentoOrders(...NEW);
			const result = await run(sl, creds, createFromMagento(), orders);
			expect(result.json).toHaveLength(NEW.length);
			for (const [i, json] of result.json.entries()) {
				expect(json).toMatchObject({ created: true, webOrderNumber: NEW[i] });
				expect(result.outputs[0][i].pairedItem).toEqual({ item: i });
				const inSap = ordersByWeb(sl, NEW[i]);
				expect(inSap).toHaveLength(1);
				expect(json.DocEntry).toBe(inSap[0].DocEntry);
				expect(json.DocNum).toBe(inSap[0].DocNum);
				expect(inSap[0].CardCode).toBe('C-WEB');
				expect(inSap[0].DocumentLines.length).toBeGreaterThan(0);
				expect(Math.abs(inSap[0].DocTotal - Number(orders[i].grand_total))).toBeLessThanOrEqual(
					0.01,
				);
			}
			// the configurable order has one line with the child SKU
			expect(ordersByWeb(sl, '000000102')[0].DocumentLines.map((l) => l.ItemCode)).toEqual([
				'MH01-M-Gray',
			]);
			// the bundle order has its children
			expect(
				ordersByWeb(sl, '000000103')[0]
					.DocumentLines.map((l) => l.ItemCode)
					.sort(),
			).toEqual(['24-WG082-blue', '24-WG084', '24-WG088']);
			expect(sl.stats.logins).toBe(1);
		},
	);

	it('Create Only for Statuses: an order in another status is looked up (present when SAP has it), never created', async () => {
		const creds = credentialsFor(sl);
		const [inSap, fresh, cancelled] = magentoOrders('000000090', '000000101', '000000111');
		inSap.status = 'complete'; // completed since it was created in SAP
		const before = sl.state.Orders.length;
		const result = await run(
			sl,
			creds,
			createFromMagento({ createStatuses: ['pending', 'processing'] }),
			[inSap, fresh, cancelled],
		);
		expect(result.json[0]).toMatchObject({ created: false, webOrderNumber: '000000090' });
		expect(result.json[0].skipped).toBeUndefined();
		expect(result.json[0].DocEntry).toBe(ordersByWeb(sl, '000000090')[0].DocEntry);
		expect(result.json[1]).toMatchObject({ created: true, webOrderNumber: '000000101' });
		expect(result.json[2]).toMatchObject({
			created: false,
			skipped: true,
			webOrderNumber: '000000111',
			status: 'canceled',
		});
		expect(result.json[2].reason).toMatch(/Create Only for Statuses/);
		expect(ordersByWeb(sl, '000000111')).toHaveLength(0);
		expect(sl.state.Orders.length).toBe(before + 1);
		// Without the option every status is created (the behaviour before the option existed).
		const [held] = magentoOrders('000000102');
		held.status = 'holded';
		const skipped = await run(sl, creds, createFromMagento({ createStatuses: ['processing'] }), [
			held,
		]);
		expect(skipped.json[0]).toMatchObject({ skipped: true, status: 'holded' });
		expect(ordersByWeb(sl, '000000102')).toHaveLength(0);
		const created = await run(sl, creds, createFromMagento(), [held]);
		expect(created.json[0]).toMatchObject({ created: true, webOrderNumber: '000000102' });
		expect(ordersByWeb(sl, '000000102')).toHaveLength(1);
	});

	it('is idempotent: a second run creates nothing and finds all web orders with batched lookups', async () => {
		const creds = credentialsFor(sl);
		const orders = magentoOrders(...NEW);
		await run(sl, creds, createFromMagento(), orders);
		const count = sl.state.Orders.length;
		const before = sl.stats.requests;
		const second = await run(sl, creds, createFromMagento(), orders);
		expect(sl.state.Orders.length).toBe(count);
		expect(second.json.every((j) => j.created === false)).toBe(true);
		for (const [i, json] of second.json.entries())
			expect(json.DocEntry).toBe(ordersByWeb(sl, NEW[i])[0].DocEntry);
		const after = sl.stats.requests;
		expect((after['GET Orders'] ?? 0) - (before['GET Orders'] ?? 0)).toBe(1); // one $filter for 9 numbers
		expect((after['POST Orders'] ?? 0) - (before['POST Orders'] ?? 0)).toBe(0);
		expect(sl.stats.logins).toBe(1); // the session is reused across executions
	});

	it('returns orders already in SAP (090-095) without posting, and creates a duplicated web order once', async () => {
		const creds = credentialsFor(sl);
		const items = magentoOrders('000000090', '000000101', '000000101', '000000095');
		const result = await run(sl, creds, createFromMagento(), items);
		expect(result.json.map((j) => j.created)).toEqual([false, true, false, false]);
		expect(result.json[0].DocEntry).toBe(ordersByWeb(sl, '000000090')[0].DocEntry);
		expect(ordersByWeb(sl, '000000101')).toHaveLength(1);
		expect(result.json[2].DocEntry).toBe(result.json[1].DocEntry);
		expect(sl.stats.requests['POST Orders']).toBe(1);
	});

	it('looks up 60 web orders in batches of 50 before creating and once more after (4 GETs, not 60)', async () => {
		const creds = credentialsFor(sl);
		const base = magentoOrders('000000101')[0];
		const items = Array.from({ length: 60 }, (_, n) => ({
			...base,
			increment_id: `W-${String(n).padStart(3, '0')}'q`,
		}));
		const result = await run(sl, creds, createFromMagento(), items);
		expect(result.json.every((j) => j.created === true)).toBe(true);
		expect(sl.stats.requests['GET Orders']).toBe(2 + 2); // lookup, then the check for concurrent duplicates
		expect(sl.stats.requests['POST Orders']).toBe(60);
		expect(sl.stats.logins).toBe(1);
		expect(ordersByWeb(sl, "W-007'q")).toHaveLength(1); // quotes escaped in $filter
	});

	it('reports an unknown SKU per item with continueOnFail and creates the others', async () => {
		const creds = credentialsFor(sl);
		const result = await run(
			sl,
			creds,
			createFromMagento(),
			magentoOrders('000000101', '000000110', '000000108'),
			true,
		);
		expect(result.json[0].created).toBe(true);
		expect(result.json[2].created).toBe(true);
		expect(result.json[1].webOrderNumber).toBe('000000110');
		expect(String(result.json[1].error)).toMatch(/000000110/);
		expect(String(result.json[1].error)).toMatch(/LEGACY-404|ItemCode|item/i);
		expect(result.outputs[0][1].error).toBeDefined();
		expect(result.outputs[0][1].pairedItem).toEqual({ item: 1 });
		expect(ordersByWeb(sl, '000000110')).toHaveLength(0);
	});

	it('throws a NodeApiError naming the web order without continueOnFail', async () => {
		const creds = credentialsFor(sl);
		await expect(
			run(
				sl,
				creds,
				createFromMagento({ options: { ...FAST, concurrency: 1 } }),
				magentoOrders('000000110'),
			),
		).rejects.toThrow(/000000110/);
	});

	it('reports a mapping error (missing SKU) naming the order and field', async () => {
		const creds = credentialsFor(sl);
		const [order] = magentoOrders('000000101');
		(order.items as { sku: string | null }[])[0].sku = null;
		const result = await run(sl, creds, createFromMagento(), [order], true);
		expect(String(result.json[0].error)).toMatch(/000000101/);
		expect(String(result.json[0].error)).toMatch(/sku/);
		expect(sl.stats.requests['POST Orders'] ?? 0).toBe(0);
	});
});

describe('SAP B1 Order: customer strategies', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	it('find by e-mail uses the matching partner, falls back to the default for guests, and caches lookups', async () => {
		const creds = credentialsFor(sl);
		const result = await run(
			sl,
			creds,
			createFromMagento({ customerStrategy: 'findByEmail' }),
			magentoOrders('000000101', '000000102', '000000106', '000000108'),
		);
		expect(result.json.every((j) => j.created === true)).toBe(true);
		expect(ordersByWeb(sl, '000000101')[0].CardCode).toBe('C20000');
		expect(ordersByWeb(sl, '000000108')[0].CardCode).toBe('C20000');
		expect(ordersByWeb(sl, '000000102')[0].CardCode).toBe('C30000');
		expect(ordersByWeb(sl, '000000106')[0].CardCode).toBe('C-WEB'); // guest
		expect(sl.stats.requests['GET BusinessPartners']).toBe(2); // roni once, veronica once
	});

	it('find or create creates a customer once (also for a guest), and re-uses it on the next run', async () => {
		const creds = credentialsFor(sl);
		const [guestOrder] = magentoOrders('000000106');
		const second = { ...guestOrder, increment_id: 'G-2' };
		const params = createFromMagento({
			customerStrategy: 'findOrCreate',
			customerCodePrefix: 'MG',
		});
		const result = await run(sl, creds, params, [
			guestOrder,
			second,
			...magentoOrders('000000101'),
		]);
		expect(result.json.every((j) => j.created === true)).toBe(true);
		const created = sl.state.BusinessPartners.filter(
			(b) => b.EmailAddress === 'sam.guest@example.net',
		);
		expect(created).toHaveLength(1);
		expect(created[0].CardCode).toMatch(/^MGG[0-9A-F]{8}$/);
		expect(created[0].CardType).toBe('cCustomer');
		expect(created[0].BPAddresses.length).toBeGreaterThan(0);
		expect(ordersByWeb(sl, '000000106')[0].CardCode).toBe(created[0].CardCode);
		expect(ordersByWeb(sl, 'G-2')[0].CardCode).toBe(created[0].CardCode);
		expect(ordersByWeb(sl, '000000101')[0].CardCode).toBe('C20000');
		expect(sl.stats.requests['POST BusinessPartners']).toBe(1);
	});

	it('find or create re-reads the partner when its code exists already (-10)', async () => {
		const creds = credentialsFor(sl);
		const [order] = magentoOrders('000000106');
		const params = createFromMagento({
			customerStrategy: 'findOrCreate',
			customerCodePrefix: 'MG',
		});
		await run(sl, creds, params, [order]);
		const partner = sl.state.BusinessPartners.find(
			(b) => b.EmailAddress === 'sam.guest@example.net',
		)!;
		// The e-mail no longer finds it, but the code the node generates exists: SAP answers -10.
		partner.EmailAddress = 'changed@example.net';
		const partners = sl.state.BusinessPartners.length;
		const again = await run(sl, creds, params, [{ ...order, increment_id: 'G-3' }]);
		expect(again.json[0].created).toBe(true);
		expect(ordersByWeb(sl, 'G-3')[0].CardCode).toBe(partner.CardCode);
		expect(sl.state.BusinessPartners.length).toBe(partners);
		expect(sl.stats.requests['POST BusinessPartners']).toBe(2);
	});
});

describe('SAP B1 Order: Create from fields and raw JSON', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	it('creates from fields, idempotent on the web order number in a U_ field', async () => {
		const creds = credentialsFor(sl, 'v1');
		const params = {
			resource: 'order',
			operation: 'create',
			inputMode: 'fields',
			webOrderField: 'U_WebOrderNo',
			cardCode: { __rl: true, mode: 'list', value: 'C30000' },
			webOrderNumber: "F-1'x",
			lines: {
				line: [{ itemCode: '24-MB01', quantity: 2, price: 34, warehouseCode: '01', taxCode: 'NY' }],
			},
			options: FAST,
		};
		const first = await run(sl, creds, params);
		expect(first.json[0]).toMatchObject({ created: true, webOrderNumber: "F-1'x" });
		const doc = sl.state.Orders.find((o) => o.U_WebOrderNo === "F-1'x")!;
		expect(doc.CardCode).toBe('C30000');
		expect(doc.DocumentLines[0]).toMatchObject({
			ItemCode: '24-MB01',
			Quantity: 2,
			WarehouseCode: '01',
			TaxCode: 'NY',
		});
		const second = await run(sl, creds, params);
		expect(second.json[0]).toMatchObject({ created: false, DocEntry: doc.DocEntry });
		expect(sl.state.Orders.filter((o) => o.U_WebOrderNo === "F-1'x")).toHaveLength(1);
	});

	it('creates from a raw JSON document', async () => {
		const creds = credentialsFor(sl);
		const document = {
			CardCode: 'C20000',
			NumAtCard: 'RAW-1',
			DocDueDate: '2026-12-01',
			DocumentLines: [{ ItemCode: '24-UG06', Quantity: 3, UnitPrice: 7 }],
		};
		const result = await run(sl, creds, {
			resource: 'order',
			operation: 'create',
			inputMode: 'json',
			documentJson: JSON.stringify(document),
			options: FAST,
		});
		expect(result.json[0]).toMatchObject({ created: true, webOrderNumber: 'RAW-1' });
		expect(ordersByWeb(sl, 'RAW-1')[0].DocumentLines[0]).toMatchObject({
			ItemCode: '24-UG06',
			Quantity: 3,
		});
	});
});
