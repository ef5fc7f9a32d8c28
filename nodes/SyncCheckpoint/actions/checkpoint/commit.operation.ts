import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { commitRun, DEFAULT_MAX_ATTEMPTS } from '../../helpers/state';
import type { CheckpointStore } from '../../helpers/store';

const properties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_ATTEMPTS,
				description:
					'A record that has failed this many runs is parked: no longer retried, but reported in every run summary until it succeeds or is cleared with Reset',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['commit'] } }, properties);

/** Closes the open run and outputs its summary. */
export const once = true;

export async function execute(this: IExecuteFunctions, store: CheckpointStore): Promise<IDataObject> {
	const { checkpoint } = store;
	const options = this.getNodeParameter('options', 0, {}) as { maxAttempts?: number };
	const state = store.load();
	if (!state.pending)
		throw new NodeOperationError(this.getNode(), `No run of checkpoint "${checkpoint}" is open: Start Run has not run`, {
			description:
				'Commit Run closes the run opened by a Start Run with the same Checkpoint Name in the same execution. Connect it straight from Start Run (second connection, placed below the processing branch, workflow setting execution order v1) and make sure it runs only once per run.',
		});
	const { state: next, summary } = commitRun(state, {
		checkpoint,
		now: new Date().toISOString(),
		maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
	});
	store.save(next);
	return summary as unknown as IDataObject;
}
