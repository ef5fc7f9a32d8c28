import { checkedPath } from '../../../nodes/Magento2Store/actions/customApiCall/call.operation';
import type { MagentoEmulator } from '../../emulators/magento';
import { expectNoSecrets, run, start } from './setup';

const call = (extra: Record<string, unknown>) => ({
	resource: 'customApiCall',
	operation: 'call',
	...extra,
});

describe('Magento 2 Store: Custom API Call', () => {
	let m: MagentoEmulator;
	beforeAll(async () => {
		m = await start();
	});
	afterAll(async () => m.close());
	beforeEach(() => m.reset());

	it.each(['oauth256', 'bearer'] as const)(
		'GETs with query parameters, signed with the credential (%s)',
		async (auth) => {
			m.setOptions({ bearerIntegrationTokens: true });
			const result = await run(
				m,
				call({
					method: 'GET',
					path: '/orders',
					query: {
						parameter: [
							{
								name: 'searchCriteria[filter_groups][0][filters][0][field]',
								value: 'increment_id',
							},
							{ name: 'searchCriteria[filter_groups][0][filters][0][value]', value: '000000101' },
						],
					},
				}),
				{ auth },
			);
			expect(result.json).toHaveLength(1);
			expect(result.json[0]).toMatchObject({ total_count: 1 });
			expect((result.json[0].items as Array<{ increment_id: string }>)[0].increment_id).toBe(
				'000000101',
			);
		},
	);

	it('outputs an array answer as one item per element, and a scalar answer wrapped', async () => {
		const views = await run(m, call({ method: 'GET', path: 'store/storeViews' }));
		expect(views.json.length).toBeGreaterThan(1);
		expect(views.json[0]).toHaveProperty('code');
		const order = m.findOrder('000000101')!;
		const posted = await run(
			m,
			call({
				method: 'POST',
				path: `/V1/orders/${order.entity_id}/comments`,
				body: JSON.stringify({
					statusHistory: {
						comment: 'from a custom call',
						parent_id: order.entity_id,
						status: order.status,
					},
				}),
			}),
		);
		expect(posted.json).toEqual([{ value: true }]);
		expect(m.state.comments.map((c: { comment: string }) => c.comment)).toContain(
			'from a custom call',
		);
	});

	it('retries a GET after 503 and names the request in errors, without secrets', async () => {
		m.setFaultPlan({ rules: [{ kind: 'status', status: 503, path: '/V1/orders', times: 2 }] });
		const ok = await run(m, call({ method: 'GET', path: '/orders/207' }));
		expect(ok.json[0].increment_id).toBe('000000101');
		expect(m.faults.fired).toHaveLength(2);
		const missing = await run(m, call({ method: 'GET', path: '/orders/999999' }), {
			continueOnFail: true,
		});
		expect(missing.json[0].request).toBe('GET /orders/999999');
		expect(String(missing.json[0].error)).toMatch(/./);
		expectNoSecrets(m, missing);
	});

	it('keeps the path inside the REST API', () => {
		expect(checkedPath('products/24-MB01')).toBe('/products/24-MB01');
		expect(checkedPath('/V1/orders/1')).toBe('/orders/1');
		expect(() => checkedPath('https://evil.example/x')).toThrow(/not a URL/);
		expect(() => checkedPath('//evil.example/x')).toThrow(/not a URL/);
		expect(() => checkedPath('/../../admin')).toThrow(/\.\. segments/);
	});
});
