/**
 * When a committed run needs a human: Commit Run's option "Fail Execution When" ends the execution
 * as failed (after the state is saved), so n8n's Error Workflow of the workflow runs.
 */
import type { RunSummary } from './state';

export type FailWhen = 'never' | 'parked' | 'failed';

export const FAIL_WHEN_DEFAULT: FailWhen = 'never';

const MAX_LISTED = 10;
const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The message (and a description with the details) when the run must fail the execution; else undefined. */
export function runAlert(
	summary: RunSummary,
	failWhen: FailWhen,
	saved: boolean,
): { message: string; description: string } | undefined {
	const parked = summary.parked;
	const failures = summary.failures.filter((f) => !f.parked);
	const alertParked = failWhen !== 'never' && parked.length > 0;
	const alertFailed = failWhen === 'failed' && failures.length > 0;
	if (!alertParked && !alertFailed) return undefined;
	const parts: string[] = [];
	if (alertParked) {
		const ids = parked.slice(0, MAX_LISTED).map((p) => p.id);
		parts.push(
			`${parked.length} record${parked.length === 1 ? '' : 's'} parked, no longer retried: ${ids.join(', ')}${parked.length > MAX_LISTED ? ', …' : ''}`,
		);
	}
	if (alertFailed) {
		const ids = failures.slice(0, MAX_LISTED).map((f) => f.id);
		parts.push(
			`${failures.length} record${failures.length === 1 ? '' : 's'} failed in this run (retried next run): ${ids.join(', ')}${failures.length > MAX_LISTED ? ', …' : ''}`,
		);
	}
	const lines = [
		...parked
			.slice(0, MAX_LISTED)
			.map((p) => `parked ${p.id} after ${p.attempts} attempts: ${clip(p.lastError)}`),
		...(alertFailed
			? failures
					.slice(0, MAX_LISTED)
					.map((f) => `failed ${f.id} (attempt ${f.attempts}): ${clip(f.error)}`)
			: []),
	];
	const counts = `Run ${summary.runId}: fetched ${summary.fetched}, succeeded ${summary.succeeded} (created ${summary.created}), failed ${summary.failed}, parked ${summary.parkedCount}; cursor ${JSON.stringify(summary.cursorBefore)} → ${JSON.stringify(summary.cursorAfter)}.`;
	const state = saved
		? 'The checkpoint state was saved: fix the cause (a parked record is fetched again once it changes at the source) or clear it with Reset.'
		: 'Editor test run: the checkpoint was not changed.';
	return {
		message: `Checkpoint "${summary.checkpoint}" needs attention: ${parts.join('; ')}`,
		description: [counts, ...lines, state].join('\n'),
	};
}
