/**
 * Issue: Magento 2 Store node inside a real n8n. A workflow gets orders from the emulated store
 * and ships one of them with a tracking number and notify, run twice with `n8n execute`: one
 * shipment and one customer e-mail in the store after both runs.
 */
import { nodeOutput, runError, type N8nInstance } from './n8n';
import { CREDENTIAL_IDS, n8nWithCredentials, startSystems, type Systems } from './systems';

jest.setTimeout(240_000);

const P = 'n8n-nodes-sapb1-magento2.';
const magentoCredential = {
	magento2StoreApi: { id: CREDENTIAL_IDS.magento, name: 'Magento 2 Store' },
};

const workflow = {
	id: 'e2eMagentoShip1',
	name: 'E2E: get Magento orders and ship one',
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
			id: 'g',
			name: 'Magento 2: Get Orders',
			type: P + 'magento2Store',
			typeVersion: 1,
			position: [220, 0],
			credentials: magentoCredential,
			parameters: {
				resource: 'order',
				operation: 'getMany',
				returnAll: true,
				filters: {},
				pageSize: 4,
			},
		},
		{
			id: 'f',
			name: 'Order 000000090',
			type: 'n8n-nodes-base.filter',
			typeVersion: 2.2,
			position: [440, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					combinator: 'and',
					conditions: [
						{
							id: 'c',
							leftValue: '={{ $json.increment_id }}',
							rightValue: '000000090',
							operator: { type: 'string', operation: 'equals' },
						},
					],
				},
				options: {},
			},
		},
		{
			id: 's',
			name: 'Magento 2: Ship',
			type: P + 'magento2Store',
			typeVersion: 1,
			position: [660, 0],
			credentials: magentoCredential,
			parameters: {
				resource: 'shipment',
				operation: 'create',
				orderIdType: 'incrementId',
				orderId: '={{ $json.increment_id }}',
				itemsMode: 'all',
				tracks: {
					track: [{ trackNumber: '1Z999AA10123456784', carrierCode: 'ups', title: 'UPS Ground' }],
				},
				notify: true,
				shipOptions: {},
			},
		},
	],
	connections: {
		'Run Now': { main: [[{ node: 'Magento 2: Get Orders', type: 'main', index: 0 }]] },
		'Magento 2: Get Orders': { main: [[{ node: 'Order 000000090', type: 'main', index: 0 }]] },
		'Order 000000090': { main: [[{ node: 'Magento 2: Ship', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	active: false,
};

describe('Magento 2 Store node in a real n8n', () => {
	let systems: Systems;
	let n8n: N8nInstance;

	beforeAll(async () => {
		systems = await startSystems();
		n8n = await n8nWithCredentials(systems);
		await n8n.importWorkflow(workflow);
	});
	afterAll(async () => {
		n8n?.dispose();
		await systems?.close();
	});

	it('ships one order with its tracking number and one e-mail, however often it runs', async () => {
		const total = systems.magento.state.orders.length;
		const first = await n8n.execute(workflow.id);
		expect(runError(first.run)).toBeUndefined();
		// Return All over pages of 4: every order once.
		const fetched = nodeOutput(first.run, 'Magento 2: Get Orders');
		expect(fetched).toHaveLength(total);
		expect(new Set(fetched.map((o) => o.entity_id)).size).toBe(total);
		const shipped = nodeOutput(first.run, 'Magento 2: Ship');
		expect(shipped).toHaveLength(1);
		expect(shipped[0]).toMatchObject({ created: true, incrementId: '000000090' });

		const second = await n8n.execute(workflow.id);
		expect(runError(second.run)).toBeUndefined();
		expect(nodeOutput(second.run, 'Magento 2: Ship')[0]).toMatchObject({ created: false });

		const order = systems.magento.state.orders.find((o: any) => o.increment_id === '000000090')!;
		const shipments = systems.magento.state.shipments.filter(
			(s: any) => s.order_id === order.entity_id,
		);
		expect(shipments).toHaveLength(1);
		expect(shipments[0].tracks.map((t: any) => t.track_number)).toEqual(['1Z999AA10123456784']);
		const emails = systems.magento.state.emails.filter(
			(e) => e.type === 'shipment' && e.incrementId === '000000090',
		);
		expect(emails).toHaveLength(1);
		expect(emails[0].trackingNumbers).toEqual(['1Z999AA10123456784']);
		expect(emails[0].to).toBe(order.customer_email);
	});
});
