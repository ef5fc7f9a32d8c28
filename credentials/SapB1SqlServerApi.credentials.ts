import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Direct read access to the SAP Business One company database on Microsoft SQL Server.
 * Tested by the SAP B1 Shipments node (`methods.credentialTest.sapB1SqlServerConnectionTest`):
 * n8n runs a node's credential test for credentials without a declarative HTTP test.
 */
export class SapB1SqlServerApi implements ICredentialType {
	name = 'sapB1SqlServerApi';

	displayName = 'SAP B1 SQL Server API';

	icon: Icon = { light: 'file:icons/sqlserver.svg', dark: 'file:icons/sqlserver.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-sapb1-magento2/n8n-nodes-sapb1-magento2#sap-b1-sql-server-credential';

	properties: INodeProperties[] = [
		{
			displayName:
				'Read-only use: create a SQL login that is a member of db_datareader on the company database only. The nodes never write to the SAP database (SAP does not support direct writes).',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Server',
			name: 'server',
			type: 'string',
			default: '',
			placeholder: 'b1server or b1server\\SQLEXPRESS',
			description:
				'Host name or IP address of the SQL Server that holds the SAP B1 company database',
			required: true,
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 1433,
		},
		{
			displayName: 'Company Database',
			name: 'database',
			type: 'string',
			default: '',
			placeholder: 'SBODEMOUS',
			description: 'The SAP B1 company database (not SBO-COMMON)',
			required: true,
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			placeholder: 'n8n_reader',
			description: 'A read-only SQL login (db_datareader on the company database)',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Encrypt Connection',
			name: 'encrypt',
			type: 'boolean',
			default: true,
			description: 'Whether to encrypt the connection with TLS',
		},
		{
			displayName: 'Trust Server Certificate (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to accept a server certificate that cannot be verified (self-signed). Prefer installing a trusted certificate on the SQL Server.',
		},
		{
			displayName: 'Connection Timeout (Ms)',
			name: 'connectionTimeout',
			type: 'number',
			default: 15000,
			description: 'How long to wait for the connection and login, in milliseconds',
		},
	];
}
