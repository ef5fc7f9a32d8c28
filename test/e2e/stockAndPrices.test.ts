/**
 * Issue 13: the stock and prices template (workflows/stock-and-prices.json) in a real n8n with
 * the packed package: the first run puts every SAP stock level and price into Magento, a later
 * run sends only what changed in SAP, an unknown SKU is reported and retried without blocking
 * the others, both SAP sources reach the same state, and faults (5xx, dropped answers, session
 * expiry) end in the same state as a clean run.
 */
import type { MagentoEmulator } from '../emulators/magento';
import { nodeOutput, runError, type N8nInstance } from './n8n';
import { SapStockClerk, differences, sapTargets } from './sapStock';
import {
	loadTemplate,
	n8nWithCredentials,
	setNodeParameters,
	startSystems,
	type Systems,
} from './systems';

jest.setTimeout(600_000);

const ID = 'sapb1StockPrices';
const COMMIT = 'Checkpoint: Commit (Run Summary)';
const FETCH = 'SAP B1: Get Items';

async function importTemplate(n8n: N8nInstance, source: 'serviceLayer' | 'sqlServer') {
	const workflow = loadTemplate('stock-and-prices.json');
	if (source === 'sqlServer') {
		const fetch = workflow.nodes.find((n: any) => n.name === FETCH);
		fetch.parameters.source = 'sqlServer';
		fetch.credentials = { sapB1SqlServerApi: { id: 'sapb1SqlServer', name: 'SAP B1 SQL Server' } };
	}
	setNodeParameters(workflow, 'Checkpoint: Commit (Run Summary)', { options: { maxAttempts: 3 } });
	await n8n.importWorkflow(workflow);
}

async function run(n8n: N8nInstance) {
	const result = await n8n.execute(ID);
	expect(runError(result.run)).toBeUndefined();
	const summaries = nodeOutput(result.run, COMMIT);
	expect(summaries).toHaveLength(1);
	return { run: result.run, summary: summaries[0] };
}

/** Rows Magento saved since `mark`, as SKUs. */
function writtenSince(magento: MagentoEmulator, mark: { stock: number; prices: number }) {
	return {
		stock: magento.catalog.writes.sourceItems.slice(mark.stock).map((w) => w.sku),
		prices: magento.catalog.writes.basePrices.slice(mark.prices).map((w) => w.sku),
	};
}
const markOf = (magento: MagentoEmulator) => ({
	stock: magento.catalog.writes.sourceItems.length,
	prices: magento.catalog.writes.basePrices.length,
});

/** Active sales items in SAP (all fetched every run). */
const activeItems = (systems: Systems) =>
	systems.sl.state.Items.filter(
		(i) => i.Valid === 'tYES' && i.Frozen !== 'tYES' && i.SalesItem === 'tYES',
	).length;

describe('Template: stock and prices (SAP B1 → Magento 2), Service Layer source', () => {
	let systems: Systems;
	let n8n: N8nInstance;
	let clerk: SapStockClerk;

	beforeAll(async () => {
		systems = await startSystems();
		n8n = await n8nWithCredentials(systems);
		await importTemplate(n8n, 'serviceLayer');
		clerk = new SapStockClerk(systems.sl);
	});
	afterAll(async () => {
		n8n?.dispose();
		await systems?.close();
	});

	it('first run: every SAP stock level and price is in Magento; the unknown SKU fails alone', async () => {
		const mark = markOf(systems.magento);
		const { run: result, summary } = await run(n8n);
		expect(differences(systems.magento, sapTargets(systems.sl.state.Items))).toEqual([]);
		const written = writtenSince(systems.magento, mark);
		// Magento had 100 of each simple product: all of them differed; two prices were stale.
		expect(written.stock.length).toBeGreaterThanOrEqual(12);
		expect(written.prices.sort()).toEqual(['24-MB04', 'CAFÉ-CRÈME-250']);
		expect(summary).toMatchObject({ fetched: activeItems(systems), failed: 1 });
		expect(summary.failures).toEqual([
			expect.objectContaining({ id: 'GIFT-WRAP-01', attempts: 1, parked: false }),
		]);
		expect(summary.failures[0].error).toMatch(/GIFT-WRAP-01: no such product in Magento/);
		expect(summary.created).toBe(new Set([...written.stock, ...written.prices]).size);
		expect(summary.retryIds).toEqual(['GIFT-WRAP-01']);
		// Bulk: one request per 20 rows, not one per SKU.
		expect(systems.magento.stats.byRoute['POST /V1/inventory/source-items']).toBe(
			Math.ceil(written.stock.length / 20),
		);
		expect(
			systems.magento.stats.byRoute['PUT /V1/products/:sku/stockItems/:itemId'],
		).toBeUndefined();
		// Nothing is ever sent for the unknown SKU.
		expect(systems.magento.catalog.sourceItems.some((s) => s.sku === 'GIFT-WRAP-01')).toBe(false);
		// n8n keeps only the message on an error output item (the checkpoint reads the SKU by paired item).
		expect(nodeOutput(result, 'Magento 2: Update Stock', 1).map((e) => e.error)).toEqual([
			expect.stringMatching(/^SKU GIFT-WRAP-01: no such product in Magento/),
		]);
	});

	it('a run without changes in SAP writes nothing', async () => {
		const mark = markOf(systems.magento);
		const posts = systems.magento.stats.byRoute['POST /V1/inventory/source-items'];
		const { summary } = await run(n8n);
		expect(writtenSince(systems.magento, mark)).toEqual({ stock: [], prices: [] });
		expect(systems.magento.stats.byRoute['POST /V1/inventory/source-items']).toBe(posts);
		expect(summary).toMatchObject({ created: 0, failed: 1 });
		expect(summary.alreadyPresent).toBe(activeItems(systems) - 1);
		expect(summary.failures).toEqual([
			expect.objectContaining({ id: 'GIFT-WRAP-01', attempts: 2 }),
		]);
	});

	it('after a goods receipt, a goods issue and a price change in SAP, only those SKUs are sent', async () => {
		await clerk.moveStock('24-WB04', '02', 7);
		await clerk.moveStock('24-UG06', '01', -40);
		await clerk.setPrice('24-MB01', 1, 36.5);
		const mark = markOf(systems.magento);
		const { summary } = await run(n8n);
		expect(writtenSince(systems.magento, mark)).toEqual({
			stock: ['24-UG06', '24-WB04'],
			prices: ['24-MB01'],
		});
		expect(summary.created).toBe(3);
		expect(differences(systems.magento, sapTargets(systems.sl.state.Items))).toEqual([]);
		const wb04 = systems.magento.catalog.sourceItems.find((s) => s.sku === '24-WB04')!;
		expect(wb04.quantity).toBe(14 + 7);
	});

	it('the unknown SKU is parked after the configured attempts and succeeds once Magento has the product', async () => {
		// Failed in runs 1–3 (Max Attempts 3): parked, and still reported every run.
		const fourth = await run(n8n);
		expect(fourth.summary.retryIds).toEqual([]);
		expect(fourth.summary.parked).toEqual([expect.objectContaining({ id: 'GIFT-WRAP-01' })]);
		expect(fourth.summary.parked[0].attempts).toBeGreaterThanOrEqual(3);
		expect(fourth.summary.status).toBe('partial');
		systems.magento.catalog.products.push({
			id: 3001,
			sku: 'GIFT-WRAP-01',
			name: 'Gift wrap',
			type_id: 'simple',
			price: 1,
			status: 1,
			visibility: 4,
			attribute_set_id: 4,
			created_at: '2026-12-01 10:00:00',
			updated_at: '2026-12-01 10:00:00',
		});
		const mark = markOf(systems.magento);
		const { summary } = await run(n8n);
		expect(writtenSince(systems.magento, mark)).toEqual({
			stock: ['GIFT-WRAP-01'],
			prices: ['GIFT-WRAP-01'],
		});
		expect(summary).toMatchObject({ failed: 0, created: 1, parkedCount: 0, status: 'ok' });
		expect(summary.retryIds).toEqual([]);
	});
});

describe('Template: stock and prices, SQL Server source, and faults', () => {
	let systems: Systems;
	let n8n: N8nInstance;

	beforeAll(async () => {
		systems = await startSystems();
		n8n = await n8nWithCredentials(systems);
	});
	afterAll(async () => {
		n8n?.dispose();
		await systems?.close();
	});

	it('reads OITM / OITW / ITM1 and reaches the same state under SAP and Magento faults', async () => {
		await importTemplate(n8n, 'sqlServer');
		const clerk = new SapStockClerk(systems.sl);
		await clerk.moveStock('MH01-M-Gray', '02', 3);
		await systems.sql.loadSeed(systems.sl.state);
		systems.sql.setFaultPlan({
			rules: [{ kind: 'reset', method: 'RPC', path: /FROM next_items/, times: 1 }],
		});
		systems.magento.setFaultPlan({
			rules: [
				{ kind: 'status', status: 503, method: 'GET', path: '/inventory/source-items', times: 1 },
				{ kind: 'commitThenDrop', method: 'POST', path: '/inventory/source-items', times: 1 },
				{ kind: 'status', status: 502, method: 'POST', path: '/base-prices', times: 1 },
				{ kind: 'commitThenDrop', method: 'POST', path: '/products/base-prices', times: 1 },
				{ kind: 'status', status: 429, method: 'GET', path: '/V1/products', times: 1 },
			],
		});
		const { summary } = await run(n8n);
		expect(differences(systems.magento, sapTargets(systems.sl.state.Items))).toEqual([]);
		expect(summary.failures.map((f: any) => f.id)).toEqual(['GIFT-WRAP-01']);
		expect(systems.magento.faults.fired.map((f) => f.kind)).toEqual(
			expect.arrayContaining(['status', 'commitThenDrop']),
		);
		expect(systems.sql.faults.fired.length).toBeGreaterThan(0);

		// Clean again: nothing left to send.
		systems.sql.setFaultPlan();
		systems.magento.setFaultPlan();
		const mark = markOf(systems.magento);
		const again = await run(n8n);
		expect(writtenSince(systems.magento, mark)).toEqual({ stock: [], prices: [] });
		expect(again.summary.created).toBe(0);
	});

	it('through the Service Layer with an expired session and 5xx answers, the same state', async () => {
		const template = loadTemplate('stock-and-prices.json');
		template.id = 'sapb1StockPrice2';
		template.name = 'stock and prices (Service Layer)';
		await n8n.importWorkflow(template);
		const clerk = new SapStockClerk(systems.sl);
		await clerk.moveStock('24-WG088', '01', 11);
		await clerk.setPrice('24-WG084', 1, 5.75);
		systems.sl.setFaultPlan({
			rules: [
				{ kind: 'status', status: 503, emptyBody: true, method: 'GET', path: '/Items', times: 1 },
				{ kind: 'sessionExpiry', method: 'GET', path: '/Items', after: 1, times: 1 },
			],
		});
		systems.magento.setFaultPlan({
			rules: [
				{ kind: 'reset', method: 'POST', path: '/inventory/source-items', times: 1 },
				{ kind: 'status', status: 500, method: 'POST', path: '/base-prices-information', times: 1 },
			],
		});
		const mark = markOf(systems.magento);
		const result = await n8n.execute('sapb1StockPrice2');
		expect(runError(result.run)).toBeUndefined();
		expect(differences(systems.magento, sapTargets(systems.sl.state.Items))).toEqual([]);
		const written = writtenSince(systems.magento, mark);
		expect([...new Set(written.stock)]).toEqual(['24-WG088']);
		expect([...new Set(written.prices)]).toEqual(['24-WG084']);
		expect(systems.sl.faults.fired.map((f) => f.kind)).toEqual(
			expect.arrayContaining(['status', 'sessionExpiry']),
		);
	});
});
