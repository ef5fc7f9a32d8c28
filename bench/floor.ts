/**
 * Where a run's requests went and the latency floor it could not beat. Each request the
 * emulators logged is attributed to the node that was running when it arrived (n8n runs nodes
 * one after another; the stored execution gives every node run's start and duration, on the
 * same clock as the emulators). Per node:
 *
 *   floor = Σ (latency the emulator injected into each of its requests) ÷ concurrency
 *
 * where concurrency is the node's Concurrency option (default 4) for this package's nodes that
 * work on items, and 1 for list operations (`getMany`: pages one after another) and n8n's core
 * nodes (the HTTP Request node sends one item's request at a time). The run's floor is the sum
 * over the nodes; the template's ratio is its sync time over that floor.
 */
import type { StoredNodeRun } from '../test/e2e/n8n';
import type { RequestRecord } from '../test/emulators/latency';

export interface TimedRequest {
	system: 'sap' | 'magento' | 'sql';
	route: string;
	arrivedAt: number;
	endedAt: number;
	/** Latency the emulator injected (waiting for a session or a slot excluded). */
	latencyMs: number;
	/** Service Layer session number. */
	session?: number;
}

export interface NodeFloor {
	node: string;
	runs: number;
	/** Σ of the node's run durations (n8n's executionTime). */
	activeMs: number;
	requests: number;
	byRoute: Record<string, number>;
	/** Σ injected latency of its requests. */
	latencyMs: number;
	concurrency: number;
	floorMs: number;
	/** Distinct Service Layer sessions its SAP requests used. */
	sapSessions: number;
	/**
	 * With a Service Layer that serves one session's requests one at a time: the SAP part at
	 * min(concurrency, sessions), the rest as in `floorMs`.
	 */
	serialFloorMs: number;
}

export interface FloorReport {
	nodes: NodeFloor[];
	floorMs: number;
	serialFloorMs: number;
	/** Requests that arrived while no node was running (none expected). */
	unattributed: number;
}

export function fromLog(system: 'sap' | 'magento', log: readonly RequestRecord[]): TimedRequest[] {
	return log.map((r) => ({
		system,
		route: r.route,
		arrivedAt: r.arrivedAt,
		endedAt: r.endedAt,
		latencyMs: r.latencyMs,
		...(r.session !== undefined ? { session: r.session } : {}),
	}));
}

/** The concurrency a node works at (see the file comment). */
export function nodeConcurrency(node: { type?: string; parameters?: Record<string, any> }): number {
	if (!String(node.type ?? '').startsWith('n8n-nodes-sapb1-magento2.')) return 1;
	if (node.parameters?.operation === 'getMany') return 1;
	const c = Number(node.parameters?.options?.concurrency);
	return Number.isFinite(c) && c >= 1 ? Math.floor(c) : 4;
}

export function latencyFloor(
	runs: Record<string, StoredNodeRun[]>,
	workflowNodes: Array<{ name: string; type?: string; parameters?: Record<string, any> }>,
	requests: TimedRequest[],
): FloorReport {
	const intervals = Object.entries(runs)
		.flatMap(([node, list]) =>
			list.map((r) => ({ node, start: r.startTime, end: r.startTime + r.executionTime })),
		)
		.sort((a, b) => a.start - b.start);
	const perNode = new Map<string, { reqs: TimedRequest[] }>();
	let unattributed = 0;
	for (const req of requests) {
		// Last interval starting at or before the arrival (binary search), if it still runs then.
		let lo = 0;
		let hi = intervals.length - 1;
		let found = -1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (intervals[mid].start <= req.arrivedAt) {
				found = mid;
				lo = mid + 1;
			} else hi = mid - 1;
		}
		// n8n's times are whole milliseconds: allow the one it rounded away.
		const hit =
			found >= 0 && req.arrivedAt <= intervals[found].end + 1 ? intervals[found] : undefined;
		if (!hit) {
			unattributed++;
			continue;
		}
		const entry = perNode.get(hit.node) ?? { reqs: [] };
		entry.reqs.push(req);
		perNode.set(hit.node, entry);
	}
	const nodes: NodeFloor[] = [];
	for (const [node, list] of Object.entries(runs)) {
		const def = workflowNodes.find((n) => n.name === node) ?? { name: node };
		const reqs = perNode.get(node)?.reqs ?? [];
		const concurrency = nodeConcurrency(def);
		const byRoute: Record<string, number> = {};
		for (const r of reqs) {
			const key = `${r.system === 'sap' ? 'SAP' : r.system === 'sql' ? 'SQL' : 'Magento'} ${r.route}`;
			byRoute[key] = (byRoute[key] ?? 0) + 1;
		}
		const sap = reqs.filter((r) => r.system === 'sap');
		const other = reqs.filter((r) => r.system !== 'sap');
		const sum = (xs: TimedRequest[]) => xs.reduce((s, r) => s + r.latencyMs, 0);
		const sessions = new Set(sap.map((r) => r.session).filter((s) => s !== undefined)).size;
		const latencyMs = sum(reqs);
		const floorMs = latencyMs / concurrency;
		const serialFloorMs =
			sum(sap) / Math.max(1, Math.min(concurrency, sessions || concurrency)) +
			sum(other) / concurrency;
		nodes.push({
			node,
			runs: list.length,
			activeMs: list.reduce((s, r) => s + r.executionTime, 0),
			requests: reqs.length,
			byRoute,
			latencyMs,
			concurrency,
			floorMs,
			sapSessions: sessions,
			serialFloorMs,
		});
	}
	return {
		nodes,
		floorMs: nodes.reduce((s, n) => s + n.floorMs, 0),
		serialFloorMs: nodes.reduce((s, n) => s + n.serialFloorMs, 0),
		unattributed,
	};
}
