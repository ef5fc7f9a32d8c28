/**
 * The guard against two runs shipping (or invoicing) the same order at the same time: before an
 * item looks at the order's shipments and posts a new one, it claims the order in a coordination
 * store shared by the runs (this n8n process's memory, or Redis for queue-mode workers), and gives
 * the claim up afterwards. A run that finds the order claimed waits for the claim to go (then its
 * check sees the other run's shipment); after `waitMs` it reports the item as failed, to be
 * retried. A claim of a run that died runs out after `ttlMs`.
 */
import { randomUUID } from 'node:crypto';
import { NodeOperationError, sleep, type IExecuteFunctions } from 'n8n-workflow';
import type { MagentoClient } from '../transport/MagentoClient';
import {
	KEY_PREFIX,
	openCoordination,
	type CoordinationKind,
	type CoordinationStore,
	type Holder,
} from '../../shared/coordination';

export const CLAIM_TTL_MS = 10 * 60_000;
export const GUARD_WAIT_MS = 60_000;
const POLL_MS = 100;

export class OrderGuard {
	private constructor(
		private readonly store: CoordinationStore,
		private readonly key: string,
		private readonly holder: Holder,
		private readonly waitMs: number,
	) {}

	/** The guard of one execution; `scope` names the store (URL and store code). */
	static async open(
		ctx: IExecuteFunctions,
		kind: CoordinationKind,
		scope: string,
		waitMs: number,
	): Promise<OrderGuard> {
		const store = await openCoordination(ctx, kind);
		// Unique per node run, so that two runs of one execution (or of tests) exclude each other too.
		const holder: Holder = {
			executionId: `${String(ctx.getExecutionId() ?? 'execution')}:${randomUUID()}`,
			since: new Date().toISOString(),
		};
		return new OrderGuard(store, `${KEY_PREFIX}:magento:${scope}:orders`, holder, waitMs);
	}

	get kind(): CoordinationKind {
		return this.store.kind;
	}

	/** Runs `work` while holding the claim on `order`. */
	async hold<T>(
		ctx: IExecuteFunctions,
		order: string,
		itemIndex: number,
		work: () => Promise<T>,
	): Promise<T> {
		const deadline = Date.now() + this.waitMs;
		for (;;) {
			const busy = await this.store.claim(
				this.key,
				[order],
				{ ...this.holder, since: new Date().toISOString() },
				CLAIM_TTL_MS,
			);
			const other = busy.get(order);
			if (!other) break;
			if (Date.now() >= deadline)
				throw new NodeOperationError(
					ctx.getNode(),
					`another run (execution ${other.executionId.split(':')[0]}, since ${other.since}) is working on this order`,
					{
						itemIndex,
						description:
							'Nothing was sent for this item; it fails so that the next run retries it, and then finds what the other run did.',
					},
				);
			await sleep(POLL_MS);
		}
		try {
			return await work();
		} finally {
			await this.store.unclaim(this.key, [order], this.holder);
		}
	}

	private renewedAt = 0;

	/** Claims these orders at once for the whole run; returns the ones it got (the others are busy). */
	async claimAll(orders: readonly string[]): Promise<Set<string>> {
		if (orders.length === 0) return new Set();
		const busy = await this.store.claim(
			this.key,
			orders,
			{ ...this.holder, since: new Date().toISOString() },
			CLAIM_TTL_MS,
		);
		this.renewedAt = Date.now();
		return new Set(orders.filter((o) => !busy.has(o)));
	}

	/** Extends the run's claims when a third of their time has passed (long runs). */
	async renew(claimed: ReadonlySet<string>): Promise<void> {
		if (claimed.size === 0 || Date.now() - this.renewedAt < CLAIM_TTL_MS / 3) return;
		this.renewedAt = Date.now();
		await this.store.claim(
			this.key,
			[...claimed],
			{ ...this.holder, since: new Date().toISOString() },
			CLAIM_TTL_MS,
		);
	}

	async releaseAll(claimed: ReadonlySet<string>): Promise<void> {
		if (claimed.size) await this.store.unclaim(this.key, [...claimed], this.holder);
	}

	async close(): Promise<void> {
		await this.store.close();
	}
}

/** `prepare` of the guarded operations: the guard for this execution. */
export async function openGuard(
	this: IExecuteFunctions,
	client: MagentoClient,
): Promise<OrderGuard> {
	const kind = this.getNodeParameter('coordination', 0, 'process') as CoordinationKind;
	return await OrderGuard.open(this, kind, client.scope, GUARD_WAIT_MS);
}

/** `release` of the guarded operations. */
export async function closeGuard(
	this: IExecuteFunctions,
	_client: MagentoClient,
	guard: OrderGuard | undefined,
): Promise<void> {
	await guard?.close();
}
