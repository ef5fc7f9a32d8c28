/**
 * Runs our nodes in n8n-core's real execution context, for node tests over real HTTP / TDS.
 *
 * Parameters (defaults and displayOptions as n8n stores a node, `={{ … }}` expressions, resource
 * locators), `helpers.httpRequest` and `helpers.httpRequestWithAuthentication` (preAuthentication
 * when the expirable field is empty, refresh and retry once after a 401, NodeApiError wrapping)
 * are n8n-core's and n8n-workflow's own code:
 * - `runNode` builds a workflow "Input" → node under test, with the input items as Input's run
 *   data (so `$json`, `$input`, `$('Input')` and paired items resolve), and runs the node with
 *   `WorkflowExecute.runNode`, the per-node step of a real execution (errors are thrown as is).
 * - `loadOptionsContext` is n8n-core's LoadOptionsContext; `testCredential` runs a credential's
 *   test request with n8n-core's RoutingNode, as n8n's credentials tester does.
 * What n8n's CLI would supply is here, small: `TestCredentialsHelper` (credentials from an
 * in-memory store, into which preAuthentication results are written back as n8n writes them to
 * its database) and a minimal `additionalData`. `http` lists each request of a call (method, URL
 * with query, status), read off the axios instance that n8n-core's HTTP client uses.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExecuteContext, LoadOptionsContext, RoutingNode, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	Workflow,
	createRunExecutionData,
	deepCopy,
	type ICredentialDataDecryptedObject,
	type ICredentialsExpressionResolveValues,
	type ICredentialType,
	type ICredentials,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
	type WorkflowParameters,
} from 'n8n-workflow';

/** Credential data by credential type name; preAuthentication results are written back into it. */
export type CredentialStore = Record<string, IDataObject>;

export interface HttpLogEntry {
	method: string;
	url: string;
	status?: number;
}

export interface RunOptions {
	/** As stored in a workflow: values, `={{ … }}` expressions, resource locators. */
	parameters: IDataObject;
	/** Input items: JSON objects or INodeExecutionData (paired with their index unless given). */
	items?: IDataObject[] | INodeExecutionData[];
	credentials?: CredentialStore;
	credentialTypes?: ICredentialType[];
	/** The node's setting On Error → Continue. */
	continueOnFail?: boolean;
	/** The workflow's static data: pass an object and read it back after the run. */
	staticData?: IDataObject;
	nodeName?: string;
	typeVersion?: number;
	/** The execution's id (default 'test-execution'): give concurrent runs their own. */
	executionId?: string;
	/** The execution mode (default 'trigger'; 'manual' is an editor test run). */
	mode?: WorkflowExecuteMode;
	/** The workflow's id (default 'test-workflow'). */
	workflowId?: string;
}

export interface RunResult {
	outputs: INodeExecutionData[][];
	/** First output's JSON, for convenience. */
	json: IDataObject[];
	http: HttpLogEntry[];
	staticData: IDataObject;
}

const PACKAGE = 'n8n-nodes-sapb1-magento2';

// n8n-core's instance settings live in a user folder: a shared temp folder with a fixed key,
// written atomically so that parallel jest workers never read a half-written file.
process.env.N8N_USER_FOLDER = path.join(os.tmpdir(), `${PACKAGE}-n8n-core`);
process.env.N8N_ENCRYPTION_KEY = 'node-tests-only';
process.env.N8N_LOG_LEVEL ??= 'error';
const settingsFile = path.join(process.env.N8N_USER_FOLDER, '.n8n', 'config');
if (!existsSync(settingsFile)) {
	mkdirSync(path.dirname(settingsFile), { recursive: true });
	writeFileSync(
		`${settingsFile}.${process.pid}`,
		JSON.stringify({ encryptionKey: process.env.N8N_ENCRYPTION_KEY }),
	);
	renameSync(`${settingsFile}.${process.pid}`, settingsFile);
}

// ---- The HTTP log: interceptors on the axios that n8n-core's HTTP client (@n8n/backend-network) uses

const httpLog = new AsyncLocalStorage<HttpLogEntry[]>();
const ENTRY = Symbol('httpLogEntry');
type Logged = { [ENTRY]?: HttpLogEntry };

const coreAxios: typeof import('axios').default = (() => {
	const network = path.dirname(
		require.resolve('@n8n/backend-network', { paths: [path.dirname(require.resolve('n8n-core'))] }),
	);
	const axios = require(require.resolve('axios', { paths: [network] }));
	return axios.default ?? axios;
})();
coreAxios.interceptors.request.use((config) => {
	const entry = {
		method: String(config.method ?? 'GET').toUpperCase(),
		url: coreAxios.getUri(config),
	};
	(config as Logged)[ENTRY] = entry;
	httpLog.getStore()?.push(entry);
	return config;
});
coreAxios.interceptors.response.use(
	(response) => {
		const entry = (response.config as Logged)[ENTRY];
		if (entry) entry.status = response.status;
		return response;
	},
	(error) => {
		const entry = (error?.config as Logged | undefined)?.[ENTRY];
		if (entry) entry.status = error.response?.status;
		return Promise.reject(error);
	},
);

// ---- What n8n's CLI supplies ---------------------------------------------------------------

/**
 * ICredentialsHelper over an in-memory store, following n8n's CLI (packages/cli credentials-helper):
 * - `getDecrypted`: the stored data with the credential's defaults (honouring displayOptions) and
 *   expressions resolved;
 * - `preAuthentication`: n8n-core calls it before each authenticated request and again with
 *   `credentialsExpired` after a 401. It runs the credential's preAuthentication when the hidden
 *   expirable field is empty, when expired, or in a credential test, and persists the result
 *   (`updateCredentials`), so that later runs reuse the session;
 * - `authenticate`: the credential's authenticate function.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly store: CredentialStore,
		private readonly types: ICredentialType[],
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.types.find((t) => t.name === name);
		if (!type)
			throw new UnexpectedError(`Unknown credential type "${name}" (pass it in credentialTypes)`);
		return type;
	}

	getParentTypes(name: string): string[] {
		return (this.types.find((t) => t.name === name)?.extends ?? []).flatMap((p) => [
			p,
			...this.getParentTypes(p),
		]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(name: string) {
		return this.type(name).properties;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	) {
		const { authenticate } = this.type(typeName);
		if (authenticate && typeof authenticate !== 'function')
			throw new UnexpectedError('Declarative authenticate is not supported here');
		return authenticate
			? await authenticate(credentials, requestOptions as IHttpRequestOptions)
			: (requestOptions as IHttpRequestOptions);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	) {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		const isCredentialTest = node.parameters?.temp === '' && node.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isCredentialTest)
			return undefined;
		// n8n hands preAuthentication nothing but httpRequest
		const output = await type.preAuthentication.call(
			{ helpers: { httpRequest: helpers.helpers.httpRequest } },
			credentials,
		);
		if (output[expirable.name] === undefined || !node.credentials) return undefined;
		await this.updateCredentials(
			node.credentials[typeName],
			typeName,
			output as ICredentialDataDecryptedObject,
		);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	) {
		const { preAuthentication } = this.type(typeName);
		return typeof preAuthentication === 'function'
			? ((await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject)
			: undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new UnexpectedError('Encrypted credentials are not used in node tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		resolve?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store[typeName];
		if (!stored)
			throw new UnexpectedError(`No "${typeName}" credentials in the test's credential store`);
		if (raw) return deepCopy(stored) as ICredentialDataDecryptedObject;
		const data = this.withDefaults(typeName, stored);
		if (!resolve) return data;
		const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = resolve;
		const resolved = workflow.expression.getParameterValue(
			data as INodeParameters,
			runExecutionData,
			runIndex,
			itemIndex,
			node.name,
			connectionInputData,
			mode,
			{},
			executeData,
			false,
			data,
		);
		return resolved as ICredentialDataDecryptedObject;
	}

	withDefaults(typeName: string, data: IDataObject): ICredentialDataDecryptedObject {
		return NodeHelpers.getNodeParameters(
			this.type(typeName).properties,
			deepCopy(data) as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}

	/** n8n saves the data to its database; here it goes into the store object the test holds. */
	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		data: ICredentialDataDecryptedObject,
	) {
		Object.assign((this.store[typeName] ??= {}), data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		data: ICredentialDataDecryptedObject,
	) {
		await this.updateCredentials(nodeCredentials, typeName, {
			oauthTokenData: data.oauthTokenData,
		});
	}
}

const unavailable = (what: string) => async () => {
	throw new UnexpectedError(`${what} is not available in node tests`);
};

function additionalData(
	credentials: CredentialStore,
	types: ICredentialType[],
	currentNodeParameters?: INodeParameters,
	executionId = 'test-execution',
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	return {
		credentialsHelper: new TestCredentialsHelper(credentials, types),
		currentNodeParameters,
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		...Object.fromEntries(
			['form', 'webhook', 'mcp'].flatMap((k) => [
				[`${k}BaseUrl`, `${base}/${k}`],
				[`${k}TestBaseUrl`, `${base}/${k}-test`],
				[`${k}WaitingBaseUrl`, `${base}/${k}-waiting`],
			]),
		),
		executeWorkflow: unavailable('executeWorkflow'),
		getRunExecutionData: unavailable('getRunExecutionData'),
		getRuntimeCredential: unavailable('getRuntimeCredential'),
		startRunnerTask: unavailable('startRunnerTask'),
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A node type with no parameters (the Input node, or a stand-in node for load options and credential tests). */
function plainNodeType(name: string, extra: Partial<INodeTypeDescription> = {}): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
			...extra,
		},
	};
}

/** A workflow of `nodes`, whose node types are `types`; n8n adds the parameters' defaults here. */
function workflowOf(
	nodes: INode[],
	types: Record<string, INodeType>,
	extra: Partial<WorkflowParameters> = {},
): Workflow {
	const nodeTypes = {
		getByName: (name: string) => types[name],
		getByNameAndVersion: (name: string, version?: number) =>
			NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	};
	return new Workflow({
		id: 'test-workflow',
		name: 'Node test',
		nodes,
		connections: {},
		active: false,
		nodeTypes,
		...extra,
	});
}

function credentialRefs(store: CredentialStore): INode['credentials'] {
	return Object.fromEntries(Object.keys(store).map((type) => [type, { id: type, name: type }]));
}

function toItems(items: RunOptions['items']): INodeExecutionData[] {
	return (items ?? [{}]).map((item, index) =>
		item && typeof item === 'object' && 'json' in item && typeof item.json === 'object'
			? { pairedItem: { item: index }, ...(item as INodeExecutionData) }
			: { json: item as IDataObject, pairedItem: { item: index } },
	);
}

// ---- The interface for the node tests --------------------------------------------------------

/** Runs `nodeType` once in an execution (production 'trigger' mode unless `mode` says otherwise), on `items` from the node "Input". */
export async function runNode(nodeType: INodeType, options: RunOptions): Promise<RunResult> {
	const { description } = nodeType;
	const credentials = options.credentials ?? {};
	const type = `${PACKAGE}.${description.name}`;
	const name = options.nodeName ?? description.defaults.name ?? description.displayName;
	const node: INode = {
		id: 'test-node',
		name,
		type,
		typeVersion:
			options.typeVersion ??
			(Array.isArray(description.version) ? Math.max(...description.version) : description.version),
		position: [200, 0],
		parameters: deepCopy(options.parameters) as INodeParameters,
		credentials: credentialRefs(credentials),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const input: INode = {
		id: 'input',
		name: 'Input',
		type: 'input',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const staticData = options.staticData ?? {};
	const workflow = workflowOf(
		[input, node],
		{ [type]: nodeType, input: plainNodeType('Input', { inputs: [] }) },
		{
			...(options.workflowId ? { id: options.workflowId } : {}),
			connections: { Input: { main: [[{ node: name, type: 'main', index: 0 }]] } },
			active: true,
			staticData,
			settings: { timezone: 'UTC' },
		},
	);
	const items = toItems(options.items);
	const runExecutionData = createRunExecutionData({
		resultData: {
			runData: {
				Input: [
					{
						startTime: 0,
						executionTime: 0,
						executionIndex: 0,
						source: [],
						data: { main: [items] },
					},
				],
			},
			lastNodeExecuted: 'Input',
		},
	});
	const executeData: IExecuteData = {
		node: workflow.getNode(name)!,
		data: { main: [items] },
		source: { main: [{ previousNode: 'Input', previousNodeOutput: 0, previousNodeRun: 0 }] },
	};
	const data = additionalData(
		credentials,
		options.credentialTypes ?? [],
		undefined,
		options.executionId,
	);
	const mode = options.mode ?? 'trigger';
	const http: HttpLogEntry[] = [];
	const result = await httpLog.run(http, () =>
		new WorkflowExecute(data, mode, runExecutionData).runNode(
			workflow,
			executeData,
			runExecutionData,
			0,
			data,
			mode,
		),
	);
	const outputs = ('data' in result ? (result.data ?? []) : []) as INodeExecutionData[][];
	return { outputs, json: (outputs[0] ?? []).map((i) => i.json), http, staticData };
}

/**
 * n8n-core's context for `methods.loadOptions` / `methods.listSearch`, as n8n builds it for a node
 * being edited (`currentParameters`); `http` logs the requests made through its helpers.
 */
export function loadOptionsContext(
	credentials: CredentialStore,
	credentialTypes: ICredentialType[],
	currentParameters: IDataObject = {},
) {
	const nodeType = plainNodeType('loadOptions', {
		credentials: credentialTypes.map((t) => ({ name: t.name, required: true })),
	});
	const parameters = deepCopy(currentParameters) as INodeParameters;
	const node: INode = {
		id: 'lo',
		name: 'Load Options',
		type: 'loadOptions',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: credentialRefs(credentials),
	};
	const workflow = workflowOf([node], { loadOptions: nodeType });
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData(credentials, credentialTypes, parameters),
		'parameters',
	);
	const http: HttpLogEntry[] = [];
	const helpers = context.helpers as unknown as Record<string, unknown>;
	for (const [name, fn] of Object.entries(helpers))
		if (typeof fn === 'function')
			helpers[name] = function (this: unknown, ...args: unknown[]) {
				return httpLog.run(http, () => fn.apply(this, args));
			};
	return { http, context };
}

/**
 * Runs a credential's `test` request as n8n's credentials tester does: a temporary noOp node whose
 * one parameter routes the request, run by n8n-core's RoutingNode; preAuthentication always runs
 * in a credential test. The failure message is n8n's (status text, error code or message).
 */
export async function testCredential(
	type: ICredentialType,
	data: IDataObject,
): Promise<{ ok: boolean; message?: string }> {
	const request = type.test?.request;
	if (!request) return { ok: false, message: 'credential has no test request' };
	const store: CredentialStore = { [type.name]: { ...data } };
	const nodeType = plainNodeType('n8n-nodes-base.noOp', {
		credentials: [{ name: type.name, required: true }],
		properties: [
			{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request } },
		],
	});
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: credentialRefs(store),
	};
	const workflow = workflowOf([node], { [node.type]: nodeType });
	const addData = additionalData(store, [type]);
	const context = new ExecuteContext(
		workflow,
		node,
		addData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = (addData.credentialsHelper as TestCredentialsHelper).withDefaults(
		type.name,
		data,
	);
	try {
		await new RoutingNode(context, nodeType, {
			id: type.name,
			name: type.name,
			type: type.name,
			data: decrypted,
		}).runNode();
		return { ok: true };
	} catch (error) {
		const response = error.cause?.response as { status: number; statusText?: string } | undefined;
		if (response && (response.status < 199 || response.status > 299))
			return {
				ok: false,
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		return { ok: false, message: String(error.cause?.code ?? error.message) };
	}
}
