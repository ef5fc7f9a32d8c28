/**
 * Issue: SAP B1 Shipments node inside a real n8n. One workflow reads the deliveries through each
 * source — SQL Server (the TDS test server) and the Service Layer — from the same data set: both
 * return the expected normalised items, identical to each other.
 */
import { nodeOutput, runError, type N8nInstance } from './n8n';
import { CREDENTIAL_IDS, n8nWithCredentials, startSystems, type Systems } from './systems';

jest.setTimeout(240_000);

const P = 'n8n-nodes-sapb1-magento2.';
const common = {
	resource: 'delivery',
	operation: 'getMany',
	watermarkInput: 'object',
	watermark: '',
	onlyWithTracking: true,
	onlyWebOrders: true,
	excludeCancelled: true,
	returnAll: true,
	options: { pageSize: 2 },
};

const workflow = {
	id: 'e2eDeliveries2',
	name: 'E2E: SAP deliveries from SQL Server and from the Service Layer',
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
			id: 'sql',
			name: 'From SQL Server',
			type: P + 'sapB1Shipments',
			typeVersion: 1,
			position: [240, -100],
			credentials: {
				sapB1SqlServerApi: { id: CREDENTIAL_IDS.sqlServer, name: 'SAP B1 SQL Server' },
			},
			parameters: { source: 'sqlServer', ...common },
		},
		{
			id: 'sl',
			name: 'From Service Layer',
			type: P + 'sapB1Shipments',
			typeVersion: 1,
			position: [240, 100],
			credentials: {
				sapB1ServiceLayerApi: { id: CREDENTIAL_IDS.serviceLayer, name: 'SAP B1 Service Layer' },
			},
			parameters: { source: 'serviceLayer', ...common },
		},
	],
	connections: {
		'Run Now': {
			main: [
				[
					{ node: 'From SQL Server', type: 'main', index: 0 },
					{ node: 'From Service Layer', type: 'main', index: 0 },
				],
			],
		},
	},
	settings: { executionOrder: 'v1' },
	active: false,
};

describe('SAP B1 Shipments node in a real n8n', () => {
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

	it('returns the same normalised deliveries from both sources', async () => {
		const result = await n8n.execute(workflow.id);
		expect(runError(result.run)).toBeUndefined();
		const fromSql = nodeOutput(result.run, 'From SQL Server');
		const fromSl = nodeOutput(result.run, 'From Service Layer');

		// Expected from the data set itself: tracked, live deliveries of orders that carry a web order number.
		const orders = new Map(systems.sl.state.Orders.map((o: any) => [o.DocEntry, o]));
		const expected = systems.sl.state.DeliveryNotes.filter(
			(d: any) =>
				d.TrackingNumber &&
				d.Cancelled === 'tNO' &&
				(d.CancelStatus ?? 'csNo') === 'csNo' &&
				d.DocumentLines.some(
					(l: any) => l.BaseType === 17 && (orders.get(l.BaseEntry) as any)?.NumAtCard,
				),
		).sort((a: any, b: any) =>
			`${a.UpdateDate} ${a.UpdateTime} ${String(a.DocEntry).padStart(9, '0')}`.localeCompare(
				`${b.UpdateDate} ${b.UpdateTime} ${String(b.DocEntry).padStart(9, '0')}`,
			),
		);
		expect(expected.length).toBeGreaterThanOrEqual(4);

		expect(fromSql.map((d) => d.DocEntry)).toEqual(expected.map((d: any) => d.DocEntry));
		expect(fromSl).toEqual(fromSql);
		for (const [i, d] of fromSql.entries()) {
			const source: any = expected[i];
			const order: any = orders.get(source.DocumentLines[0].BaseEntry);
			expect(d).toMatchObject({
				DocNum: source.DocNum,
				trackingNumber: source.TrackingNumber,
				carrierCode: source.TransportationCode,
				webOrderNumber: order.NumAtCard,
				cancelled: false,
			});
			expect(d.carrierName).toBe(
				systems.sl.state.ShippingTypes.find((s: any) => s.Code === source.TransportationCode)?.Name,
			);
			expect(d.lines.map((l: any) => [l.itemCode, l.quantity, l.baseEntry, l.baseLine])).toEqual(
				source.DocumentLines.map((l: any) => [l.ItemCode, l.Quantity, l.BaseEntry, l.BaseLine]),
			);
			expect(d.watermark).toEqual({
				date: d.updatedAt.date,
				time: d.updatedAt.time,
				docEntry: d.DocEntry,
			});
		}
	});
});
