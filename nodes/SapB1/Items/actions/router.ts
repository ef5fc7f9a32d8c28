import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OperationTable } from '../../../shared/runner';
import { runOnSource } from '../../shared/twoSources';
import { ServiceLayerItemSource } from '../sources/serviceLayer/source';
import { SqlServerItemSource } from '../sources/sqlServer/source';
import type { ItemSource } from '../sources/types';
import * as item from './item';

const operations: OperationTable<ItemSource> = {
	item: { get: item.get, getMany: item.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOnSource<ItemSource>(
		this,
		operations,
		{
			serviceLayer: (client, settings) => ({
				source: new ServiceLayerItemSource(client),
				concurrency: settings.concurrency,
			}),
			sqlServer: (session) => new SqlServerItemSource(session),
		},
		(record) => (record.itemCode !== undefined ? `Item ${String(record.itemCode)}` : 'Items'),
	);
}
