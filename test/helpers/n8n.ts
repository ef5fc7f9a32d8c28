/**
 * A small, faithful stand-in for n8n's node execution context, for node tests over real HTTP.
 *
 * It reproduces what n8n-core 2.x does where our nodes depend on it (read from n8n's source):
 * - `helpers.httpRequest` converts n8n request options to axios the way @n8n/backend-network does
 *   (qs → params, body → data, json → Accept header, ignoreHttpStatusErrors, returnFullResponse,
 *   skipSslCertificateValidation) and throws axios errors for non-2xx answers.
 * - `helpers.httpRequestWithAuthentication` runs the credential's `preAuthentication` when its
 *   hidden `expirable` field is empty, persists the result in the credential store (n8n writes it
 *   to its database, so later executions reuse the session), applies `authenticate`, and on a
 *   401 refreshes once and retries; other errors are wrapped in NodeApiError.
 * - `getNodeParameter` falls back to the defaults of the node description for parameters the
 *   test did not set, honouring displayOptions, as n8n does when it stores a node.
 * The end-to-end tests run the same nodes inside a real n8n to prove this stand-in honest.
 */
import https from 'node:https';
import axios, { type AxiosRequestConfig } from 'axios';
import {
	NodeApiError,
	NodeOperationError,
	deepCopy,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type IPairedItemData,
} from 'n8n-workflow';

export type CredentialStore = Record<string, IDataObject>;

export interface HttpLogEntry {
	method: string;
	url: string;
	status?: number;
}

export interface RunOptions {
	parameters: IDataObject;
	items?: IDataObject[] | INodeExecutionData[];
	credentials?: CredentialStore;
	credentialTypes?: ICredentialType[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
	nodeName?: string;
	typeVersion?: number;
	/** The execution's id (default 'test-execution'): give concurrent runs their own. */
	executionId?: string;
	/** The execution mode (default 'trigger'; 'manual' is an editor test run). */
	mode?: string;
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

const insecureAgent = new https.Agent({ rejectUnauthorized: false });

export function toAxios(options: IHttpRequestOptions): AxiosRequestConfig {
	const config: AxiosRequestConfig = {
		method: options.method ?? 'GET',
		url: options.url,
		baseURL: options.baseURL,
		headers: { ...(options.headers ?? {}) } as Record<string, string>,
		params: options.qs,
		timeout: options.timeout,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
	};
	if (options.body !== undefined && (options.method ?? 'GET').toUpperCase() !== 'GET') {
		const body = options.body as unknown;
		if (
			typeof body === 'string' ||
			(typeof body === 'object' && body !== null && Object.keys(body).length > 0)
		)
			config.data = body;
	}
	if (options.json) (config.headers as Record<string, string>).Accept ??= 'application/json';
	if (options.ignoreHttpStatusErrors) config.validateStatus = () => true;
	if (options.skipSslCertificateValidation) config.httpsAgent = insecureAgent;
	if (options.encoding)
		config.responseType = options.encoding as AxiosRequestConfig['responseType'];
	return config;
}

function matchesDisplayOptions(prop: INodeProperties, params: IDataObject): boolean {
	const show = prop.displayOptions?.show;
	const hide = prop.displayOptions?.hide;
	if (show) {
		for (const [key, allowed] of Object.entries(show)) {
			if (key.startsWith('@')) continue;
			const value = params[key.replace(/^\//, '')];
			if (!(allowed as unknown[]).includes(value)) return false;
		}
	}
	if (hide) {
		for (const [key, hidden] of Object.entries(hide)) {
			const value = params[key.replace(/^\//, '')];
			if ((hidden as unknown[]).includes(value)) return false;
		}
	}
	return true;
}

/** Parameters as n8n stores them: the test's values plus each visible property's default. */
export function resolveParameters(properties: INodeProperties[], given: IDataObject): IDataObject {
	const params: IDataObject = { ...given };
	// Two passes so that defaults of selector parameters (resource, operation) are known first.
	for (let pass = 0; pass < 2; pass++) {
		for (const prop of properties) {
			if (params[prop.name] !== undefined) continue;
			if (!matchesDisplayOptions(prop, params)) continue;
			if (prop.default !== undefined)
				params[prop.name] = deepCopy(prop.default) as IDataObject[string];
		}
	}
	return params;
}

function getPath(source: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((acc, key) => (acc as IDataObject | undefined)?.[key], source);
}

export function makeHttp(log: HttpLogEntry[]) {
	return async function httpRequest(options: IHttpRequestOptions): Promise<any> {
		const config = toAxios(options);
		const entry: HttpLogEntry = {
			method: String(config.method).toUpperCase(),
			url: new URL(options.url, options.baseURL ?? undefined).toString(),
		};
		log.push(entry);
		try {
			const response = await axios.request(config);
			entry.status = response.status;
			if (options.returnFullResponse)
				return {
					body: response.data,
					headers: response.headers,
					statusCode: response.status,
					statusMessage: response.statusText,
				};
			return response.data;
		} catch (error) {
			entry.status = (error as { response?: { status?: number } }).response?.status;
			throw error;
		}
	};
}

export function makeAuthenticatedHttp(
	node: INode,
	store: CredentialStore,
	types: ICredentialType[],
	httpRequest: (o: IHttpRequestOptions) => Promise<any>,
) {
	return async function httpRequestWithAuthentication(
		credentialsType: string,
		requestOptions: IHttpRequestOptions,
	): Promise<any> {
		const type = types.find((t) => t.name === credentialsType);
		if (!type) throw new Error(`Unknown credential type ${credentialsType} in test`);
		if (!store[credentialsType])
			throw new NodeOperationError(
				node,
				`Node "${node.name}" does not have any credentials of type "${credentialsType}" set`,
			);
		const credentials = deepCopy(store[credentialsType]);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		const preAuthenticate = async (expired: boolean) => {
			if (!expirable || typeof type.preAuthentication !== 'function') return;
			if (
				credentials[expirable.name] !== '' &&
				credentials[expirable.name] !== undefined &&
				!expired
			)
				return;
			const output = await type.preAuthentication.call(
				{ helpers: { httpRequest } } as never,
				credentials as never,
			);
			if (output[expirable.name] === undefined) return;
			Object.assign(store[credentialsType], output); // n8n persists it (encrypted) in its database
			Object.assign(credentials, output);
		};
		const authenticate = async (options: IHttpRequestOptions) => {
			if (typeof type.authenticate === 'function')
				return await type.authenticate(credentials as never, options);
			return options;
		};
		try {
			await preAuthenticate(false);
			requestOptions = await authenticate(requestOptions);
			return await httpRequest(requestOptions);
		} catch (error) {
			if ((error as { response?: { status?: number } }).response?.status === 401 && expirable) {
				try {
					await preAuthenticate(true);
					requestOptions = await authenticate(requestOptions);
					return await httpRequest(requestOptions);
				} catch (retryError) {
					throw new NodeApiError(node, retryError as never);
				}
			}
			throw new NodeApiError(node, error as never);
		}
	};
}

function toItems(items: RunOptions['items']): INodeExecutionData[] {
	return (items ?? [{}]).map((item) =>
		item &&
		typeof item === 'object' &&
		'json' in item &&
		typeof (item as INodeExecutionData).json === 'object'
			? (item as INodeExecutionData)
			: { json: item as IDataObject },
	);
}

/** Builds an execute context for `nodeType` and runs its `execute` once. */
export async function runNode(nodeType: INodeType, options: RunOptions): Promise<RunResult> {
	const description = nodeType.description;
	const parameters = resolveParameters(description.properties, options.parameters);
	const node: INode = {
		id: 'test-node',
		name: options.nodeName ?? description.defaults.name ?? description.displayName,
		type: `n8n-nodes-sapb1-magento2.${description.name}`,
		typeVersion:
			options.typeVersion ??
			(Array.isArray(description.version) ? Math.max(...description.version) : description.version),
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
	const http: HttpLogEntry[] = [];
	const store = options.credentials ?? {};
	const httpRequest = makeHttp(http);
	const httpRequestWithAuthentication = makeAuthenticatedHttp(
		node,
		store,
		options.credentialTypes ?? [],
		httpRequest,
	);
	const inputItems = toItems(options.items);
	const staticData = options.staticData ?? {};

	const context = {
		getNode: () => node,
		getInputData: () => inputItems,
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			const value = getPath(parameters, name);
			if (value === undefined) {
				if (arguments.length >= 3) return fallback;
				throw new Error(`Could not get parameter "${name}" (item ${itemIndex})`);
			}
			return deepCopy(value);
		},
		getCredentials: async (type: string) => {
			if (!store[type])
				throw new Error(`Node "${node.name}" does not have any credentials of type "${type}" set`);
			return deepCopy(store[type]);
		},
		continueOnFail: () => options.continueOnFail === true,
		getWorkflowStaticData: (type: string) => {
			const key = type === 'global' ? 'global' : `node:${node.name}`;
			staticData[key] ??= {};
			return staticData[key] as IDataObject;
		},
		getMode: () => options.mode ?? 'trigger',
		getExecutionId: () => options.executionId ?? 'test-execution',
		getWorkflow: () => ({ id: options.workflowId ?? 'test-workflow', name: 'test', active: true }),
		getTimezone: () => 'UTC',
		getExecutionCancelSignal: () => undefined,
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		sendMessageToUI() {},
		helpers: {
			httpRequest,
			httpRequestWithAuthentication,
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (
				data: INodeExecutionData[],
				meta: { itemData: IPairedItemData | IPairedItemData[] },
			) => data.map((item) => ({ ...item, pairedItem: meta.itemData })),
		},
	} as unknown as IExecuteFunctions;

	const outputs = ((await nodeType.execute!.call(context)) ?? []) as INodeExecutionData[][];
	return { outputs, json: (outputs[0] ?? []).map((i) => i.json), http, staticData };
}

/** Context for `methods.loadOptions` / `methods.listSearch` functions. */
export function loadOptionsContext(
	credentials: CredentialStore,
	credentialTypes: ICredentialType[],
	currentParameters: IDataObject = {},
) {
	const http: HttpLogEntry[] = [];
	const node: INode = {
		id: 'lo',
		name: 'Load Options',
		type: 'test',
		typeVersion: 1,
		position: [0, 0],
		parameters: currentParameters as INode['parameters'],
	};
	const httpRequest = makeHttp(http);
	return {
		http,
		context: {
			getNode: () => node,
			getCurrentNodeParameter: (name: string) => getPath(currentParameters, name),
			getNodeParameter: (name: string, fallback?: unknown) =>
				getPath(currentParameters, name) ?? fallback,
			getCredentials: async (type: string) => deepCopy(credentials[type]),
			helpers: {
				httpRequest,
				httpRequestWithAuthentication: makeAuthenticatedHttp(
					node,
					credentials,
					credentialTypes,
					httpRequest,
				),
			},
			logger: { debug() {}, info() {}, warn() {}, error() {} },
		} as any,
	};
}

/**
 * Runs a credential's declarative `test` request the way n8n's credential test does:
 * pre-authentication (always, as for a test), authenticate, then the request.
 */
export async function testCredential(
	type: ICredentialType,
	data: IDataObject,
): Promise<{ ok: boolean; message?: string }> {
	const store: CredentialStore = { [type.name]: { ...data } };
	const expirable = type.properties.find(
		(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
	);
	if (expirable) store[type.name][expirable.name] = '';
	const node: INode = {
		id: 't',
		name: 'Credential Test',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const request = type.test?.request;
	if (!request) return { ok: false, message: 'credential has no test request' };
	const http = makeAuthenticatedHttp(node, store, [type], makeHttp([]));
	const baseURL = String(request.baseURL ?? '').replace(
		/=?\{\{\s*\$credentials\.(\w+)\s*\}\}/g,
		(_m, key) => String(data[key] ?? ''),
	);
	try {
		await http(type.name, {
			...request,
			baseURL: baseURL || undefined,
			url: request.url ?? '',
		} as IHttpRequestOptions);
		return { ok: true };
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
}
