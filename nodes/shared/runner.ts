/**
 * The one item runner of the package. Every operation of every node runs through `runOperation`:
 * the per-item loop with bounded concurrency, items about the same record one after another,
 * paired items, the record's name in error messages, conversion to NodeApiError /
 * NodeOperationError, and continue-on-fail items on the error output.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { mapWithConcurrency } from './concurrency';

/** What an item's work produced: output JSON (one or many), whole items passed through, or JSON for another output. */
export type ItemResult = IDataObject | IDataObject[] | PassThrough | Routed;

/** Items an operation passes on as they are (binary data, error fields and all). */
export class PassThrough {
	constructor(readonly items: INodeExecutionData[]) {}
}

/** Output JSON for an output other than the first (operations with several outputs). */
export class Routed {
	constructor(
		readonly output: number,
		readonly json: IDataObject | IDataObject[],
	) {}
}

/**
 * Which record an item is about, filled in by the operation as soon as it knows (e.g.
 * `{ webOrderNumber }`); it names the record in messages and goes into the error item.
 */
export type ItemRecord = IDataObject;

/** One operation, as the runner calls it. `Client` is the node's client of its remote system. */
export interface Operation<Client, Batch = undefined> {
	// Method signatures (not function-typed properties): their parameters are checked bivariantly,
	// so an operation with any batch type fits an OperationTable (`Operation<Client, unknown>`).
	/** Runs once before the items, e.g. a batched lookup; its result reaches every item. */
	prepare?(this: IExecuteFunctions, client: Client, items: INodeExecutionData[]): Promise<Batch>;
	/** The work for one item. */
	execute(
		this: IExecuteFunctions,
		client: Client,
		itemIndex: number,
		record: ItemRecord,
		batch: Batch,
	): Promise<ItemResult>;
	/** Runs once after all items (e.g. saving what they collected in the batch). */
	finish?(this: IExecuteFunctions, client: Client, batch: Batch): Promise<void>;
	/** Runs at the end whatever happened (e.g. closing what `prepare` opened). */
	release?(this: IExecuteFunctions, client: Client, batch: Batch): Promise<void>;
	/** Items with the same key run one after another (e.g. two deliveries of one order). */
	serialiseBy?(this: IExecuteFunctions, itemIndex: number, batch: Batch): string | undefined;
	/** Runs for the first item only (a run-level step such as Checkpoint: Start). */
	once?: boolean;
	/** One item at a time, in order. */
	sequential?: boolean;
	/** How many outputs the operation has (default 1; Routed results go to the others). */
	outputs?: number;
}

export type OperationTable<Client> = Record<string, Record<string, Operation<Client, unknown>>>;

/** What a node's router opens for one execution. */
export interface Session<Client> {
	client: Client;
	/** Items worked on at once. */
	concurrency: number;
	/** Releases what the client holds (a SQL connection pool). */
	close?: () => Promise<void>;
}

/** How a node names its records and converts its clients' errors. */
export interface ErrorPolicy {
	/** "Web order 000000101", "Order 000000101", "Delivery DocEntry 13"; undefined when unknown. */
	subjectOf?: (record: ItemRecord) => string | undefined;
	/** Whether a message already names its record (default: it starts with the subject). */
	names?: (message: string, subject: string, record: ItemRecord) => boolean;
	/** A system-specific conversion (e.g. a Magento client error into a NodeApiError). */
	convert?: (
		ctx: IExecuteFunctions,
		error: unknown,
		itemIndex: number,
		subject: string | undefined,
	) => NodeApiError | NodeOperationError | undefined;
	/** Whether error items carry the error's description as `errorDescription` (e.g. what to change in the store). */
	describeInItem?: boolean;
}

type NodeError = NodeApiError | NodeOperationError;

/** Any failure of an item as a NodeApiError / NodeOperationError with the item index and the record's name. */
export function toNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	record: ItemRecord,
	policy: ErrorPolicy = {},
): NodeError {
	const subject = policy.subjectOf?.(record);
	const names = policy.names ?? ((message: string, name: string) => message.startsWith(name));
	const named = (message: string) =>
		subject && !names(message, subject, record) ? `${subject}: ${message}` : message;
	const converted = policy.convert?.(ctx, error, itemIndex, subject);
	if (converted) {
		converted.message = named(converted.message);
		return converted;
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		error.message = named(error.message);
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), named(message), { itemIndex });
}

/** The item for the error output when "continue on fail" is on (the record's ids included). */
export function errorItem(
	error: NodeError,
	itemIndex: number,
	record: ItemRecord,
	policy: ErrorPolicy = {},
): INodeExecutionData {
	const json: IDataObject = { error: error.message, ...record };
	if (policy.describeInItem && error.description) json.errorDescription = error.description;
	return { json, error, pairedItem: { item: itemIndex } };
}

function outputItems(
	result: ItemResult,
	itemIndex: number,
): { output: number; items: INodeExecutionData[] } {
	if (result instanceof PassThrough)
		return {
			output: 0,
			items: result.items.map((item) => ({ ...item, pairedItem: { item: itemIndex } })),
		};
	const output = result instanceof Routed ? result.output : 0;
	const json = result instanceof Routed ? result.json : result;
	return {
		output,
		items: (Array.isArray(json) ? json : [json]).map((j) => ({
			json: j,
			pairedItem: { item: itemIndex },
		})),
	};
}

/** Runs `work` for each index, at most `limit` at a time, the same key one after another. */
export async function forEachItem<R>(
	indices: readonly number[],
	limit: number,
	keyOf: ((i: number) => string | undefined) | undefined,
	work: (i: number) => Promise<R>,
): Promise<R[]> {
	const lanes = new Map<string, Promise<unknown>>();
	return await mapWithConcurrency(indices, limit, async (i) => {
		const key = keyOf?.(i);
		if (key === undefined) return await work(i);
		const current = (lanes.get(key) ?? Promise.resolve())
			.catch(() => undefined)
			.then(async () => await work(i));
		lanes.set(key, current);
		return await current;
	});
}

/**
 * The router of every node: picks the operation from `resource` / `operation`, opens the node's
 * client once for the execution, runs the operation over the items and returns the output.
 */
export async function runOperation<Client>(
	ctx: IExecuteFunctions,
	table: OperationTable<Client>,
	open: () => Promise<Session<Client>>,
	policy: ErrorPolicy = {},
	defaultResource?: string,
): Promise<INodeExecutionData[][]> {
	const resource = String(ctx.getNodeParameter('resource', 0, defaultResource) ?? defaultResource);
	const operationName = String(ctx.getNodeParameter('operation', 0));
	const operation = table[resource]?.[operationName];
	if (!operation)
		throw new NodeOperationError(
			ctx.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
		);
	const items = ctx.getInputData();
	const outputs = (): INodeExecutionData[][] =>
		Array.from({ length: operation.outputs ?? 1 }, () => []);
	if (items.length === 0 && !operation.once) return outputs();
	const session = await open();
	const { client } = session;
	let batch: unknown;
	try {
		batch = operation.prepare ? await operation.prepare.call(ctx, client, items) : undefined;
		const indices = operation.once ? [0] : items.map((_, i) => i);
		const keyOf = operation.serialiseBy
			? (i: number) => operation.serialiseBy!.call(ctx, i, batch)
			: undefined;
		const limit = operation.sequential || operation.once ? 1 : session.concurrency;
		const results = await forEachItem(indices, limit, keyOf, async (i) => {
			const record: ItemRecord = {};
			try {
				return outputItems(await operation.execute.call(ctx, client, i, record, batch), i);
			} catch (error) {
				const nodeError = toNodeError(ctx, error, i, record, policy);
				if (!ctx.continueOnFail()) throw nodeError;
				return { output: 0, items: [errorItem(nodeError, i, record, policy)] };
			}
		});
		if (operation.finish) await operation.finish.call(ctx, client, batch);
		const out = outputs();
		for (const { output, items: produced } of results) out[output].push(...produced);
		return out;
	} finally {
		try {
			if (operation.release) await operation.release.call(ctx, client, batch);
		} finally {
			await session.close?.();
		}
	}
}
