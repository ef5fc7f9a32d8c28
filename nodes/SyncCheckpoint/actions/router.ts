import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runOperation, type OperationTable } from '../../shared/runner';
import { CheckpointStore } from '../helpers/store';
import * as checkpoint from './checkpoint';

const operations: OperationTable<CheckpointStore> = {
	checkpoint: {
		start: checkpoint.start,
		record: checkpoint.record,
		commit: checkpoint.commit,
		reset: checkpoint.reset,
		get: checkpoint.get,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(
		this,
		operations,
		async () => {
			const store = await CheckpointStore.open(this);
			return { client: store, concurrency: 1, close: async () => await store.close() };
		},
		{},
		'checkpoint',
	);
}
