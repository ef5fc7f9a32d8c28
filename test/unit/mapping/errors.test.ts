/** Bad input → MappingError naming the order and the field. */
import {
	MappingError,
	mapMagentoOrder,
	type MagentoOrder,
	type MappingOptions,
} from '../../../nodes/SapB1Order/mapping';
import { options, order } from './helpers';

function mappingError(o: MagentoOrder, opts: MappingOptions = options()): MappingError {
	try {
		mapMagentoOrder(o, opts);
	} catch (e) {
		expect(e).toBeInstanceOf(MappingError);
		return e as MappingError;
	}
	throw new Error('expected a MappingError');
}

const withItem = (id: string, index: number, patch: Record<string, unknown>) => {
	const o = order(id);
	Object.assign(o.items![index], patch);
	return o;
};

test.each([
	['missing sku', withItem('000000107', 2, { sku: undefined }), 'items[2].sku'],
	['empty sku', withItem('000000107', 2, { sku: '  ' }), 'items[2].sku'],
	['configurable parent without sku', withItem('000000107', 0, { sku: '' }), 'items[0].sku'],
	['qty_ordered 0', withItem('000000101', 1, { qty_ordered: 0 }), 'items[1].qty_ordered'],
	['qty_ordered negative', withItem('000000101', 1, { qty_ordered: -1 }), 'items[1].qty_ordered'],
	[
		'qty_ordered not a number',
		withItem('000000101', 0, { qty_ordered: 'two' }),
		'items[0].qty_ordered',
	],
	[
		'qty_ordered missing',
		withItem('000000101', 0, { qty_ordered: undefined }),
		'items[0].qty_ordered',
	],
	['price not a number', withItem('000000101', 0, { price: 'n/a' }), 'items[0].price'],
	['price missing', withItem('000000101', 0, { price: null }), 'items[0].price'],
	['row_total not a number', withItem('000000101', 0, { row_total: {} }), 'items[0].row_total'],
	[
		'discount_amount not a number',
		withItem('000000101', 0, { discount_amount: 'ten' }),
		'items[0].discount_amount',
	],
	[
		'tax_percent not in the table',
		withItem('000000101', 1, { tax_percent: 6.5 }),
		'items[1].tax_percent',
	],
])('%s', (_what, o, field) => {
	const e = mappingError(o);
	expect(e.record).toBe(`#${o.increment_id}`);
	expect(e.field).toBe(field);
	expect(e.message).toContain(`#${o.increment_id}`);
	expect(e.message).toContain(field);
});

test('the message names the item SKU too', () => {
	expect(mappingError(withItem('000000109', 0, { tax_percent: 19 })).message).toMatch(
		/items\[0\]\.tax_percent 19 \(item CAFÉ-CRÈME-250\) has no SAP tax code/,
	);
});

test('gross mode needs price_incl_tax', () => {
	const e = mappingError(
		withItem('000000101', 0, { price_incl_tax: 'x' }),
		options({ priceMode: 'gross' }),
	);
	expect(e.field).toBe('items[0].price_incl_tax');
	expect(() =>
		mapMagentoOrder(withItem('000000101', 0, { price_incl_tax: 'x' }), options()),
	).not.toThrow();
});

test('no lines at all / nothing left to order (canceled order #000000111)', () => {
	const o = order('000000101');
	o.items = [];
	expect(mappingError(o).field).toBe('items');
	const canceled = order('000000111');
	expect(mappingError(canceled)).toMatchObject({
		record: '#000000111',
		field: 'items',
		message: expect.stringMatching(/no shippable or billable lines/),
	});
});

test('missing billing address', () => {
	const o = order('000000101');
	delete o.billing_address;
	expect(mappingError(o)).toMatchObject({ record: '#000000101', field: 'billing_address' });
});

test.each([
	['created_at missing', { created_at: undefined }, 'created_at'],
	['created_at garbage', { created_at: 'yesterday' }, 'created_at'],
	['created_at impossible date', { created_at: '2026-02-30 10:00:00' }, 'created_at'],
	['shipping_amount not a number', { shipping_amount: 'free' }, 'shipping_amount'],
	['discount_amount not a number', { discount_amount: 'x' }, 'discount_amount'],
])('%s', (_what, patch, field) => {
	expect(mappingError({ ...order('000000101'), ...patch } as MagentoOrder).field).toBe(field);
});

test('missing increment_id: the record is named by entity_id', () => {
	const o = { ...order('000000101'), increment_id: '' };
	expect(mappingError(o)).toMatchObject({ record: 'entity_id 207', field: 'increment_id' });
});

test.each([
	['no cardCode', options({ cardCode: ' ' }), 'cardCode'],
	['bad web order field', options({ webOrderField: 'Comments' }), 'webOrderField'],
	['fixed tax mode without a code', options({ taxMode: 'fixed' }), 'fixedTaxCode'],
	[
		'itemLine shipping without an item code',
		options({ shipping: { mode: 'itemLine' } }),
		'shipping.itemCode',
	],
])('options: %s', (_what, opts, field) => {
	expect(mappingError(order('000000101'), opts).field).toBe(field);
});

test('MappingError is an Error with name, record and field', () => {
	const e = mappingError(withItem('000000107', 2, { sku: '' }));
	expect(e).toBeInstanceOf(Error);
	expect(e.name).toBe('MappingError');
	expect(e.message).toBe('Magento order #000000107: items[2].sku is missing or empty');
});
