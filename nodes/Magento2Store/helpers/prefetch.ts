/**
 * Batched look-ups for Create Shipment: instead of one order search and one shipment list per
 * delivery, one `increment_id in (…)` / `entity_id in (…)` search per 100 orders and one
 * `order_id in (…)` shipment list for them, made after the orders are claimed (see guard.ts), so
 * the check is as fresh as a per-item check would be. An order that an earlier item of the run has
 * shipped is read again individually (its quantities and shipments have changed).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { chunk } from '../../shared/concurrency';
import type { MagentoClient } from '../transport/MagentoClient';
import type { MagentoOrder } from './orders';

export const PREFETCH_BATCH = 100;

/** An item's order reference as its parameters give it. */
export interface OrderRef {
	type: 'incrementId' | 'entityId';
	id: string;
}

export function orderRefOf(ctx: IExecuteFunctions, itemIndex: number): OrderRef | undefined {
	const type =
		ctx.getNodeParameter('orderIdType', itemIndex, 'incrementId') === 'entityId'
			? 'entityId'
			: 'incrementId';
	const id = String(ctx.getNodeParameter('orderId', itemIndex, '') ?? '').trim();
	if (!id || (type === 'entityId' && !/^\d+$/.test(id))) return undefined;
	return { type, id };
}

export const refKey = (ref: OrderRef) => `${ref.type}:${ref.id}`;

export class OrderPrefetch {
	/** Order reference key → the order (absent: not found in Magento). */
	private readonly orders = new Map<string, MagentoOrder>();

	/** Order entity id → its shipments, when listed. */
	private readonly shipments = new Map<number, IDataObject[]>();

	/** References looked up (found or not). */
	private readonly looked = new Set<string>();

	/** Orders changed by this run (shipped): to be read again. */
	private readonly stale = new Set<number>();

	constructor(private readonly client: MagentoClient) {}

	/** Looks these orders and their shipments up, 100 per request. */
	async load(refs: OrderRef[]): Promise<void> {
		const wanted = [...new Map(refs.map((r) => [refKey(r), r])).values()].filter(
			(r) => !this.looked.has(refKey(r)),
		);
		for (const type of ['incrementId', 'entityId'] as const) {
			const field = type === 'incrementId' ? 'increment_id' : 'entity_id';
			for (const batch of chunk(
				wanted.filter((r) => r.type === type),
				PREFETCH_BATCH,
			)) {
				const found = await this.client.search<MagentoOrder>(
					'/orders',
					{ filterGroups: [[{ field, value: batch.map((r) => r.id), conditionType: 'in' }]] },
					{ pageSize: PREFETCH_BATCH },
				);
				for (const order of found.items)
					this.orders.set(
						`${type}:${String(type === 'incrementId' ? order.increment_id : order.entity_id)}`,
						order,
					);
				for (const r of batch) this.looked.add(refKey(r));
			}
		}
		const entities = [
			...new Set(
				wanted
					.map((r) => this.orders.get(refKey(r))?.entity_id)
					.filter((e): e is number => e !== undefined),
			),
		];
		for (const batch of chunk(entities, PREFETCH_BATCH)) {
			const found = await this.client.search<IDataObject & { order_id: number }>(
				'/shipments',
				{ filterGroups: [[{ field: 'order_id', value: batch.map(String), conditionType: 'in' }]] },
				{ pageSize: 300 },
			);
			for (const entity of batch) this.shipments.set(entity, []);
			for (const s of found.items) this.shipments.get(Number(s.order_id))?.push(s);
		}
	}

	/** Whether the order of `ref` was looked up (and is still as read). */
	has(ref: OrderRef): boolean {
		if (!this.looked.has(refKey(ref))) return false;
		const order = this.orders.get(refKey(ref));
		return !order || !this.stale.has(order.entity_id);
	}

	/** The order (undefined: Magento has no such order). */
	order(ref: OrderRef): MagentoOrder | undefined {
		return this.orders.get(refKey(ref));
	}

	shipmentsOf(entityId: number): IDataObject[] | undefined {
		return this.shipments.get(entityId);
	}

	/** The run changed this order: later items read it again. */
	changed(entityId: number): void {
		this.stale.add(entityId);
	}
}
