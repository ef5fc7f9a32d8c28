/**
 * Issue: SAP B1 Order node inside a real n8n. Manual Trigger → items shaped like Magento orders
 * → SAP B1 Order Create, executed twice with `n8n execute`: each order exists once in the
 * emulated Service Layer and the second run reports created: false for all.
 */
import { seedOrder } from '../emulators/seed/magento';
import { nodeOutput, runError, type N8nInstance } from './n8n';
import { CREDENTIAL_IDS, n8nWithCredentials, startSystems, type Systems } from './systems';

jest.setTimeout(240_000);

/** Magento tax percent → SAP tax code, as an integrator sets it on the node. */
export const TAX_RATES = [
	{ rate: 7.25, taxCode: 'CA' },
	{ rate: 8.875, taxCode: 'NY' },
	{ rate: 0, taxCode: 'EX' },
	{ rate: 20, taxCode: 'V20' },
];

const WEB_ORDERS = ['000000101', '000000102', '000000103', '000000105', '000000107', '000000109'];

function workflow(id: string) {
	const orders = WEB_ORDERS.map((n) => seedOrder(n));
	return {
		id,
		name: 'E2E: Magento orders into SAP B1',
		nodes: [
			{
				id: 't',
				name: 'Run Now',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'c',
				name: 'Magento Orders',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(orders)}.map((json) => ({ json }));` },
			},
			{
				id: 'o',
				name: 'SAP B1: Create Sales Order',
				type: 'n8n-nodes-sapb1-magento2.sapB1Order',
				typeVersion: 1,
				position: [440, 0],
				credentials: {
					sapB1ServiceLayerApi: { id: CREDENTIAL_IDS.serviceLayer, name: 'SAP B1 Service Layer' },
				},
				parameters: {
					resource: 'order',
					operation: 'create',
					inputMode: 'magento',
					customerStrategy: 'findByEmail',
					defaultCardCode: { __rl: true, mode: 'id', value: 'C-WEB' },
					taxMode: 'rateTable',
					taxRates: { rate: TAX_RATES },
					shippingMode: 'expense',
					expenseCode: 1,
				},
			},
		],
		connections: {
			'Run Now': { main: [[{ node: 'Magento Orders', type: 'main', index: 0 }]] },
			'Magento Orders': {
				main: [[{ node: 'SAP B1: Create Sales Order', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

describe('SAP B1 Order node in a real n8n', () => {
	let systems: Systems;
	let n8n: N8nInstance;

	beforeAll(async () => {
		systems = await startSystems();
		n8n = await n8nWithCredentials(systems);
		await n8n.importWorkflow(workflow('e2eSapOrderNew'));
	});
	afterAll(async () => {
		n8n?.dispose();
		await systems?.close();
	});

	it('creates each web order once; a second execution reports created: false for all', async () => {
		const first = await n8n.execute('e2eSapOrderNew');
		expect(runError(first.run)).toBeUndefined();
		expect(first.exitCode).toBe(0);
		const out1 = nodeOutput(first.run, 'SAP B1: Create Sales Order');
		expect(out1.map((o) => o.webOrderNumber)).toEqual(WEB_ORDERS);
		expect(out1.every((o) => o.created === true && o.DocEntry > 0 && o.DocNum > 0)).toBe(true);

		const second = await n8n.execute('e2eSapOrderNew');
		expect(second.exitCode).toBe(0);
		const out2 = nodeOutput(second.run, 'SAP B1: Create Sales Order');
		expect(out2.map((o) => o.created)).toEqual(WEB_ORDERS.map(() => false));
		expect(out2.map((o) => o.DocEntry)).toEqual(out1.map((o) => o.DocEntry));

		for (const webOrder of WEB_ORDERS) {
			const inSap = systems.sl.state.Orders.filter((o: any) => o.NumAtCard === webOrder);
			expect(inSap).toHaveLength(1);
			const magento = seedOrder(webOrder);
			expect(Math.abs(Number(inSap[0].DocTotal) - Number(magento.grand_total))).toBeLessThanOrEqual(
				0.01,
			);
		}
		// The session lives in the credential: one login for both executions.
		expect(systems.sl.stats.logins).toBe(1);
		const printed = first.stdout + first.stderr + second.stdout + second.stderr;
		expect(printed).not.toContain('B1SESSION=');
	});
});
