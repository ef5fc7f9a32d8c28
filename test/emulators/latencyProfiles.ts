/**
 * Latency profiles for the emulators (see ./latency.ts), used by the benchmarks. Every figure
 * and its source is listed in bench/README.md ("Latency profiles"); the bracketed keys below
 * name them. Figures are per request on an unloaded server; load is modelled by the scheduler
 * (a cap of concurrent requests), not by stretching the latencies.
 */
import type { FaultPlan } from './faults';
import type { LatencyProfile, SchedulingOptions } from './latency';

/** Every request takes `ms` (no jitter): the profile of the earlier benchmarks, for comparison. */
export function flatProfile(ms = 20): LatencyProfile {
	return { name: `flat ${ms} ms`, classes: [{ name: 'flat', minMs: ms, maxMs: ms }] };
}

/**
 * SAP Business One Service Layer. [SAP-PERF] SAP's own performance test (order with 20 lines →
 * delivery → invoice, one session per concurrent user): average responses order 1.3–7.8 s,
 * delivery 3.6–18.9 s, invoice 3.1–13.9 s under 20–60 concurrent requests; throughput at
 * saturation works out at about 0.75 Service Layer core-seconds per document (6.7 tps × 3
 * documents on 15 cores, 0.9 tps × 3 on 2 cores), the order being the lightest (1.3 of 8.0 s in
 * the best row), about 0.4 s for 20 lines. [SAP-LEARN] logins and documents with many lines are
 * the resource-intensive requests; request type and line count drive the cost. [B1SLAYER-31]
 * a user reports 3–8 s logins. GETs: no published figure [ASSUMED].
 */
export function realisticServiceLayer(seed = 1): LatencyProfile {
	return {
		name: 'realistic (Service Layer)',
		seed,
		classes: [
			{ name: 'login', route: 'POST Login', minMs: 1000, maxMs: 3000 },
			{ name: 'logout', route: 'POST Logout', minMs: 20, maxMs: 60 },
			{
				name: 'order create',
				route: /^POST (Orders|Quotations|PurchaseOrders)$/,
				minMs: 300,
				maxMs: 500,
				perLineMs: 15,
			},
			{
				name: 'delivery create',
				route: /^POST (DeliveryNotes|Returns)$/,
				minMs: 800,
				maxMs: 1400,
				perLineMs: 40,
			},
			{
				name: 'invoice create',
				route: /^POST (Invoices|CreditNotes|DownPayments)$/,
				minMs: 700,
				maxMs: 1200,
				perLineMs: 35,
			},
			{
				name: 'document preview',
				route: /^POST \w+Service_Preview$/,
				minMs: 200,
				maxMs: 400,
				perLineMs: 10,
			},
			{ name: 'master data create', route: /^POST \w+$/, minMs: 200, maxMs: 500 },
			{ name: 'update', route: /^PATCH /, minMs: 200, maxMs: 500, perLineMs: 10 },
			{ name: 'action', route: /^POST \w+\/\w+$/, minMs: 200, maxMs: 500 },
			{ name: 'count', route: /\/\$count$/, minMs: 30, maxMs: 80 },
			{ name: 'read', route: /^GET /, minMs: 30, maxMs: 100, perResultMs: 2 },
			{ name: 'other', minMs: 30, maxMs: 100 },
		],
	};
}

/**
 * [SAP-PERF] "Increasing the number of concurrent requests will gradually increase tps, but
 * will reach the limit at 40 concurrent requests": modelled as at most 40 requests in service.
 */
export const REALISTIC_SL_SCHEDULING: SchedulingOptions = { maxConcurrent: 40 };

/**
 * Magento 2 / Adobe Commerce REST. [ADOBE-BENCH] Adobe's benchmark: API requests averaging
 * 300 ms. [ADOBE-CPU] one CPU core serves about 2–4 uncached requests per second, i.e.
 * 250–500 ms of work each. [REST-GQL] single resource by URL 95 ms, relational / grid loads
 * 665 ms (REST, 2.4.9, 50 000 SKUs). Searches grow with the page they return; ship and invoice
 * with the items they carry [ASSUMED: the per-item costs].
 */
export function realisticMagento(seed = 2): LatencyProfile {
	return {
		name: 'realistic (Magento)',
		seed,
		classes: [
			{
				name: 'order search',
				route: 'GET /V1/orders',
				minMs: 150,
				maxMs: 350,
				perResultMs: 3,
			},
			{ name: 'order read', route: /^GET \/V1\/orders\/:id(\/comments)?$/, minMs: 80, maxMs: 200 },
			{ name: 'comment', route: 'POST /V1/orders/:id/comments', minMs: 150, maxMs: 350 },
			{
				name: 'ship',
				route: 'POST /V1/order/:id/ship',
				minMs: 250,
				maxMs: 500,
				perLineMs: 20,
			},
			{
				name: 'invoice',
				route: 'POST /V1/order/:id/invoice',
				minMs: 250,
				maxMs: 500,
				perLineMs: 20,
			},
			{
				name: 'document search',
				route: /^GET \/V1\/(shipments|invoices)$/,
				minMs: 100,
				maxMs: 250,
				perResultMs: 2,
			},
			{
				name: 'document read',
				route: /^GET \/V1\/(shipment|invoices)\/:id$/,
				minMs: 80,
				maxMs: 200,
			},
			{ name: 'order action', route: /^POST \/V1\/orders\/:id\/\w+$/, minMs: 150, maxMs: 350 },
			{ name: 'store views', route: 'GET /V1/store/storeViews', minMs: 50, maxMs: 150 },
			{ name: 'other', minMs: 100, maxMs: 300 },
		],
	};
}

/** SQL Server (the TDS emulator's fault plan): every query 10–40 ms [ASSUMED], logins 50–150 ms. */
export function realisticSqlServer(seed = 3): FaultPlan {
	return {
		seed,
		rules: [
			{ kind: 'latency', method: 'LOGIN', latencyMs: 50, maxLatencyMs: 150 },
			{ kind: 'latency', method: 'RPC', latencyMs: 10, maxLatencyMs: 40 },
			{ kind: 'latency', method: 'BATCH', latencyMs: 10, maxLatencyMs: 40 },
		],
	};
}

/** SQL Server with every query and login taking `ms`. */
export function flatSqlServer(ms = 20): FaultPlan {
	return { rules: [{ kind: 'latency', latencyMs: ms }] };
}

/** The same classes with every figure multiplied by `factor` (fast tests and quick runs). */
export function scaledProfile(profile: LatencyProfile, factor: number): LatencyProfile {
	return {
		...profile,
		name: `${profile.name} × ${factor}`,
		classes: profile.classes.map((c) => ({
			...c,
			minMs: c.minMs * factor,
			maxMs: c.maxMs * factor,
			...(c.perLineMs !== undefined ? { perLineMs: c.perLineMs * factor } : {}),
			...(c.perResultMs !== undefined ? { perResultMs: c.perResultMs * factor } : {}),
		})),
	};
}
