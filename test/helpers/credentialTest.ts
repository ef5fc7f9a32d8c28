/**
 * Runs a node's credential test function (`methods.credentialTest[name]`, declared with
 * `testedBy`) as n8n's credentials tester does: with n8n-core's CredentialTestContext, whose only
 * HTTP helper is the legacy `helpers.request`.
 */
import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import './n8n'; // n8n-core's instance settings (user folder, encryption key)

export async function runCredentialTest(
	node: INodeType,
	credentialType: string,
	data: IDataObject,
): Promise<INodeCredentialTestResult> {
	const testedBy = node.description.credentials?.find((c) => c.name === credentialType)?.testedBy;
	if (typeof testedBy !== 'string') throw new Error(`${credentialType} has no test function`);
	const test = node.methods?.credentialTest?.[testedBy];
	if (!test) throw new Error(`the node has no credential test ${testedBy}`);
	const context = new CredentialTestContext({} as IWorkflowExecuteAdditionalData);
	return await test.call(context as unknown as ICredentialTestFunctions, {
		id: 'test',
		name: 'Test',
		type: credentialType,
		data: data as never,
	});
}
