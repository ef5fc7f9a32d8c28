import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { description as checkpointProperties } from './actions/checkpoint';
import { router } from './actions/router';
import { operationSubtitle } from '../shared/subtitle';
import { REDIS_CREDENTIAL, redisConnectionTest } from '../shared/coordination';

export class SyncCheckpoint implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Checkpoint',
		name: 'syncCheckpoint',
		icon: { light: 'file:syncCheckpoint.svg', dark: 'file:syncCheckpoint.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(checkpointProperties, {
			resources: false,
			suffix: ' + ": " + $parameter["checkpointName"]',
		}),
		description:
			"Cursor, retry list, parking and run summary for scheduled sync workflows, kept in the workflow's static data",
		defaults: { name: 'Sync Checkpoint' },
		inputs: [NodeConnectionTypes.Main],
		// Start Run has a second output, Skipped: the run found the checkpoint held by another run.
		outputs: `={{ $parameter.operation === "start" ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Run" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Skipped" }] : ["${NodeConnectionTypes.Main}"] }}`,
		usableAsTool: true,
		credentials: [
			{
				name: REDIS_CREDENTIAL,
				required: true,
				testedBy: 'redisConnectionTest',
				displayOptions: { show: { coordination: ['redis'] } },
			},
		],
		properties: checkpointProperties,
	};

	methods = { credentialTest: { redisConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
