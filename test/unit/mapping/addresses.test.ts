/** Addresses → AddressExtension, truncation to SAP's field lengths, unicode kept. */
import {
	customerNameOf,
	mapMagentoOrder,
	truncate,
	SAP_FIELD_LENGTHS,
} from '../../../nodes/SapB1/Order/mapping';
import { options, order } from './helpers';

test('bill-to and ship-to: Street, Building (further street lines, else company), City, ZipCode, State, Country', () => {
	const { document } = mapMagentoOrder(order('000000102'), options());
	expect(document.AddressExtension).toEqual({
		BillToStreet: '350 Fifth Avenue',
		BillToBuilding: 'Suite 4200',
		BillToCity: 'New York',
		BillToZipCode: '10118',
		BillToState: 'NY',
		BillToCountry: 'US',
		ShipToStreet: '88 Orchard Street',
		ShipToCity: 'New York',
		ShipToZipCode: '10002',
		ShipToState: 'NY',
		ShipToCountry: 'US',
	});
});

test('company becomes Building when there is a single street line', () => {
	const o = order('000000101');
	o.billing_address!.company = 'Cost Consulting';
	expect(mapMagentoOrder(o, options()).document.AddressExtension).toMatchObject({
		BillToBuilding: 'Cost Consulting',
	});
	expect(mapMagentoOrder(o, options()).document.AddressExtension).not.toHaveProperty(
		'ShipToBuilding',
	);
});

test('virtual-only order has no shipping address: ship-to = billing address', () => {
	const o = order('000000104');
	expect(o.extension_attributes?.shipping_assignments?.[0]?.shipping?.address).toBeUndefined();
	const a = mapMagentoOrder(o, options()).document.AddressExtension!;
	expect([
		a.ShipToStreet,
		a.ShipToBuilding,
		a.ShipToCity,
		a.ShipToZipCode,
		a.ShipToState,
		a.ShipToCountry,
	]).toEqual([
		a.BillToStreet,
		a.BillToBuilding,
		a.BillToCity,
		a.BillToZipCode,
		a.BillToState,
		a.BillToCountry,
	]);
	expect(a.ShipToStreet).toBe('350 Fifth Avenue');
});

test('unicode names and addresses are preserved (EUR order from Vienna)', () => {
	const a = mapMagentoOrder(order('000000109'), options()).document.AddressExtension!;
	expect(a).toMatchObject({
		ShipToStreet: 'Mariahilfer Straße 12',
		ShipToBuilding: 'Stiege 3, Tür 7',
		ShipToCity: 'Wien',
		ShipToZipCode: '1070',
		ShipToState: 'WI',
		ShipToCountry: 'AT',
	});
	expect(customerNameOf(order('000000109'))).toBe('Jürgen Ümlaut');
});

test('over-long texts are cut to SAP field lengths, by characters, never rejected', () => {
	const o = order('000000109');
	const ship = o.extension_attributes!.shipping_assignments![0].shipping!.address!;
	ship.street = ['Ö'.repeat(60) + ' Straße ☕ ' + 'é'.repeat(60), 'Hinterhaus '.repeat(20)];
	ship.city = 'Sankt Ülrich am Pillersee '.repeat(6);
	ship.postcode = '1234567890-1234567890-XYZ';
	ship.region_code = 'TIROL';
	ship.region = 'Tirol ' + 'ß'.repeat(120);
	ship.country_id = 'AUT!';
	const { document } = mapMagentoOrder(o, options());
	const a = document.AddressExtension!;
	expect(a.ShipToStreet).toBe('Ö'.repeat(60) + ' Straße ☕ ' + 'é'.repeat(30));
	expect(a.ShipToStreet).toHaveLength(100);
	expect(a.ShipToBuilding!.length).toBeLessThanOrEqual(100);
	expect(a.ShipToBuilding!.startsWith('Hinterhaus Hinterhaus')).toBe(true);
	expect(a.ShipToCity!.length).toBeLessThanOrEqual(100);
	expect(a.ShipToZipCode).toBe('1234567890-123456789');
	expect(a.ShipToState).toBe('TIR');
	expect(a.ShipToCounty).toHaveLength(100); // a region without a short code goes to County
	expect(a.ShipToCountry).toBe('AUT');
	expect(a).not.toHaveProperty('BillToCounty');
});

test('item descriptions and the web order number are cut too', () => {
	const o = order('000000109');
	o.items![0].name = '☕'.repeat(150);
	o.increment_id = '9'.repeat(120);
	const { document, webOrderNumber } = mapMagentoOrder(o, options());
	expect(document.DocumentLines[0].ItemDescription).toBe('☕'.repeat(100));
	expect(document.NumAtCard).toHaveLength(100);
	expect(webOrderNumber).toHaveLength(120);
});

describe('truncate', () => {
	test('keeps short text, trims at the cut', () => {
		expect(truncate('abc', 3)).toBe('abc');
		expect(truncate('ab  cd', 4)).toBe('ab');
	});
	test('never splits a surrogate pair (SAP counts UTF-16 units)', () => {
		expect(truncate('a😀😀', 4)).toBe('a😀');
		expect(truncate('a😀😀', 2)).toBe('a');
	});
	// SAP's NVARCHAR(n) holds n UTF-16 code units (Microsoft's nvarchar definition); a cut falls
	// between graphemes (Unicode UAX #29, Intl.Segmenter), never inside one.
	test('cuts between graphemes: a combining accent, an emoji ZWJ sequence, a flag, a skin tone', () => {
		const e = 'e\u0301'; // é as e + combining acute (2 units)
		expect(truncate(`abc${e}`, 4)).toBe('abc');
		expect(truncate(`abc${e}`, 5)).toBe(`abc${e}`);
		const family = '👩‍👩‍👧'; // 8 units
		expect(family.length).toBe(8);
		expect(truncate(`x${family}y`, 8)).toBe('x');
		expect(truncate(`x${family}y`, 9)).toBe(`x${family}`);
		expect(truncate('🇦🇹🇦🇹', 6)).toBe('🇦🇹');
		expect(truncate('ok👍🏽👍🏽', 7)).toBe('ok👍🏽');
		const text = `abc${e}${family}🇦🇹👍🏽`.repeat(3);
		const prefixes = new Set(['']);
		let acc = '';
		for (const { segment } of new Intl.Segmenter().segment(text)) prefixes.add((acc += segment));
		for (let max = 0; max <= text.length; max++) {
			const cut = truncate(text, max);
			expect(cut.length).toBeLessThanOrEqual(max);
			expect(prefixes.has(cut)).toBe(true); // a whole number of graphemes
		}
	});
	test('field lengths', () => {
		expect(SAP_FIELD_LENGTHS).toMatchObject({
			Street: 100,
			City: 100,
			ZipCode: 20,
			County: 100,
			State: 3,
			Country: 3,
			Building: 100,
			ItemDescription: 100,
			NumAtCard: 100,
			Comments: 254,
			CardName: 100,
		});
	});
});

test('customerNameOf: order name, else billing name, cut to 100', () => {
	const o = order('000000106');
	expect(customerNameOf(o)).toBe("Sam O'Connor");
	o.customer_firstname = null;
	o.customer_lastname = null;
	o.billing_address!.firstname = 'Ä'.repeat(95);
	expect(customerNameOf(o)).toBe('Ä'.repeat(95) + " O'Co");
});
