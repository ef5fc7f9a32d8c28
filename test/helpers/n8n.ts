/**
 * Runs our nodes in n8n-core's real execution context, over real HTTP, for node tests.
 *
 * Parameters (defaults, displayOptions, expressions, resource locators), `helpers.httpRequest`
 * and `httpRequestWithAuthentication` (preAuthentication when the expirable field is empty,
 * refresh and retry once on a 401, NodeApiError wrapping) are n8n-core's and n8n-workflow's own
 * code: `runNode` builds a Workflow (an "Input" node → the node under test) and runs the node
 * with `WorkflowExecute.runNode`, the per-node step of a real execution. What n8n's CLI would
 * supply lives here, small: the credentials helper (`TestCredentialsHelper`, an in-memory
 * credential store that keeps what preAuthentication returns, as n8n keeps it in its database)
 * and a minimal `additionalData`.
 *
 * `http` lists every request of a run (method, URL with query, status), read off the axios
 * instance that n8n-core's HTTP client uses.
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
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

/** Credential data by credential type name; preAuthentication results are written back into it. */
export type CredentialStore = Record<string, IDataObject>;

export interface HttpLogEntry {
	method: string;
	url: string;
	status?: number;
}

export interface RunOptions {
	/** As stored in a workflow: values, `={{ … }}` expressions, resource locators; defaults are n8n's. */
	parameters: IDataObject;
	/** Input items: plain JSON objects or INodeExecutionData (kept as given, e.g. with pairedItem). */
	items?: IDataObject[] | INodeExecutionData[];
	credentials?: CredentialStore;
	credentialTypes?: ICredentialType[];
	/** The node's "On Error: Continue" setting. */
	continueOnFail?: boolean;
	/** The workflow's static data; read it back after the run. */
	staticData?: IDataObject;
	nodeName?: string;
	typeVersion?: number;
}

export interface RunResult {
	outputs: INodeExecutionData[][];
	/** First output's JSON, for convenience. */
	json: IDataObject[];
	http: HttpLogEntry[];
	staticData: IDataObject;
}

const PACKAGE = 'n8n-nodes-sapb1-magento2';
const INPUT_NODE = 'Input';

/** n8n-core reads its user folder (instance settings) from the environment: one shared temp folder. */
function prepareInstance(): void {
	if (process.env.N8N_USER_FOLDER) return;
	const folder = path.join(os.tmpdir(), `${PACKAGE}-n8n-core`);
	process.env.N8N_USER_FOLDER = folder;
	process.env.N8N_ENCRYPTION_KEY ??= 'node-tests-only';
	process.env.N8N_LOG_LEVEL ??= 'error'; // n8n's logger (winston) prints to the console
	const settings = path.join(folder, '.n8n', 'config');
	if (existsSync(settings)) return;
	mkdirSync(path.dirname(settings), { recursive: true });
	const temp = `${settings}.${process.pid}`;
	writeFileSync(temp, JSON.stringify({ encryptionKey: process.env.N8N_ENCRYPTION_KEY }));
	renameSync(temp, settings); // atomic: parallel jest workers never read a half-written file
}
prepareInstance();

// ---- HTTP log: an interceptor on the axios instance of n8n-core's HTTP client -----------------

const httpLog = new AsyncLocalStorage<HttpLogEntry[]>();
const ENTRY = Symbol('httpLogEntry');
type Logged = { [ENTRY]?: HttpLogEntry };

/* eslint-disable @typescript-eslint/no-require-imports */
const coreAxios = (() => {
	const network = path.dirname(require.resolve('@n8n/backend-network', { paths: [path.dirname(require.resolve('n8n-core'))] }));
	const mod = require(require.resolve('axios', { paths: [network] }));
	return (mod.default ?? mod) as typeof import('axios').default;
})();
/* eslint-enable @typescript-eslint/no-require-imports */

coreAxios.interceptors.request.use((config) => {
	const log = httpLog.getStore();
	if (log) {
		const entry: HttpLogEntry = { method: String(config.method ?? 'GET').toUpperCase(), url: coreAxios.getUri(config) };
		(config as Logged)[ENTRY] = entry;
		log.push(entry);
	}
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

// ---- What n8n's CLI supplies: credentials, node types, additional data ------------------------

/**
 * n8n's ICredentialsHelper over an in-memory store, following packages/cli's CredentialsHelper:
 * credential defaults and expressions, `authenticate`, and `preAuthentication` run when the
 * expirable hidden field is empty, after a 401 (n8n-core asks with `credentialsExpired`), or in a
 * credential test; its result is persisted (`updateCredentials`) so later runs reuse the session.
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
		if (!type) throw new UnexpectedError(`Unknown credential type "${name}" in test (pass it in credentialTypes)`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.find((t) => t.name === name)?.extends ?? [];
		return parents.flatMap((p) => [p, ...this.getParentTypes(p)]);
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
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		if (authenticate) throw new UnexpectedError('Declarative credential authentication is not supported by the test helper');
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		const isCredentialTest = node.parameters?.temp === '' && node.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isCredentialTest) return undefined;
		// n8n hands preAuthentication only httpRequest
		const output = await type.preAuthentication.call({ helpers: { httpRequest: helpers.helpers.httpRequest } }, credentials);
		if (output[expirable.name] === undefined || !node.credentials) return undefined;
		await this.updateCredentials(node.credentials[typeName], typeName, { ...this.store[typeName], ...output } as ICredentialDataDecryptedObject);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, typeName: string) {
		const { preAuthentication } = this.type(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		return (await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new UnexpectedError('getCredentials (encrypted credentials) is not used by node tests');
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
		if (!stored) throw new UnexpectedError(`No "${typeName}" credentials in the test's credential store`);
		if (raw) return deepCopy(stored) as ICredentialDataDecryptedObject;
		return this.applyDefaults(typeName, stored, mode, executeData, resolve);
	}

	/** Defaults of the credential's properties (honouring displayOptions), then expressions resolved. */
	applyDefaults(
		typeName: string,
		data: IDataObject,
		mode: WorkflowExecuteMode = 'internal',
		executeData?: IExecuteData,
		resolve?: ICredentialsExpressionResolveValues,
	): ICredentialDataDecryptedObject {
		const withDefaults = NodeHelpers.getNodeParameters(this.type(typeName).properties, deepCopy(data) as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
		if (!resolve) return withDefaults;
		return resolve.workflow.expression.getParameterValue(
			withDefaults as INodeParameters,
			resolve.runExecutionData,
			resolve.runIndex,
			resolve.itemIndex,
			resolve.node.name,
			resolve.connectionInputData,
			mode,
			{},
			executeData,
			false,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	/** n8n writes this to its database; here into the store object the test holds. */
	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, typeName: string, data: ICredentialDataDecryptedObject): Promise<void> {
		Object.assign((this.store[typeName] ??= {}), data);
	}

	async updateCredentialsOauthTokenData(nodeCredentials: INodeCredentialsDetails, typeName: string, data: ICredentialDataDecryptedObject): Promise<void> {
		await this.updateCredentials(nodeCredentials, typeName, { oauthTokenData: data.oauthTokenData });
	}
}

function nodeTypesOf(types: Record<string, INodeType>): INodeTypes {
	return {
		getByName: (name) => types[name],
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	};
}

/** Stands in for the previous node, so that `$json`, `$input` and `$('Input')` resolve. */
const inputNodeType: INodeType = {
	description: {
		displayName: INPUT_NODE,
		name: 'input',
		group: ['input'],
		version: 1,
		description: '',
		defaults: { name: INPUT_NODE },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
};

const unsupported = (what: string) => async () => {
	throw new UnexpectedError(`${what} is not available in node tests`);
};

function additionalDataFor(credentialsHelper: ICredentialsHelper, currentNodeParameters?: INodeParameters): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		currentNodeParameters,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: unsupported('getRunExecutionData'),
		getRuntimeCredential: unsupported('getRuntimeCredential'),
		startRunnerTask: unsupported('startRunnerTask'),
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function latestVersion(nodeType: INodeType): number {
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function credentialRefs(store: CredentialStore): INode['credentials'] {
	return Object.fromEntries(Object.keys(store).map((type) => [type, { id: type, name: `${type} (test)` }]));
}

function toItems(items: RunOptions['items']): INodeExecutionData[] {
	return (items ?? [{}]).map((item) =>
		item && typeof item === 'object' && 'json' in item && typeof (item as INodeExecutionData).json === 'object'
			? (item as INodeExecutionData)
			: { json: item as IDataObject },
	);
}

// ---- The public interface -------------------------------------------------------------------

/** Runs `nodeType` once, as the node after "Input" (which outputs `items`) in a real execution. */
export async function runNode(nodeType: INodeType, options: RunOptions): Promise<RunResult> {
	const { description } = nodeType;
	const store = options.credentials ?? {};
	const type = `${PACKAGE}.${description.name}`;
	const node: INode = {
		id: 'test-node',
		name: options.nodeName ?? description.defaults.name ?? description.displayName,
		type,
		typeVersion: options.typeVersion ?? latestVersion(nodeType),
		position: [200, 0],
		parameters: deepCopy(options.parameters) as INodeParameters,
		credentials: credentialRefs(store),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const input: INode = { id: 'input', name: INPUT_NODE, type: 'input', typeVersion: 1, position: [0, 0], parameters: {} };
	const staticData = options.staticData ?? {};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Node test',
		nodes: [input, node],
		connections: { [INPUT_NODE]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		active: true,
		nodeTypes: nodeTypesOf({ [type]: nodeType, input: inputNodeType }),
		staticData,
		settings: { timezone: 'UTC' },
	});

	const items = toItems(options.items);
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		resultData: {
			runData: {
				[INPUT_NODE]: [{ startTime: 0, executionTime: 0, executionIndex: 0, source: [], data: { main: [items] } }],
			},
			lastNodeExecuted: INPUT_NODE,
		},
	});
	const executeData: IExecuteData = {
		node: workflow.getNode(node.name)!,
		data: { main: [items] },
		source: { main: [{ previousNode: INPUT_NODE, previousNodeOutput: 0, previousNodeRun: 0 }] },
	};
	const mode: WorkflowExecuteMode = 'trigger';
	const additionalData = additionalDataFor(new TestCredentialsHelper(store, options.credentialTypes ?? []));
	const http: HttpLogEntry[] = [];
	const result = await httpLog.run(http, async () =>
		await new WorkflowExecute(additionalData, mode, runExecutionData).runNode(workflow, executeData, runExecutionData, 0, additionalData, mode),
	);
	const outputs = ('data' in result ? (result.data ?? []) : []) as INodeExecutionData[][];
	return { outputs, json: (outputs[0] ?? []).map((i) => i.json), http, staticData };
}

/**
 * n8n-core's context for `methods.loadOptions` / `methods.listSearch`, as n8n builds it for a node
 * being edited: `currentParameters` are the node's current parameters. `http` logs the requests.
 */
export function loadOptionsContext(credentials: CredentialStore, credentialTypes: ICredentialType[], currentParameters: IDataObject = {}) {
	const type = `${PACKAGE}.loadOptionsTest`;
	const nodeType: INodeType = {
		description: {
			...inputNodeType.description,
			displayName: 'Load Options',
			name: 'loadOptionsTest',
			defaults: { name: 'Load Options' },
			inputs: ['main'],
			credentials: credentialTypes.map((t) => ({ name: t.name, required: true })),
		},
	};
	const parameters = deepCopy(currentParameters) as INodeParameters;
	const node: INode = { id: 'lo', name: 'Load Options', type, typeVersion: 1, position: [0, 0], parameters, credentials: credentialRefs(credentials) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypesOf({ [type]: nodeType }) });
	const context = new LoadOptionsContext(workflow, node, additionalDataFor(new TestCredentialsHelper(credentials, credentialTypes), parameters), 'parameters');
	const http: HttpLogEntry[] = [];
	// Log the requests of each helper call into `http`.
	const helpers = context.helpers as unknown as Record<string, unknown>;
	for (const [name, fn] of Object.entries(helpers))
		if (typeof fn === 'function')
			helpers[name] = function (this: unknown, ...args: unknown[]) {
				return httpLog.run(http, () => fn.apply(this, args));
			};
	return { http, context };
}

/**
 * Runs a credential's declarative `test` request the way n8n's credentials tester does: a
 * temporary noOp node whose only parameter routes the request, run by n8n-core's RoutingNode
 * (so preAuthentication always runs, as in a credential test). Failure messages follow n8n's.
 */
export async function testCredential(type: ICredentialType, data: IDataObject): Promise<{ ok: boolean; message?: string }> {
	const request = type.test?.request;
	if (!request) return { ok: false, message: 'credential has no test request' };
	const store: CredentialStore = { [type.name]: { ...data } };
	const helper = new TestCredentialsHelper(store, [type]);
	const nodeType: INodeType = {
		description: {
			...inputNodeType.description,
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			inputs: ['main'],
			credentials: [{ name: type.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request } }],
		},
	};
	const node: INode = { id: 'temp', name: 'Temp-Node', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {}, credentials: credentialRefs(store) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypesOf({ [node.type]: nodeType }) });
	const runExecutionData = createRunExecutionData();
	const context = new ExecuteContext(workflow, node, additionalDataFor(helper), 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
	const credentialsDecrypted = { id: type.name, name: type.name, type: type.name, data: helper.applyDefaults(type.name, data) };
	try {
		await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
		return { ok: true };
	} catch (error) {
		const response = error.cause?.response as { status: number; statusText?: string } | undefined;
		if (response && (response.status < 199 || response.status > 299))
			return { ok: false, message: response.statusText || `Received HTTP status code: ${response.status}` };
		if (error.cause?.code) return { ok: false, message: String(error.cause.code) };
		return { ok: false, message: String(error.message) };
	}
}
