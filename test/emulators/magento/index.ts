/**
 * Emulated Magento 2 / Adobe Commerce REST API for tests and the demo. See server.ts for the options and
 * /work/shared/API-FACTS.md for the contract it follows.
 *
 *   const magento = await startMagento({ version: '2.4', bearerIntegrationTokens: true });
 *   axios.get(`${magento.url}/rest/default/V1/orders?searchCriteria[pageSize]=10`, { headers: { Authorization: `Bearer ${magento.credentials.bearerToken}` } });
 */
import type { FaultPlan, FiredFault } from '../faults';
import type { LatencyProfile, RequestRecord, SchedulingOptions } from '../latency';
import { magentoSeed } from '../seed/magento';
import { MagentoServer, type MagentoOptions } from './server';
import type { CatalogState } from './catalog';
import type { SalesState } from './sales';
import type { MagentoOrder, MagentoSeed } from './types';

export type { MagentoOptions } from './server';
export { DEFAULT_OPTIONS, formatDate } from './server';
export type { SalesState as MagentoState } from './sales';
export * from './types';
export type { LatencyProfile, RequestRecord, SchedulingOptions } from '../latency';
export type {
	CatalogSeed,
	CatalogState,
	MagentoProduct,
	MagentoSource,
	MagentoSourceItem,
	MagentoStockItem,
} from './catalog';

export interface StartMagentoOptions extends Partial<MagentoOptions> {
	seed?: MagentoSeed;
	faults?: FaultPlan;
	port?: number;
	/** The store's clock (timestamps of shipments, comments, updated_at, OAuth timestamp checks). */
	clock?: () => Date;
	/** Latency per route (test/emulators/latencyProfiles.ts); none by default. Kept by `reset()`. */
	latency?: LatencyProfile;
	/** At most this many requests in service at once (PHP-FPM workers); the others wait in arrival order. Unlimited by default. */
	maxConcurrentRequests?: number;
}

export interface MagentoEmulator {
	/** http://127.0.0.1:PORT — the store base URL; REST lives under `${url}/rest/<store>/V1/...`. */
	readonly url: string;
	readonly port: number;
	readonly credentials: {
		consumerKey: string;
		consumerSecret: string;
		accessToken: string;
		accessTokenSecret: string;
		/** The integration access token, for `Authorization: Bearer` (accepted only with bearerIntegrationTokens). */
		bearerToken: string;
		/** An admin token, always accepted as Bearer. */
		adminToken: string;
	};
	/** Live state (mutations by the server are visible here). Re-read after reset(). */
	readonly state: SalesState;
	/** Live catalogue: products, source items, stock items, prices and the rows written. Re-read after reset(). */
	readonly catalog: CatalogState;
	readonly stats: { total: number; byRoute: Record<string, number> };
	readonly faults: { readonly fired: FiredFault[] };
	readonly options: Readonly<MagentoOptions>;
	setFaultPlan(plan?: FaultPlan): void;
	setOptions(patch: Partial<MagentoOptions>): void;
	/**
	 * Every request served since start or `reset()`, in the order their answers left: route,
	 * latency class, arrival / start / end times (test/emulators/latency.ts).
	 */
	readonly requestLog: readonly RequestRecord[];
	/** Replace the latency profile (undefined = none). */
	setLatencyProfile(profile?: LatencyProfile): void;
	/** Replace the scheduling (`maxConcurrent`; `serialSessions` has no meaning here). */
	setScheduling(options: SchedulingOptions): void;
	/** By entity_id (number) or increment_id (string); moves updated_at to the clock's now unless the patch sets it. */
	updateOrder(
		ref: number | string,
		patch?: Partial<MagentoOrder> | ((o: MagentoOrder) => void),
	): MagentoOrder;
	/** updateOrder without changes: only updated_at moves. */
	touchOrder(ref: number | string): MagentoOrder;
	/** Order by increment id. */
	findOrder(incrementId: string): MagentoOrder | undefined;
	addOrders(orders: MagentoOrder[]): void;
	/** Back to the seed (or a new one): state, nonces, stats and request log; the fault plan is cleared (latency and scheduling stay). */
	reset(seed?: MagentoSeed): void;
	close(): Promise<void>;
}

export async function startMagento(options: StartMagentoOptions = {}): Promise<MagentoEmulator> {
	const { seed, faults, port, clock, latency, maxConcurrentRequests, ...rest } = options;
	const server = new MagentoServer(seed ?? magentoSeed(), rest, clock ?? (() => new Date()));
	if (faults) server.faults.setPlan(faults);
	server.timer.setProfile(latency);
	server.timer.setScheduling({ maxConcurrent: maxConcurrentRequests });
	const actualPort = await server.listen(port ?? 0);
	const url = `http://127.0.0.1:${actualPort}`;
	return {
		url,
		port: actualPort,
		get credentials() {
			return server.credentials;
		},
		get state() {
			return server.state;
		},
		get catalog() {
			return server.catalog;
		},
		get stats() {
			return server.stats;
		},
		get faults() {
			return server.faults;
		},
		get options() {
			return server.options;
		},
		setFaultPlan: (plan) => server.faults.setPlan(plan),
		setOptions: (patch) => {
			server.options = { ...server.options, ...patch };
		},
		get requestLog() {
			return server.timer.log;
		},
		setLatencyProfile: (profile) => server.timer.setProfile(profile),
		setScheduling: (scheduling) => server.timer.setScheduling(scheduling),
		updateOrder: (ref, patch) => server.updateOrder(ref, patch),
		touchOrder: (ref) => server.updateOrder(ref, {}),
		findOrder: (inc) => server.state.orders.find((o) => o.increment_id === inc),
		addOrders: (orders) => {
			server.state.orders.push(...orders);
		},
		reset: (s) => {
			server.reset(s);
			server.faults.setPlan(undefined);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.server.closeAllConnections?.();
				server.server.close(() => resolve());
			}),
	};
}
