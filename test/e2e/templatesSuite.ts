/**
 * Issue: the two template workflows, the sync checkpoint and their end-to-end behaviour. Both
 * templates are imported into a real n8n with the packed package installed, run with
 * `n8n execute`, and the emulated Magento and SAP B1 are checked afterwards. One body, run by
 * templates.test.ts on the default n8n (2.41.1) and by templates.n8n1.test.ts on n8n 1.x.
 */
import type { MagentoEmulator } from '../emulators/magento';
import { nodeOutput, runError, type N8nInstall, type N8nInstance } from './n8n';
import { SapClerk } from './sapDeliveries';
import {
	installFromEnv,
	loadTemplate,
	n8nWithCredentials as n8nWith,
	setNodeParameters,
	startSystems,
	type Systems,
} from './systems';

jest.setTimeout(600_000);

const ORDERS_ID = 'sapb1OrdersSync';
const SHIPMENTS_ID = 'sapb1ShipNotify';
const COMMIT = 'Checkpoint: Commit (Run Summary)';
const SAP_COMMENT = /^Created in SAP B1 as sales order (\d+)$/;
/** Eligible new web orders (pending/processing since the initial cursor), 110 excepted: SAP lacks its item. */
const ELIGIBLE = [
	'000000101',
	'000000102',
	'000000103',
	'000000104',
	'000000105',
	'000000106',
	'000000107',
	'000000108',
	'000000109',
];

async function importTemplates(
	n8n: N8nInstance,
	opts: { maxAttempts?: number; shipmentSource?: 'serviceLayer' | 'sqlServer' } = {},
) {
	const orders = loadTemplate('sync-orders-chain.json');
	// Configuration an integrator does: where the first run starts (the sample orders are from November 2026).
	setNodeParameters(orders, 'Checkpoint: Start', { initialCursor: '2026-11-15 00:00:00' });
	if (opts.maxAttempts) {
		// Keep the template's other Commit options (Fail Execution When: Records Are Parked).
		const commit = orders.nodes.find((n: any) => n.name === COMMIT);
		setNodeParameters(orders, COMMIT, {
			options: { ...commit.parameters.options, maxAttempts: opts.maxAttempts },
		});
	}
	await n8n.importWorkflow(orders);
	const shipments = loadTemplate('shipment-notification.json');
	setNodeParameters(shipments, 'Checkpoint: Start', {
		initialCursor: '{"date":"2026-01-01","time":"00:00:00","docEntry":0}',
	});
	if (opts.shipmentSource === 'sqlServer') {
		const fetch = shipments.nodes.find((n: any) => n.name === 'SAP B1: Get Deliveries');
		fetch.parameters.source = 'sqlServer';
		fetch.credentials = { sapB1SqlServerApi: { id: 'sapb1SqlServer', name: 'SAP B1 SQL Server' } };
	}
	await n8n.importWorkflow(shipments);
}

async function run(n8n: N8nInstance, id: string) {
	const result = await n8n.execute(id);
	expect(runError(result.run)).toBeUndefined();
	const summaries = nodeOutput(result.run, COMMIT);
	expect(summaries).toHaveLength(1);
	return { run: result.run, summary: summaries[0] };
}

function sapOrdersFor(systems: Systems, webOrder: string) {
	return systems.sl.state.Orders.filter((o: any) => o.NumAtCard === webOrder);
}

function sapComments(magento: MagentoEmulator, incrementId: string) {
	const order = magento.findOrder(incrementId)!;
	return order.status_histories.filter((h: any) => SAP_COMMENT.test(String(h.comment)));
}

function shipmentsOf(magento: MagentoEmulator, incrementId: string) {
	const order = magento.findOrder(incrementId)!;
	return magento.state.shipments.filter((s: any) => s.order_id === order.entity_id);
}

function shipmentEmails(magento: MagentoEmulator, incrementId: string) {
	return magento.state.emails.filter((e) => e.type === 'shipment' && e.incrementId === incrementId);
}

/** Every eligible web order once in SAP with Magento's lines and total, and one SAP comment in Magento. */
function expectOrdersSynced(systems: Systems, webOrders: string[]) {
	for (const webOrder of webOrders) {
		const inSap = sapOrdersFor(systems, webOrder);
		expect({ webOrder, count: inSap.length }).toEqual({ webOrder, count: 1 });
		const magentoOrder = systems.magento.findOrder(webOrder)!;
		expect(
			Math.abs(Number(inSap[0].DocTotal) - Number(magentoOrder.grand_total)),
		).toBeLessThanOrEqual(0.01);
		const comments = sapComments(systems.magento, webOrder);
		expect({ webOrder, comments: comments.length }).toEqual({ webOrder, comments: 1 });
		expect(String(comments[0].comment)).toBe(`Created in SAP B1 as sales order ${inSap[0].DocNum}`);
	}
}

/** The template tests on the n8n `install` gives (default: the one globalSetup installed). */
export function templateTests(install: () => N8nInstall = installFromEnv): void {
	const n8nWithCredentials = (systems: Systems) => n8nWith(systems, undefined, install());

	describe('Template: sync orders chain (Magento 2 → SAP B1)', () => {
		let systems: Systems;
		let n8n: N8nInstance;

		beforeAll(async () => {
			systems = await startSystems();
			n8n = await n8nWithCredentials(systems);
			await importTemplates(n8n, { maxAttempts: 3 });
		});
		afterAll(async () => {
			n8n?.dispose();
			await systems?.close();
		});

		it('creates every eligible order once in SAP with its lines and total, and comments each Magento order once', async () => {
			const { summary } = await run(n8n, ORDERS_ID);
			expectOrdersSynced(systems, ELIGIBLE);
			// Lines: the configurable order becomes one line with the child SKU, not two.
			expect(
				sapOrdersFor(systems, '000000102')[0].DocumentLines.map((l: any) => [
					l.ItemCode,
					l.Quantity,
				]),
			).toEqual([['MH01-M-Gray', 1]]);
			// Canceled and on-hold orders are not eligible; 110 failed with SAP's message naming the item.
			expect(sapOrdersFor(systems, '000000111')).toHaveLength(0);
			expect(sapOrdersFor(systems, '000000112')).toHaveLength(0);
			expect(sapOrdersFor(systems, '000000110')).toHaveLength(0);
			expect(summary).toMatchObject({
				fetched: 10,
				created: 9,
				alreadyPresent: 0,
				failed: 1,
				cursorBefore: '2026-11-15 00:00:00',
			});
			expect(summary.failures).toEqual([expect.objectContaining({ id: '000000110', attempts: 1 })]);
			expect(summary.failures[0].error).toMatch(/LEGACY-404/);
			expect(summary.retryIds).toEqual(['000000110']);
			// The cursor is the newest order's updated_at with its entity ID as tie-breaker (bounded runs).
			expect(summary.cursorAfter).toEqual({ at: '2026-11-22 08:00:04', id: 216 });
			expect(summary).toMatchObject({ maxRecords: 1000, remaining: 0 });
		});

		it('a second run creates nothing and writes no second comment', async () => {
			const ordersBefore = systems.sl.state.Orders.length;
			const { summary } = await run(n8n, ORDERS_ID);
			expect(systems.sl.state.Orders.length).toBe(ordersBefore);
			expectOrdersSynced(systems, ELIGIBLE);
			expect(summary.created).toBe(0);
			expect(summary.failures.map((f: any) => [f.id, f.attempts])).toEqual([['000000110', 2]]);
		});

		const PARKED_MESSAGE =
			'Checkpoint "magentoOrders" needs attention: 1 record parked, no longer retried: 000000110';
		const savedState = async () =>
			(await n8n.exportWorkflow(ORDERS_ID)).staticData.global['syncCheckpoint:magentoOrders'];

		it('an order changed after the first run is fetched again and not duplicated; the third failure parks 110: Commit saves the state, then fails the execution', async () => {
			systems.magento.touchOrder('000000101');
			// 110 fails for the third time (runs 1, 2, 3): with maxAttempts 3 it is parked, and the
			// template's Commit (Fail Execution When: Records Are Parked) ends the execution as failed.
			const result = await n8n.execute(ORDERS_ID);
			const fetched = nodeOutput(result.run, 'Magento 2: Get Changed Orders').map(
				(o) => o.increment_id,
			);
			expect(fetched).toContain('000000101');
			expect(
				nodeOutput(result.run, 'SAP B1: Create Sales Order').find(
					(o) => o.webOrderNumber === '000000101',
				),
			).toMatchObject({ created: false });
			expectOrdersSynced(systems, ELIGIBLE);
			expect(result.exitCode).not.toBe(0);
			const error = runError(result.run);
			expect(error.message).toBe(PARKED_MESSAGE);
			expect(error.description).toMatch(/failed 1, parked 1/);
			expect(error.description).toMatch(/parked 000000110 after 3 attempts: .*LEGACY-404/);
			expect(error.description).toMatch(/The checkpoint state was saved/);
			// The state n8n saved after the failed execution: the cursor moved past 101, 110 parked and
			// off the retry list, no open run.
			const state = await savedState();
			expect(state.cursor).toEqual({ at: expect.any(String), id: 207 });
			expect(state.parked['000000110']).toMatchObject({ attempts: 3 });
			expect(state.retry).toEqual({});
			expect(state.pending ?? null).toBeNull();
			expect(state.lastRun).toMatchObject({ created: 0, parkedCount: 1, status: 'partial' });
		});

		it('while 110 stays parked every run fails again, fetching nothing and keeping the state', async () => {
			const before = await savedState();
			const result = await n8n.execute(ORDERS_ID);
			expect(result.exitCode).not.toBe(0);
			expect(runError(result.run).message).toBe(PARKED_MESSAGE);
			// A parked order is no longer fetched by id, and nothing changed since the last run.
			expect(nodeOutput(result.run, 'SAP B1: Create Sales Order')).toEqual([]);
			const state = await savedState();
			expect(state.cursor).toEqual(before.cursor);
			expect(state.parked).toEqual(before.parked);
			expect(state.pending ?? null).toBeNull();
		});

		it('a failed order succeeds on a later run once SAP has the item, and leaves the parked list', async () => {
			const ghost = systems.magento.findOrder('000000110')!;
			// Another order fails once, then succeeds after the item is added in SAP.
			systems.sl.state.Items.push({
				...systems.sl.state.Items.find((i: any) => i.ItemCode === '24-UG06')!,
				ItemCode: 'LEGACY-404',
				ItemName: 'Legacy product',
			});
			systems.magento.touchOrder(ghost.increment_id);
			const { summary } = await run(n8n, ORDERS_ID);
			expect(sapOrdersFor(systems, '000000110')).toHaveLength(1);
			expect(sapComments(systems.magento, '000000110')).toHaveLength(1);
			expect(summary.created).toBe(1);
			expect(summary.parked).toEqual([]);
			expect(summary.status).toBe('ok');
		});
	});

	describe('Template: shipment notification (SAP B1 → Magento 2)', () => {
		for (const source of ['serviceLayer', 'sqlServer'] as const) {
			describe(`deliveries read through ${source === 'sqlServer' ? 'SQL Server' : 'the Service Layer'}`, () => {
				let systems: Systems;
				let n8n: N8nInstance;
				let clerk: SapClerk;
				const syncSql = async () => {
					if (source === 'sqlServer') await systems.sql.loadSeed(systems.sl.state);
				};

				beforeAll(async () => {
					systems = await startSystems();
					n8n = await n8nWithCredentials(systems);
					await importTemplates(n8n, { shipmentSource: source });
					clerk = new SapClerk(systems.sl);
					await run(n8n, ORDERS_ID);
				});
				afterAll(async () => {
					n8n?.dispose();
					await systems?.close();
				});

				it('turns each delivery with tracking into one Magento shipment with its lines, tracking number and one e-mail', async () => {
					await clerk.deliver({
						webOrder: '000000101',
						lines: [{ itemCode: '24-MB01', quantity: 1 }],
						tracking: '1Z999AA10000000101',
						transportationCode: 1,
					});
					await clerk.deliver({
						webOrder: '000000102',
						tracking: '794600000102',
						transportationCode: 2,
					});
					await clerk.deliver({ webOrder: '000000103', tracking: null, transportationCode: 1 });
					await syncSql();
					const { summary } = await run(n8n, SHIPMENTS_ID);
					expect(summary).toMatchObject({ fetched: 2, created: 2, failed: 0 });

					const [partial] = shipmentsOf(systems.magento, '000000101');
					expect(shipmentsOf(systems.magento, '000000101')).toHaveLength(1);
					expect(partial.tracks.map((t: any) => t.track_number)).toEqual(['1Z999AA10000000101']);
					expect(partial.items.map((i: any) => [i.sku, Number(i.qty)])).toEqual([['24-MB01', 1]]);
					const order101 = systems.magento.findOrder('000000101')!;
					expect(order101.items.map((i: any) => [i.sku, Number(i.qty_shipped)])).toEqual([
						['24-MB01', 1],
						['24-UG06', 0],
					]);
					expect(shipmentsOf(systems.magento, '000000102')).toHaveLength(1);
					expect(shipmentsOf(systems.magento, '000000103')).toHaveLength(0);
					expect(
						shipmentEmails(systems.magento, '000000101').map((e) => e.trackingNumbers),
					).toEqual([['1Z999AA10000000101']]);
					expect(shipmentEmails(systems.magento, '000000102')).toHaveLength(1);
				});

				it('ships the rest of a partial order when its second delivery comes, and nothing twice', async () => {
					await clerk.deliver({
						webOrder: '000000101',
						tracking: '1Z999AA10000000199',
						transportationCode: 1,
					});
					await syncSql();
					const second = await run(n8n, SHIPMENTS_ID);
					expect(second.summary).toMatchObject({ fetched: 1, created: 1 });
					const third = await run(n8n, SHIPMENTS_ID);
					expect(third.summary).toMatchObject({ fetched: 0, created: 0, failed: 0 });

					const shipments = shipmentsOf(systems.magento, '000000101');
					expect(shipments.map((s: any) => s.tracks.map((t: any) => t.track_number))).toEqual([
						['1Z999AA10000000101'],
						['1Z999AA10000000199'],
					]);
					expect(
						systems.magento.findOrder('000000101')!.items.map((i: any) => Number(i.qty_shipped)),
					).toEqual([2, 1]);
					expect(shipmentEmails(systems.magento, '000000101')).toHaveLength(2);
					expect(shipmentsOf(systems.magento, '000000102')).toHaveLength(1);
					expect(shipmentEmails(systems.magento, '000000102')).toHaveLength(1);
				});
			});
		}
	});

	describe('Both templates with faults in SAP and Magento', () => {
		let systems: Systems;
		let n8n: N8nInstance;

		beforeAll(async () => {
			systems = await startSystems();
			n8n = await n8nWithCredentials(systems);
			await importTemplates(n8n, { maxAttempts: 5 });
		});
		afterAll(async () => {
			n8n?.dispose();
			await systems?.close();
		});

		it('reaches the same end state — nothing lost, nothing doubled', async () => {
			systems.sl.setFaultPlan({
				rules: [
					{ kind: 'commitThenDrop', method: 'POST', path: /\/Orders$/, times: 2 },
					{ kind: 'status', status: 503, emptyBody: true, path: '/Orders', every: 3, times: 4 },
					{ kind: 'sessionExpiry', method: 'POST', path: /\/Orders$/, after: 4, times: 1 },
					{ kind: 'status', status: 502, method: 'GET', path: '/DeliveryNotes', times: 1 },
				],
			});
			systems.magento.setFaultPlan({
				rules: [
					{ kind: 'status', status: 503, method: 'POST', path: '/comments', every: 2, times: 3 },
					{ kind: 'commitThenDrop', method: 'POST', path: '/comments', times: 1 },
					{ kind: 'status', status: 429, method: 'GET', path: '/V1/orders', times: 1 },
					{ kind: 'commitThenDrop', method: 'POST', path: '/ship', times: 1 },
					{ kind: 'status', status: 503, method: 'POST', path: '/ship', after: 1, times: 1 },
				],
			});
			const orders = await run(n8n, ORDERS_ID);
			expectOrdersSynced(systems, ELIGIBLE);
			expect(orders.summary.created).toBe(9);
			expect(systems.sl.faults.fired.length).toBeGreaterThan(0);

			const clerk = new SapClerk(systems.sl);
			for (const [i, webOrder] of ['000000101', '000000102', '000000105', '000000107'].entries())
				await clerk.deliver({ webOrder, tracking: `1ZFAULT0000000${i}`, transportationCode: 1 });
			const shipments = await run(n8n, SHIPMENTS_ID);
			expect(shipments.summary).toMatchObject({ fetched: 4, failed: 0 });
			for (const [i, webOrder] of ['000000101', '000000102', '000000105', '000000107'].entries()) {
				const list = shipmentsOf(systems.magento, webOrder);
				expect({
					webOrder,
					tracks: list.map((s: any) => s.tracks.map((t: any) => t.track_number)),
				}).toEqual({ webOrder, tracks: [[`1ZFAULT0000000${i}`]] });
				expect({ webOrder, emails: shipmentEmails(systems.magento, webOrder).length }).toEqual({
					webOrder,
					emails: 1,
				});
			}
			expect(systems.magento.faults.fired.map((f) => f.kind)).toEqual(
				expect.arrayContaining(['commitThenDrop', 'status']),
			);

			// A re-run of the same window changes nothing.
			systems.sl.setFaultPlan();
			systems.magento.setFaultPlan();
			await run(n8n, ORDERS_ID);
			await run(n8n, SHIPMENTS_ID);
			expectOrdersSynced(systems, ELIGIBLE);
			for (const webOrder of ['000000101', '000000102', '000000105', '000000107'])
				expect(shipmentsOf(systems.magento, webOrder)).toHaveLength(1);
		});
	});
}
