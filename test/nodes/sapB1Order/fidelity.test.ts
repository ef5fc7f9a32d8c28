/**
 * SAP B1 Order against the Service Layer behaviours settled in issue 9 (contract:
 * test/contract/serviceLayer.fidelity.test.ts): the freight code dropdown on an entity keyed
 * `ExpensCode`, paging behind a path prefix, SAP's line defaults in the SAP Default tax mode, text
 * lengths in UTF-16 units, and every filter parameter checked before it reaches `$filter`.
 */
import { SapB1Order } from '../../../nodes/SapB1/Order/SapB1Order.node';
import { sapSeed } from '../../emulators/seed/sap';
import type { ServiceLayerEmulator } from '../../emulators/serviceLayer';
import { loadOptionsContext } from '../../helpers/n8n';
import {
	FAST,
	createFromMagento,
	credentialTypes,
	credentialsFor,
	magentoOrders,
	ordersByWeb,
	run,
	startSl,
} from './setup';

describe('SAP B1 Order: fidelity to the real Service Layer', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());

	it.each(['v1', 'v2'] as const)(
		'loads the freight codes from AdditionalExpenses by ExpensCode (%s)',
		async (version) => {
			const { context } = loadOptionsContext(credentialsFor(sl, version), credentialTypes);
			const codes = await new SapB1Order().methods.loadOptions.getExpenseCodes.call(context);
			expect(codes).toEqual([
				{ name: '1 - Freight', value: 1 },
				{ name: '2 - Insurance', value: 2 },
			]);
		},
	);

	it.each(['v1', 'v2'] as const)(
		'pages through every order behind a path prefix (%s next links)',
		async (version) => {
			const hosted = await startSl({ pathPrefix: '/ServiceLayer', pageSize: 2 });
			try {
				const result = await run(hosted, credentialsFor(hosted, version), {
					resource: 'order',
					operation: 'getMany',
					returnAll: true,
					select: 'DocEntry',
					options: { ...FAST, pageSize: 2 },
				});
				expect(result.json.map((j) => j.DocEntry)).toEqual([1, 2, 3, 4, 5, 6, 7]);
				expect(hosted.stats.requests['GET Orders']).toBe(4);
			} finally {
				await hosted.close();
			}
		},
	);

	it('SAP Default tax: SAP fills the tax code from the ship-to address and the totals match Magento', async () => {
		const orders = magentoOrders('000000101', '000000103', '000000105'); // roni's orders (CA 7.25 %)
		const result = await run(
			sl,
			credentialsFor(sl),
			createFromMagento({
				taxMode: 'sapDefault',
				taxRates: undefined,
				defaultCardCode: { __rl: true, mode: 'id', value: 'C20000' },
			}),
			orders,
		);
		for (const [i, order] of orders.entries()) {
			expect(result.json[i]).toMatchObject({ created: true });
			const inSap = ordersByWeb(sl, String(order.increment_id))[0];
			// the node sent no TaxCode; SAP took C20000's ship-to tax code CA (7.25 %)
			expect(inSap.DocumentLines.every((l) => l.TaxCode === 'CA')).toBe(true);
			expect(Math.abs(inSap.DocTotal - Number(order.grand_total))).toBeLessThanOrEqual(0.01);
		}
		expect(result.json[0].warnings).toBeUndefined();
	});

	it('SAP Default tax in a VAT company: the partner VAT group and the freight VAT group give Magento total', async () => {
		const seed = sapSeed();
		seed.AdditionalExpenses[0].OutputVatGroup = 'V20';
		const vat = await startSl({ seed });
		try {
			const [order] = magentoOrders('000000109');
			const result = await run(
				vat,
				credentialsFor(vat, 'v1'),
				createFromMagento({
					taxMode: 'sapDefault',
					taxRates: undefined,
					defaultCardCode: { __rl: true, mode: 'id', value: 'C40000' },
				}),
				[order],
			);
			expect(result.json[0]).toMatchObject({ created: true });
			const inSap = ordersByWeb(vat, '000000109')[0];
			expect(inSap.DocumentLines.map((l) => l.VatGroup)).toEqual(['V20', 'V20']);
			expect(inSap.DocumentAdditionalExpenses[0]).toMatchObject({ VatGroup: 'V20' });
			expect(Math.abs(inSap.DocTotal - Number(order.grand_total))).toBeLessThanOrEqual(0.01);
		} finally {
			await vat.close();
		}
	});

	it('cuts long unicode texts on grapheme boundaries within SAP lengths counted in UTF-16 units', async () => {
		const [order] = magentoOrders('000000109');
		const family = '👩‍👩‍👧';
		const shipping = (order.extension_attributes as any).shipping_assignments[0].shipping.address;
		shipping.street = [`${'S'.repeat(95)}${family}`];
		shipping.city = `Wie${'e\u0301'.repeat(60)}n`;
		(order.items as any[])[0].name = `${'☕'.repeat(99)}${family}`;
		const result = await run(sl, credentialsFor(sl), createFromMagento(), [order]);
		expect(result.json[0]).toMatchObject({ created: true });
		const inSap = ordersByWeb(sl, '000000109')[0];
		expect(inSap.AddressExtension.ShipToStreet).toBe('S'.repeat(95));
		expect(inSap.AddressExtension.ShipToCity).toBe(`Wie${'e\u0301'.repeat(48)}`);
		expect(inSap.DocumentLines[0].ItemDescription).toBe('☕'.repeat(99));
	});

	it.each([
		[{ dateFrom: "2025-06-01' or DocEntry gt 0 or DocDate eq '" }, 'Date From'],
		[{ updatedSince: '2025-13-45' }, 'Updated Since'],
		[{ status: "open' or 1 eq 1" }, 'Status'],
	])(
		'refuses filter values that are not what they claim before sending anything: %j',
		async (filters, name) => {
			const result = await run(
				sl,
				credentialsFor(sl),
				{ resource: 'order', operation: 'getMany', returnAll: true, filters, options: FAST },
				[{}],
				true,
			);
			expect(String(result.json[0].error)).toContain(name);
			expect(sl.stats.requests['GET Orders']).toBeUndefined();
		},
	);

	it('refuses a field name that is not a property name, and an unknown web order field', async () => {
		const fields = await run(
			sl,
			credentialsFor(sl),
			{
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				select: 'DocEntry,DocTotal desc&$top=1',
				options: FAST,
			},
			[{}],
			true,
		);
		expect(String(fields.json[0].error)).toContain('is not a valid field name');
		const webField = await run(
			sl,
			credentialsFor(sl),
			{
				resource: 'order',
				operation: 'get',
				by: 'webOrderNumber',
				webOrderNumber: '000000090',
				webOrderField: 'NumAtCard eq NumAtCard or DocEntry',
				options: FAST,
			},
			[{}],
			true,
		);
		expect(String(webField.json[0].error)).toContain('is not allowed');
		expect(sl.stats.requests['GET Orders']).toBeUndefined();
	});

	it('sends quoted dates on both versions and finds the same orders', async () => {
		const filters = { dateFrom: '2025-06-04T00:00:00', dateTo: '2025-06-04' };
		for (const version of ['v1', 'v2'] as const) {
			const result = await run(sl, credentialsFor(sl, version), {
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				select: 'DocEntry',
				filters,
				options: FAST,
			});
			expect(result.json.map((j) => j.DocEntry)).toEqual([5, 6]);
		}
	});
});
