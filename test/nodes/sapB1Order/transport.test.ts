import { parseSapError, formatSapError } from '../../../nodes/SapB1/transport/sapError';
import { nextLinkOf, resolveSlUrl } from '../../../nodes/SapB1/transport/serviceLayer';

describe('Service Layer transport: errors and next links', () => {
	it('reads the v1 and v2 error envelopes', () => {
		const v1 = parseSapError(400, {
			error: {
				code: -5002,
				message: {
					lang: 'en-us',
					value: 'Item number is missing [DocumentLines.ItemCode][line: 4]',
				},
			},
		});
		expect(v1).toEqual({
			code: '-5002',
			text: 'Item number is missing [DocumentLines.ItemCode][line: 4]',
		});
		const v2 = parseSapError(
			400,
			JSON.stringify({
				error: {
					code: '-10',
					message: 'Duplicate code',
					details: [{ code: '', message: 'CardCode MG1' }],
				},
			}),
		);
		expect(v2).toEqual({ code: '-10', text: 'Duplicate code; CardCode MG1' });
		expect(formatSapError(v2)).toBe('SAP error -10: Duplicate code; CardCode MG1');
	});

	it('describes empty and HTML bodies', () => {
		expect(parseSapError(502, '').text).toMatch(/502 with an empty body/);
		expect(parseSapError(503, undefined).text).toMatch(/503 with an empty body/);
		expect(
			parseSapError(
				500,
				'<html><head><title>500 Internal Server Error</title></head><body><h1>Oops</h1></body></html>',
			).text,
		).toBe('HTTP 500: 500 Internal Server Error');
		expect(parseSapError(502, Buffer.from('Proxy Error')).text).toBe('HTTP 502: Proxy Error');
	});

	it('resolves absolute, root-relative and relative next links against the service root', () => {
		const root = 'https://b1.example:50000/b1s/v1';
		expect(resolveSlUrl(root, '/b1s/v1/Orders?$skip=20')).toBe(
			'https://b1.example:50000/b1s/v1/Orders?$skip=20',
		);
		expect(resolveSlUrl(root, 'Orders?$skip=20')).toBe(
			'https://b1.example:50000/b1s/v1/Orders?$skip=20',
		);
		expect(resolveSlUrl(root, 'https://other:50000/b1s/v1/Orders?$skip=40')).toBe(
			'https://other:50000/b1s/v1/Orders?$skip=40',
		);
		expect(resolveSlUrl(root, "/Orders?$filter=NumAtCard eq 'a b'")).toBe(
			'https://b1.example:50000/b1s/v1/Orders?$filter=NumAtCard%20eq%20%27a%20b%27',
		);
		expect(nextLinkOf({ 'odata.nextLink': 'Orders?$skip=20' })).toBe('Orders?$skip=20');
		expect(nextLinkOf({ '@odata.nextLink': 'Orders?$skip=40' })).toBe('Orders?$skip=40');
		expect(nextLinkOf({ value: [] })).toBeUndefined();
	});
});
