/** Contract: query options and server paging on the emulated Service Layer (API-FACTS.md "Query"). */
import { sapSeed, type SapSeed } from '../emulators/seed/sap';
import { startServiceLayer, type ServiceLayerEmulator } from '../emulators/serviceLayer';
import { errorMessage, login, type SlTestClient } from '../emulators/serviceLayer/testClient';

/** The sample data plus 45 extra orders (DocEntry 101..145), one with NumAtCard O'Brien. */
function pagedSeed(): SapSeed {
	const seed = sapSeed();
	const template = seed.Orders[0];
	for (let n = 1; n <= 45; n++) {
		seed.Orders.push({
			...structuredClone(template),
			DocEntry: 100 + n,
			DocNum: 5000 + n,
			NumAtCard: n === 7 ? "O'Brien" : `W-${n}`,
			DocTotal: n,
		});
	}
	return seed;
}

const q = (s: string) => encodeURIComponent(s);

describe('Service Layer emulator: query options and paging', () => {
	let sl: ServiceLayerEmulator;
	let v1: SlTestClient;
	let v2: SlTestClient;
	beforeAll(async () => {
		sl = await startServiceLayer({ seed: pagedSeed() });
		v1 = await login(sl, 'v1');
		v2 = await login(sl, 'v2');
	});
	afterAll(() => sl.close());

	const entries = (data: { value: { DocEntry: number }[] }) => data.value.map((d) => d.DocEntry);

	it("$filter with an escaped quote: NumAtCard eq 'O''Brien'", async () => {
		const res = await v2.get(
			`Orders?$filter=${q("NumAtCard eq 'O''Brien'")}&$select=DocEntry,NumAtCard`,
		);
		expect(res.status).toBe(200);
		expect(res.data.value).toEqual([{ DocEntry: 107, NumAtCard: "O'Brien" }]);
	});

	it.each<[string, number[]]>([
		["NumAtCard eq '000000090' or NumAtCard eq '000000093'", [1, 4]],
		["CardCode eq 'C40000' and NumAtCard eq null", [7]],
		[
			"(CardCode eq 'C30000' or CardCode eq 'C40000') and not (DocumentStatus eq 'bost_Close')",
			[2],
		],
		['DocEntry ge 5 and DocEntry lt 8', [5, 6, 7]],
		['DocEntry gt 143', [144, 145]],
		["DocEntry le 2 and DocCurrency ne 'EUR'", [1, 2]],
		["startswith(NumAtCard,'00000009') and endswith(NumAtCard,'5')", [6]],
		["contains(Comments,'Hintertür')", [7]],
		["substringof('Telefon',Comments)", [7]],
		["DocDate eq '2025-06-03'", [3, 4]],
		["UpdateDate ge '2025-06-06T23:59:59' and DocEntry lt 100", [5, 6, 7]],
		['UpdateDate gt 2025-06-05 and DocEntry lt 100', [5, 6, 7]],
		["Cancelled eq SAPB1.BoYesNoEnum'tNO' and DocEntry eq 1", [1]],
		['DocTotal eq 61.17', [5]],
		["tolower(CardName) eq 'jürgen ümlaut'", [7]],
	])('$filter %s', async (filter, expected) => {
		const res = await v1.get(`Orders?$filter=${q(filter)}&$select=DocEntry&$orderby=DocEntry`);
		expect(res.status).toBe(200);
		expect(entries(res.data)).toEqual(expected);
	});

	it('$filter on DeliveryNotes: web-order deliveries with tracking, not cancelled, since a date', async () => {
		const filter =
			"UpdateDate ge '2025-06-04' and CancelStatus eq 'csNo' and TrackingNumber ne null and NumAtCard ne null";
		const res = await v2.get(
			`DeliveryNotes?$filter=${q(filter)}&$orderby=UpdateDate,UpdateTime,DocEntry&$select=DocEntry,UpdateTime`,
		);
		expect(res.data.value).toEqual([
			{ DocEntry: 3, UpdateTime: '09:05:30' },
			{ DocEntry: 7, UpdateTime: '14:30:15' },
			{ DocEntry: 8, UpdateTime: '14:30:15' },
		]);
	});

	it('BusinessPartners by e-mail', async () => {
		const res = await v2.get(
			`BusinessPartners?$filter=${q("EmailAddress eq 'roni_cost@example.com'")}&$select=CardCode,CardName`,
		);
		expect(res.data.value).toEqual([{ CardCode: 'C20000', CardName: 'Roni Cost' }]);
	});

	it.each([
		[
			'unknown property in $filter',
			`Orders?$filter=${q("Foo eq 'x'")}`,
			"Invalid filter expression: property 'Foo' is invalid",
		],
		[
			'unknown property in $select',
			'Orders?$select=DocEntry,Foo',
			"Property 'Foo' of 'Document' is invalid",
		],
		[
			'unknown property in $orderby',
			'Orders?$orderby=Foo desc',
			"Property 'Foo' of 'Document' is invalid",
		],
		[
			'unterminated string',
			`Orders?$filter=${q("NumAtCard eq 'O'Brien'")}`,
			'Invalid filter expression: unterminated string literal',
		],
		['bad $top', 'Orders?$top=abc', "Invalid value 'abc' for query option '$top'"],
	])('%s → 400', async (_name, url, message) => {
		const res = await v1.get(url);
		expect(res.status).toBe(400);
		expect(errorMessage(res.data)).toBe(message);
	});

	it('$orderby with several keys and directions, $top and $skip', async () => {
		const res = await v2.get(
			`DeliveryNotes?$orderby=${q('UpdateDate desc,UpdateTime desc,DocEntry asc')}&$select=DocEntry&$top=4&$skip=1`,
		);
		expect(entries(res.data)).toEqual([7, 8, 6, 4]);
	});

	it('/$count (with $filter) and inline counts', async () => {
		expect((await v1.get('Orders/$count')).data).toBe(52);
		expect((await v2.get(`Orders/$count?$filter=${q("CardCode eq 'C30000'")}`)).data).toBe(2);
		expect(
			(await v1.get('Orders?$inlinecount=allpages&$top=1&$select=DocEntry')).data['odata.count'],
		).toBe(52);
		expect((await v2.get('Orders?$count=true&$top=1&$select=DocEntry')).data['@odata.count']).toBe(
			52,
		);
	});

	it('default page size 20; v1 answers absolute odata.nextLink, v2 relative @odata.nextLink', async () => {
		const r1 = await v1.get(`Orders?$select=DocEntry&$filter=${q('DocEntry gt 0')}`);
		expect(r1.data.value).toHaveLength(20);
		expect(r1.data['odata.nextLink']).toBe(
			'/b1s/v1/Orders?$select=DocEntry&$filter=DocEntry%20gt%200&$skip=20',
		);
		const r2 = await v2.get('Orders?$select=DocEntry');
		expect(r2.data.value).toHaveLength(20);
		expect(r2.data['@odata.nextLink']).toBe('Orders?$select=DocEntry&$skip=20');
		expect(r2.data['odata.nextLink']).toBeUndefined();
	});

	it.each(['v1', 'v2'] as const)(
		'following the next links (%s) returns every row exactly once',
		async (v) => {
			const c = v === 'v1' ? v1 : v2;
			const root = new URL(`${sl.baseUrl(v)}/`);
			let url: string | undefined = new URL('Orders?$select=DocEntry&$orderby=DocEntry', root).href;
			const seen: number[] = [];
			let pages = 0;
			while (url) {
				const res: { data: Record<string, unknown> & { value: { DocEntry: number }[] } } =
					await c.http.get(url, { headers: { Cookie: c.cookie } });
				seen.push(...entries(res.data));
				pages++;
				const next = res.data[v === 'v1' ? 'odata.nextLink' : '@odata.nextLink'] as
					string | undefined;
				url = next ? new URL(next, root).href : undefined;
			}
			expect(pages).toBe(3);
			expect(seen).toEqual(sl.state.Orders.map((o) => o.DocEntry).sort((a, b) => a - b));
		},
	);

	it('Prefer: odata.maxpagesize=N → Preference-Applied; B1S-PageSize works; 0 disables paging', async () => {
		const p = await v2.get('Orders?$select=DocEntry', { Prefer: 'odata.maxpagesize=50' });
		expect(p.headers['preference-applied']).toBe('odata.maxpagesize=50');
		expect(p.data.value).toHaveLength(50);
		expect(p.data['@odata.nextLink']).toBe('Orders?$select=DocEntry&$skip=50');
		const b = await v1.get('Orders?$select=DocEntry', { 'B1S-PageSize': '5' });
		expect(b.data.value).toHaveLength(5);
		expect(b.data['odata.nextLink']).toBe('/b1s/v1/Orders?$select=DocEntry&$skip=5');
		const all = await v1.get('Orders?$select=DocEntry', { Prefer: 'odata.maxpagesize=0' });
		expect(all.data.value).toHaveLength(52);
		expect(all.data['odata.nextLink']).toBeUndefined();
	});

	it('$top larger than a page carries the remaining $top in the next link', async () => {
		const res = await v2.get('Orders?$select=DocEntry&$top=25&$orderby=DocEntry');
		expect(res.data.value).toHaveLength(20);
		expect(res.data['@odata.nextLink']).toBe(
			'Orders?$select=DocEntry&$orderby=DocEntry&$top=5&$skip=20',
		);
		const next = await v2.get(res.data['@odata.nextLink']);
		expect(next.data.value).toHaveLength(5);
		expect(next.data['@odata.nextLink']).toBeUndefined();
	});

	it('next-link style is configurable', async () => {
		const other = await startServiceLayer({
			nextLink: { v1: 'relative', v2: 'absolute' },
			pageSize: 2,
		});
		try {
			const a = await login(other, 'v1');
			const b = await login(other, 'v2');
			expect((await a.get('Items?$select=ItemCode')).data['odata.nextLink']).toBe(
				'Items?$select=ItemCode&$skip=2',
			);
			expect((await b.get('Items?$select=ItemCode')).data['@odata.nextLink']).toBe(
				'/b1s/v2/Items?$select=ItemCode&$skip=2',
			);
		} finally {
			await other.close();
		}
	});
});
