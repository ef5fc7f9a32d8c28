/** Hold, Unhold and Cancel: POST /V1/orders/{id}/<action> → true. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { MagentoClient } from '../transport/MagentoClient';
import { loadOrder, type ItemRecord, type MagentoOrder } from './orders';

const TARGET_STATE: Record<string, (o: MagentoOrder) => boolean> = {
	hold: (o) => o.state === 'holded',
	unhold: (o) => o.state !== 'holded',
	cancel: (o) => o.state === 'canceled',
};

export async function orderAction(
	this: IExecuteFunctions,
	client: MagentoClient,
	itemIndex: number,
	record: ItemRecord,
	action: 'hold' | 'unhold' | 'cancel',
): Promise<IDataObject[]> {
	const order = await loadOrder.call(this, client, itemIndex, record);
	const reached = TARGET_STATE[action];
	const { result } = await client.write<boolean>({
		path: `/orders/${order.entity_id}/${action}`,
		expect: { kind: 'boolean' },
		// After a possibly committed attempt, look at the order instead of acting twice.
		recover: async () =>
			reached(await client.getOrder<MagentoOrder>(order.entity_id)) ? true : undefined,
	});
	const fresh = await client.getOrder<MagentoOrder>(order.entity_id);
	return [
		{
			success: result,
			orderId: order.entity_id,
			incrementId: order.increment_id,
			state: fresh.state,
			status: fresh.status,
		},
	];
}
