import type { INodeProperties } from 'n8n-workflow';
import { coordinationProperty } from '../../../shared/coordination';
import * as commit from './commit.operation';
import * as get from './get.operation';
import * as record from './record.operation';
import * as reset from './reset.operation';
import * as start from './start.operation';

export { commit, get, record, reset, start };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Commit Run',
				value: 'commit',
				description:
					'Close the run: move the cursor, update the retry and parked lists, output the run summary',
				action: 'Commit a sync run',
			},
			{
				name: 'Get State',
				value: 'get',
				description: 'Output the cursor, retry list, parked records and last run',
				action: 'Get the checkpoint state',
			},
			{
				name: 'Record',
				value: 'record',
				description: 'Note records as fetched, succeeded or failed (items pass through)',
				action: 'Record sync outcomes',
			},
			{
				name: 'Reset',
				value: 'reset',
				description: 'Clear parked records, the retry list, set the cursor, or clear everything',
				action: 'Reset the checkpoint',
			},
			{
				name: 'Start Run',
				value: 'start',
				description: 'Open a run: output the cursor to read from and the IDs to fetch again',
				action: 'Start a sync run',
			},
		],
		default: 'start',
	},
	{
		displayName: 'Checkpoint Name',
		name: 'checkpointName',
		type: 'string',
		required: true,
		default: 'orders',
		description:
			"Names the checkpoint; one workflow can keep several. Start Run, Record and Commit Run of one sync must use the same name. Kept in the workflow's static data, saved by n8n after scheduled and CLI (n8n execute) runs, not after manual test runs.",
	},
	coordinationProperty(
		'coordination',
		"Where the checkpoint's lease and state live, so that two runs of this sync never overlap: this n8n process (regular mode) or Redis (queue mode: every worker must see the same lease). Start Run, Record, Commit Run and Reset of one checkpoint must choose the same.",
	),
	...start.description,
	...record.description,
	...commit.description,
	...reset.description,
	...get.description,
];
