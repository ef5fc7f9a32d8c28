import {
	searchCriteriaPairs,
	searchCriteriaQuery,
	toMagentoDate,
} from '../../../nodes/Magento2Store/transport/searchCriteria';

describe('searchCriteria builder', () => {
	it('builds OR filters inside a group and AND across groups, sort orders and paging', () => {
		const pairs = searchCriteriaPairs({
			filterGroups: [
				[
					{ field: 'status', value: 'pending' },
					{ field: 'status', value: 'processing' },
				],
				[{ field: 'updated_at', value: '2025-01-01 10:00:00', conditionType: 'gteq' }],
			],
			sortOrders: [{ field: 'updated_at', direction: 'ASC' }],
			pageSize: 50,
			currentPage: 2,
		});
		expect(pairs).toEqual([
			['searchCriteria[filter_groups][0][filters][0][field]', 'status'],
			['searchCriteria[filter_groups][0][filters][0][value]', 'pending'],
			['searchCriteria[filter_groups][0][filters][0][condition_type]', 'eq'],
			['searchCriteria[filter_groups][0][filters][1][field]', 'status'],
			['searchCriteria[filter_groups][0][filters][1][value]', 'processing'],
			['searchCriteria[filter_groups][0][filters][1][condition_type]', 'eq'],
			['searchCriteria[filter_groups][1][filters][0][field]', 'updated_at'],
			['searchCriteria[filter_groups][1][filters][0][value]', '2025-01-01 10:00:00'],
			['searchCriteria[filter_groups][1][filters][0][condition_type]', 'gteq'],
			['searchCriteria[sortOrders][0][field]', 'updated_at'],
			['searchCriteria[sortOrders][0][direction]', 'ASC'],
			['searchCriteria[pageSize]', '50'],
			['searchCriteria[currentPage]', '2'],
		]);
	});

	it('joins in/nin values, omits the value of null/notnull, skips empty groups', () => {
		expect(
			searchCriteriaPairs({
				filterGroups: [
					[],
					[{ field: 'increment_id', value: ['000000101', '000000102'], conditionType: 'in' }],
					[{ field: 'customer_id', conditionType: 'null' }],
				],
			}),
		).toEqual([
			['searchCriteria[filter_groups][0][filters][0][field]', 'increment_id'],
			['searchCriteria[filter_groups][0][filters][0][value]', '000000101,000000102'],
			['searchCriteria[filter_groups][0][filters][0][condition_type]', 'in'],
			['searchCriteria[filter_groups][1][filters][0][field]', 'customer_id'],
			['searchCriteria[filter_groups][1][filters][0][condition_type]', 'null'],
		]);
	});

	it('encodes per RFC 3986 and always sends searchCriteria', () => {
		expect(searchCriteriaQuery({})).toBe('searchCriteria=');
		expect(
			searchCriteriaQuery({
				filterGroups: [
					[{ field: 'customer_email', value: "o'brien+x@ex.com", conditionType: 'like' }],
				],
			}),
		).toBe(
			'searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=customer_email&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=o%27brien%2Bx%40ex.com&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bcondition_type%5D=like',
		);
	});

	it('refuses field names that could smuggle query syntax and unknown condition types', () => {
		expect(() => searchCriteriaPairs({ filterGroups: [[{ field: 'a]&x[', value: 1 }]] })).toThrow(
			/not a valid Magento field/,
		);
		expect(() =>
			searchCriteriaPairs({
				filterGroups: [[{ field: 'a', value: 1, conditionType: 'regexp' as never }]],
			}),
		).toThrow(/Unknown condition/);
	});

	it('formats dates as UTC YYYY-MM-DD HH:MM:SS', () => {
		expect(toMagentoDate('2025-01-01T10:00:00')).toBe('2025-01-01 10:00:00');
		expect(toMagentoDate('2025-01-01 10:00')).toBe('2025-01-01 10:00:00');
		expect(toMagentoDate('2025-01-01')).toBe('2025-01-01 00:00:00');
		expect(toMagentoDate('2025-01-01T12:30:00+02:00')).toBe('2025-01-01 10:30:00');
		expect(toMagentoDate('2025-01-01T10:00:00.000Z')).toBe('2025-01-01 10:00:00');
		expect(() => toMagentoDate('yesterday')).toThrow(/not a valid date/);
	});
});
