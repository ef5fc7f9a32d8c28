import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { FAIL_WHEN_DEFAULT, runAlert, type FailWhen } from '../../helpers/alert';
import { commitRun, DEFAULT_MAX_ATTEMPTS, type RunSummary } from '../../helpers/state';
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
				displayName: 'Fail Execution When',
				name: 'failWhen',
				type: 'options',
				options: [
					{
						name: 'Never',
						value: 'never',
						description:
							'The execution succeeds; failures and parked records are in the summary only',
					},
					{
						name: 'Records Are Parked',
						value: 'parked',
						description:
							'After saving the state, the execution fails while records are parked (every run until they are fixed or reset), so the Error Workflow runs',
					},
					{
						name: 'Any Record Failed or Is Parked',
						value: 'failed',
						description:
							'After saving the state, the execution fails when a record failed in this run or records are parked',
					},
				],
				default: FAIL_WHEN_DEFAULT,
				description:
					"Whether the execution ends as failed when the sync needs a human, so that n8n's Error Workflow (workflow settings) runs. The checkpoint is saved first.",
			},
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

/**
 * Closes the open run and outputs its summary. The new state is committed (and the lease given
 * up) in one atomic step, and only while this run still holds the checkpoint.
 */
export async function execute(
	this: IExecuteFunctions,
	store: CheckpointStore,
): Promise<IDataObject> {
	const { checkpoint } = store;
	const options = this.getNodeParameter('options', 0, {}) as {
		maxAttempts?: number;
		failWhen?: FailWhen;
	};
	const failWhen = options.failWhen ?? FAIL_WHEN_DEFAULT;
	const run = store.openRun();
	if (!run)
		throw new NodeOperationError(
			this.getNode(),
			`No run of checkpoint "${checkpoint}" is open: Start Run has not run`,
			{
				description:
					'Commit Run closes the run opened by a Start Run with the same Checkpoint Name in the same execution. Connect it straight from Start Run (second connection, placed below the processing branch, workflow setting execution order v1) and make sure it runs only once per run.',
			},
		);
	const { state: committed } = await store.loadCommitted();
	const { state: next, summary } = commitRun(
		{ ...committed, pending: run },
		{
			checkpoint,
			now: new Date().toISOString(),
			maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
		},
	);
	store.closeOpenRun();
	if (store.isEditorTestRun()) {
		// n8n keeps no static data after editor test runs: such a run never moves the checkpoint.
		if (run.lease) await store.coordination.release(store.key, run.lease.token);
		failIfNeeded(this, summary, failWhen, false);
		return {
			...summary,
			saved: false,
			note: 'Editor test run: the checkpoint was not changed (only scheduled, webhook and CLI runs move it).',
		} as unknown as IDataObject;
	}
	const outcome = await store.commit(run, next);
	if (!outcome.committed)
		throw new NodeOperationError(
			this.getNode(),
			`Checkpoint "${checkpoint}": this run's results were not saved: ${outcome.reason}`,
			{
				description:
					'The run went longer than the Lease Timeout, so the checkpoint may have moved on without it; saving its older view would lose what the other run recorded. Nothing is lost: the next run fetches these records again (the SAP and Magento nodes are idempotent). Raise the Lease Timeout on Start Run, or lower Max Records Per Run.',
			},
		);
	failIfNeeded(this, summary, failWhen, true);
	return summary as unknown as IDataObject;
}

/** Ends the execution as failed when the run needs a human (the state is saved by then). */
function failIfNeeded(
	ctx: IExecuteFunctions,
	summary: RunSummary,
	failWhen: FailWhen,
	saved: boolean,
): void {
	const alert = runAlert(summary, failWhen, saved);
	if (alert)
		throw new NodeOperationError(ctx.getNode(), alert.message, {
			description: alert.description,
			level: 'error',
		});
}
