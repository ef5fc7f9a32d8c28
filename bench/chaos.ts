/**
 * Chaos benchmark: both templates in a real n8n against emulators that misbehave the way real
 * systems and the proxies in front of them do. Not a test: it prints counts and times.
 *
 *   npm run bench -- chaos [--orders 1000] [--runs 3] [--seed 1] [--out bench/results/chaos-<date>.json]
 *
 * SAP B1 Service Layer: 5 % HTTP 500, 2 % commit-then-drop on POST (the order is created, the answer
 * lost), session expiry every 50 requests, 1 % HTTP 429, 1 % HTML 200 (a proxy's page).
 * Magento 2: 5 % HTTP 503, 1 % HTML 200, 2 % commit-then-drop on ship (the shipment and its e-mail
 * are made, the answer lost).
 *
 * 1. N generated web orders; the orders template runs until every eligible order is in SAP, at
 *    most `--runs` times.
 * 2. N deliveries (with tracking numbers) are made in SAP for the created orders, as a warehouse
 *    would; the shipments template runs the same way.
 * Then it counts, from the emulators' state: web orders lost (not in SAP) and duplicated (more than
 * one live sales order), deliveries lost (no Magento shipment with their tracking number), shipments
 * duplicated (two with one tracking number) and extra e-mails (more than one per delivery), with the
 * runs needed and the time of each run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	N8nInstance,
	REPO_ROOT,
	ensureN8n,
	installPackage,
	type N8nInstall,
} from '../test/e2e/n8n';
import { SapClerk } from '../test/e2e/sapDeliveries';
import { credentialsFor, loadTemplate, setNodeParameters, type Systems } from '../test/e2e/systems';
import type { FaultPlan } from '../test/emulators/faults';
import { startMagento, type MagentoEmulator } from '../test/emulators/magento';
import { generateOrders, magentoSeed } from '../test/emulators/seed/magento';
import { sapSeed } from '../test/emulators/seed/sap';
import { startServiceLayer, type ServiceLayerEmulator } from '../test/emulators/serviceLayer';

const ORDERS_ID = 'sapb1SyncOrdersChain';
const SHIPMENTS_ID = 'sapb1ShipmentNotify';
const FIRST_ORDER_AT = '2026-10-01 00:00:00';
const log = (s: string) => process.stderr.write(`[chaos] ${s}\n`);

interface Options {
	orders: number;
	runs: number;
	seed: number;
	out: string;
}

function parseArgs(argv: string[]): Options {
	const arg = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0
			? argv[i + 1]
			: argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
	};
	const num = (name: string, dflt: number) => {
		const v = arg(name);
		const n = v === undefined ? dflt : Number(v);
		if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
		return n;
	};
	const date = new Date().toISOString().slice(0, 10);
	return {
		orders: num('orders', 1000),
		runs: num('runs', 3),
		seed: num('seed', 1),
		out: path.resolve(arg('out') ?? path.join(REPO_ROOT, 'bench', 'results', `chaos-${date}.json`)),
	};
}

export function sapChaos(seed: number): FaultPlan {
	return {
		seed,
		rules: [
			{ kind: 'status', status: 500, probability: 0.05 },
			{
				kind: 'commitThenDrop',
				method: 'POST',
				path: /\/(Orders|BusinessPartners)$/,
				probability: 0.02,
			},
			{ kind: 'sessionExpiry', every: 50 },
			{ kind: 'status', status: 429, probability: 0.01 },
			{ kind: 'html', status: 200, probability: 0.01 },
		],
	};
}

export function magentoChaos(seed: number): FaultPlan {
	return {
		seed,
		rules: [
			{ kind: 'status', status: 503, probability: 0.05 },
			{ kind: 'html', status: 200, probability: 0.01 },
			{ kind: 'commitThenDrop', method: 'POST', path: /\/ship$/, probability: 0.02 },
		],
	};
}

interface RunRecord {
	flow: 'orders' | 'shipments';
	run: number;
	seconds: number;
	exitCode: number;
}

function orderCounts(sl: ServiceLayerEmulator, eligible: string[]) {
	const live = new Map<string, number>();
	for (const doc of sl.state.Orders as Array<{ NumAtCard?: string; Cancelled?: string }>) {
		if (doc.Cancelled === 'tYES' || !doc.NumAtCard) continue;
		live.set(doc.NumAtCard, (live.get(doc.NumAtCard) ?? 0) + 1);
	}
	const lost = eligible.filter((w) => !live.has(w)).length;
	const duplicated = eligible.reduce((n, w) => n + Math.max(0, (live.get(w) ?? 0) - 1), 0);
	const cancelledDuplicates = (
		sl.state.Orders as Array<{ NumAtCard?: string; Cancelled?: string }>
	).filter((d) => d.Cancelled === 'tYES' && eligible.includes(String(d.NumAtCard))).length;
	return {
		eligible: eligible.length,
		inSap: eligible.length - lost,
		lost,
		duplicated,
		cancelledDuplicates,
	};
}

function shipmentCounts(magento: MagentoEmulator, tracking: string[]) {
	const shipments = new Map<string, number>();
	for (const s of magento.state.shipments)
		for (const t of s.tracks)
			shipments.set(t.track_number, (shipments.get(t.track_number) ?? 0) + 1);
	const emails = new Map<string, number>();
	for (const e of magento.state.emails.filter((x) => x.type === 'shipment'))
		for (const t of e.trackingNumbers ?? []) emails.set(t, (emails.get(t) ?? 0) + 1);
	return {
		deliveries: tracking.length,
		shipped: tracking.filter((t) => shipments.has(t)).length,
		lost: tracking.filter((t) => !shipments.has(t)).length,
		duplicated: tracking.reduce((n, t) => n + Math.max(0, (shipments.get(t) ?? 0) - 1), 0),
		extraEmails: tracking.reduce((n, t) => n + Math.max(0, (emails.get(t) ?? 0) - 1), 0),
		missingEmails: tracking.filter((t) => !emails.has(t)).length,
	};
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	process.env.N8N_E2E_QUIET = '1';
	log(
		`${opts.orders} orders and as many deliveries, up to ${opts.runs} runs per template, seed ${opts.seed}`,
	);
	const { nodeBin, n8nBin } = ensureN8n();
	const workDir = path.join(os.tmpdir(), `n8n-sapb1-chaos-${process.pid}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const nodesTemplate = installPackage(path.join(workDir, 'package'));
	const install: N8nInstall = { nodeBin, n8nBin, nodesTemplate };

	const generated = generateOrders(opts.orders, { from: FIRST_ORDER_AT });
	const sl = await startServiceLayer({ seed: sapSeed() });
	const magento = await startMagento({
		seed: { ...magentoSeed(), orders: generated.orders, invoices: generated.invoices },
	});
	const n8n = await N8nInstance.create(install, fs.mkdtempSync(path.join(workDir, 'n8n-')));
	const runs: RunRecord[] = [];
	try {
		const noSql = {
			host: '127.0.0.1',
			port: 1,
			config: { database: '-', user: '-', password: '-' },
		};
		await n8n.importCredentials(
			credentialsFor({ sl, magento, sql: noSql } as unknown as Systems).filter(
				(c) => c.type !== 'sapB1SqlServerApi',
			),
		);
		const orders = loadTemplate('sync-orders-chain.json');
		setNodeParameters(orders, 'Checkpoint: Start', {
			initialCursor: '2026-09-30 00:00:00',
			startOptions: { maxRecords: opts.orders },
		});
		await n8n.importWorkflow(orders);
		const shipments = loadTemplate('shipment-notification.json');
		setNodeParameters(shipments, 'Checkpoint: Start', {
			initialCursor: JSON.stringify({ date: '2020-01-01', time: '00:00:00', docEntry: 0 }),
			startOptions: { maxRecords: opts.orders },
		});
		await n8n.importWorkflow(shipments);

		const eligible = generated.orders.map((o) => o.increment_id);
		sl.setFaultPlan(sapChaos(opts.seed));
		magento.setFaultPlan(magentoChaos(opts.seed));
		for (let run = 1; run <= opts.runs; run++) {
			const started = Date.now();
			const result = await n8n.execute(ORDERS_ID);
			runs.push({
				flow: 'orders',
				run,
				seconds: (Date.now() - started) / 1000,
				exitCode: result.exitCode,
			});
			const counts = orderCounts(sl, eligible);
			log(
				`orders run ${run}: ${counts.inSap}/${counts.eligible} in SAP, ${counts.duplicated} duplicated (${runs.at(-1)!.seconds.toFixed(1)} s)`,
			);
			if (counts.lost === 0) break;
		}

		// A warehouse makes one delivery with a tracking number per created order (faults off meanwhile).
		const firedInOrders = { sap: sl.faults.fired.length, magento: magento.faults.fired.length };
		sl.setFaultPlan(undefined);
		magento.setFaultPlan(undefined);
		const clerk = new SapClerk(sl);
		const tracking: string[] = [];
		for (const [i, webOrder] of eligible.entries()) {
			if (
				!(sl.state.Orders as Array<{ NumAtCard?: string; Cancelled?: string }>).some(
					(o) => o.NumAtCard === webOrder && o.Cancelled !== 'tYES',
				)
			)
				continue;
			const track = `1ZCHAOS${String(i).padStart(6, '0')}`;
			await clerk.deliver({ webOrder, tracking: track, transportationCode: 1 + (i % 3) });
			tracking.push(track);
		}
		log(`${tracking.length} deliveries made in SAP`);
		sl.setFaultPlan(sapChaos(opts.seed + 1));
		magento.setFaultPlan(magentoChaos(opts.seed + 1));
		for (let run = 1; run <= opts.runs; run++) {
			const started = Date.now();
			const result = await n8n.execute(SHIPMENTS_ID);
			runs.push({
				flow: 'shipments',
				run,
				seconds: (Date.now() - started) / 1000,
				exitCode: result.exitCode,
			});
			const counts = shipmentCounts(magento, tracking);
			log(
				`shipments run ${run}: ${counts.shipped}/${counts.deliveries} shipped, ${counts.duplicated} duplicated, ${counts.extraEmails} extra e-mails (${runs.at(-1)!.seconds.toFixed(1)} s)`,
			);
			if (counts.lost === 0) break;
		}
		const firedSap = firedInOrders.sap + sl.faults.fired.length;
		const firedMagento = firedInOrders.magento + magento.faults.fired.length;
		sl.setFaultPlan(undefined);
		magento.setFaultPlan(undefined);

		const report = {
			benchmark: 'chaos',
			date: new Date().toISOString(),
			machine: {
				cpus: os.cpus().length,
				cpuModel: os.cpus()[0]?.model,
				memoryGb: Math.round(os.totalmem() / 2 ** 30),
			},
			n8n: process.env.N8N_VERSION ?? '2.41.1',
			faults: {
				sap: sapChaos(opts.seed).rules,
				magento: magentoChaos(opts.seed).rules,
				fired: { sap: firedSap, magento: firedMagento },
			},
			orders: {
				...orderCounts(sl, eligible),
				runsNeeded: runs.filter((r) => r.flow === 'orders').length,
			},
			shipments: {
				...shipmentCounts(magento, tracking),
				runsNeeded: runs.filter((r) => r.flow === 'shipments').length,
			},
			runs,
		};
		console.log(
			`\nchaos: ${opts.orders} orders, ${tracking.length} deliveries (faults fired: SAP ${firedSap}, Magento ${firedMagento})`,
		);
		console.log(
			`orders     lost ${report.orders.lost}, duplicated ${report.orders.duplicated} (racing duplicates cancelled: ${report.orders.cancelledDuplicates}), runs needed ${report.orders.runsNeeded}`,
		);
		console.log(
			`shipments  lost ${report.shipments.lost}, duplicated ${report.shipments.duplicated}, extra e-mails ${report.shipments.extraEmails}, missing e-mails ${report.shipments.missingEmails}, runs needed ${report.shipments.runsNeeded}`,
		);
		for (const r of runs)
			console.log(
				`  ${r.flow.padEnd(9)} run ${r.run}: ${r.seconds.toFixed(1)} s (n8n exit ${r.exitCode})`,
			);
		fs.mkdirSync(path.dirname(opts.out), { recursive: true });
		fs.writeFileSync(opts.out, JSON.stringify(report, null, 2) + '\n');
		console.log(`results written to ${path.relative(process.cwd(), opts.out)}`);
	} finally {
		n8n.dispose();
		await Promise.allSettled([sl.close(), magento.close()]);
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e);
	process.exitCode = 1;
});
