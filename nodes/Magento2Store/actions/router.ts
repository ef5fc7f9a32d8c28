import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { connectionSettingsOf } from '../../shared/properties';
import { runOperation, type ErrorPolicy, type OperationTable } from '../../shared/runner';
import { magentoApiError } from '../transport/errors';
import { MagentoClient, MagentoError } from '../transport/MagentoClient';
import * as customApiCall from './customApiCall/call.operation';
import * as invoice from './invoice';
import * as order from './order';
import * as price from './price';
import * as shipment from './shipment';
import * as sourceItem from './sourceItem';
import * as stockItem from './stockItem';

const operations: OperationTable<MagentoClient> = {
	order: {
		addComment: order.addComment,
		cancel: order.cancel,
		get: order.get,
		getMany: order.getMany,
		hold: order.hold,
		unhold: order.unhold,
	},
	shipment: { create: shipment.create, getMany: shipment.getMany },
	invoice: { create: invoice.create },
	[customApiCall.RESOURCE]: { call: customApiCall },
	sourceItem: { update: sourceItem.update },
	stockItem: { update: stockItem.update },
	price: { updateBase: price.updateBase, updateSpecial: price.updateSpecial },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings = connectionSettingsOf(this, { timeoutMs: 30_000 });
	let authType: string | undefined;
	const errors: ErrorPolicy = {
		subjectOf: (record) =>
			record.incrementId
				? `Order ${String(record.incrementId)}`
				: record.orderId !== undefined
					? `Order (entity ID ${String(record.orderId)})`
					: record.sku !== undefined
						? `SKU ${String(record.sku)}`
						: undefined,
		convert: (ctx, error, itemIndex) =>
			error instanceof MagentoError
				? magentoApiError(ctx.getNode(), error.failure, { itemIndex, authType })
				: undefined,
		describeInItem: true,
	};
	return await runOperation(
		this,
		operations,
		async () => {
			const client = await MagentoClient.create(this, settings);
			authType = client.authType;
			return { client, concurrency: settings.concurrency };
		},
		errors,
	);
}
