import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { CONNECTION_TEST_QUERY } from '../sources/sqlServer/queries';
import { describeSqlError, testConnection } from '../sources/sqlServer/session';

/** n8n's credential test for `sapB1SqlServerApi`: connect, run `SELECT 1`, close. */
export async function sapB1SqlServerConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as ICredentialDataDecryptedObject;
	try {
		await testConnection(data, CONNECTION_TEST_QUERY);
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const { message, description } = describeSqlError(error, data);
		return { status: 'Error', message: `${message}. ${description}` };
	}
}
