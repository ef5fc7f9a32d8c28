/**
 * The output schemas n8n's editor shows in the Schema view before a node has run. n8n 2.x serves
 * `GET /schemas/<package>.<node>/<version>/<resource>/<operation>.json` from
 * `<folder of the node's .node.js>/__schema__/v<major.minor.patch>/<resource>/<operation>.json`
 * (nodes without a resource: `v1.0.0/<operation>.json`), for community packages as for its own.
 *
 * Each schema here is checked against the real output of its operation, run against the
 * emulated systems. `UPDATE_SCHEMAS=1 npx jest test/nodes/outputSchemas --selectProjects fast`
 * regenerates the files from those outputs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeType } from 'n8n-workflow';
import { resetProcessStore } from '../../nodes/shared/coordination/processStore';
import { SapB1Order } from '../../nodes/SapB1/Order/SapB1Order.node';
import { SapB1Shipments } from '../../nodes/SapB1/Shipments/SapB1Shipments.node';
import { Magento2Store } from '../../nodes/Magento2Store/Magento2Store.node';
import { SyncCheckpoint } from '../../nodes/SyncCheckpoint/SyncCheckpoint.node';
import type { MagentoEmulator } from '../emulators/magento';
import { startServiceLayer, type ServiceLayerEmulator } from '../emulators/serviceLayer';
import { startSqlServer, type SqlServerEmulator } from '../emulators/tds';
import { runNode } from '../helpers/n8n';
import {
	DRAFT_07,
	checkSchema,
	inferSchema,
	undescribed,
	validate,
	type JsonSchema,
} from '../helpers/jsonSchema';
import * as magento from './magento2Store/setup';
import * as order from './sapB1Order/setup';
import * as shipments from './sapB1Shipments/setup';

const ROOT = path.resolve(__dirname, '..', '..');
const UPDATE = process.env.UPDATE_SCHEMAS === '1';

interface Systems {
	m: MagentoEmulator;
	sl: ServiceLayerEmulator;
	db: SqlServerEmulator;
}

interface Case {
	node: INodeType;
	/** The node's folder under nodes/. */
	dir: string;
	resource?: string;
	operation: string;
	description: string;
	/** Real output items of the operation. */
	outputs: (s: Systems) => Promise<IDataObject[]>;
}

const WEB_ORDERS = ['000000101', '000000102', '000000103', '000000104', '000000105'];

async function checkpointOutputs(operation: 'start' | 'commit'): Promise<IDataObject[]> {
	resetProcessStore();
	const staticData: IDataObject = {};
	const op = async (parameters: IDataObject, items?: IDataObject[]) =>
		await runNode(new SyncCheckpoint(), {
			parameters: { checkpointName: 'orders', ...parameters },
			items,
			staticData,
		});
	const records = [
		{ id: '000000101', cursor: '2026-01-02 10:00:00', created: true },
		{ id: '000000102', cursor: '2026-01-02 11:00:00', created: false },
		{ id: '000000103', cursor: '2026-01-02 12:00:00', error: 'SAP: tax code not found' },
		{ id: '000000104', cursor: '2026-01-02 13:00:00', error: 'SAP: business partner blocked' },
	];
	const firstStart = (await op({ operation: 'start', initialCursor: '2026-01-01 00:00:00' })).json;
	await op(
		{
			operation: 'record',
			outcome: 'fetched',
			recordId: '={{ $json.id }}',
			recordCursor: '={{ $json.cursor }}',
		},
		records,
	);
	await op(
		{
			operation: 'record',
			outcome: 'succeeded',
			recordId: '={{ $json.id }}',
			createdFlag: '={{ $json.created !== false }}',
		},
		records.slice(0, 2),
	);
	await op(
		{
			operation: 'record',
			outcome: 'failed',
			recordId: '={{ $json.id }}',
			errorMessage: '={{ $json.error }}',
		},
		records.slice(2),
	);
	// One failure parked at once (maxAttempts 1), so the summary lists parked records too.
	const summary = (await op({ operation: 'commit', options: { maxAttempts: 1 } })).json;
	const secondStart = (await op({ operation: 'start', initialCursor: '' })).json;
	return operation === 'start' ? [...firstStart, ...secondStart] : summary;
}

const CASES: Case[] = [
	{
		node: new SapB1Order(),
		dir: 'SapB1/Order',
		resource: 'order',
		operation: 'create',
		description: 'One item per input order: the outcome, and the SAP B1 document when created.',
		outputs: async ({ sl }) => {
			const creds = order.credentialsFor(sl);
			const orders = order.magentoOrders(...WEB_ORDERS);
			const created = await order.run(sl, creds, order.createFromMagento(), orders);
			const again = await order.run(sl, creds, order.createFromMagento(), orders.slice(0, 1));
			return [...created.json, ...again.json];
		},
	},
	{
		node: new SapB1Order(),
		dir: 'SapB1/Order',
		resource: 'order',
		operation: 'get',
		description: 'The SAP B1 sales order (Service Layer Orders entity).',
		outputs: async ({ sl }) =>
			(
				await order.run(sl, order.credentialsFor(sl), {
					resource: 'order',
					operation: 'get',
					by: 'docEntry',
					docEntry: 2,
					options: order.FAST,
				})
			).json,
	},
	{
		node: new SapB1Order(),
		dir: 'SapB1/Order',
		resource: 'order',
		operation: 'getMany',
		description: 'One item per SAP B1 sales order (Service Layer Orders entity).',
		outputs: async ({ sl }) =>
			(
				await order.run(sl, order.credentialsFor(sl), {
					resource: 'order',
					operation: 'getMany',
					returnAll: false,
					limit: 25,
					options: order.FAST,
				})
			).json,
	},
	{
		node: new SapB1Shipments(),
		dir: 'SapB1/Shipments',
		resource: 'delivery',
		operation: 'getMany',
		description: 'One item per SAP B1 delivery, with its lines and tracking.',
		outputs: async ({ sl, db }) => {
			const creds = shipments.credentialsFor(db, sl);
			const bySl = await shipments.run(creds, 'serviceLayer', shipments.ALL);
			const bySql = await shipments.run(creds, 'sqlServer', shipments.ALL);
			return [...bySl.json, ...bySql.json];
		},
	},
	{
		node: new Magento2Store(),
		dir: 'Magento2Store',
		resource: 'order',
		operation: 'getMany',
		description: 'One item per Magento order (sales order data interface).',
		outputs: async ({ m }) =>
			(await magento.run(m, { resource: 'order', operation: 'getMany', returnAll: true })).json,
	},
	{
		node: new Magento2Store(),
		dir: 'Magento2Store',
		resource: 'order',
		operation: 'get',
		description: 'The Magento order (sales order data interface).',
		outputs: async ({ m }) => {
			const out: IDataObject[] = [];
			for (const orderId of WEB_ORDERS)
				out.push(...(await magento.run(m, { resource: 'order', operation: 'get', orderId })).json);
			return out;
		},
	},
	{
		node: new Magento2Store(),
		dir: 'Magento2Store',
		resource: 'order',
		operation: 'addComment',
		description: 'The comment added to the Magento order.',
		outputs: async ({ m }) =>
			(
				await magento.run(m, {
					resource: 'order',
					operation: 'addComment',
					orderId: '000000101',
					comment: 'Created in SAP B1 as sales order 1234',
				})
			).json,
	},
	{
		node: new Magento2Store(),
		dir: 'Magento2Store',
		resource: 'shipment',
		operation: 'create',
		description: 'One item per input: whether a shipment was created, with its tracking.',
		outputs: async ({ m }) => {
			const ship = (orderId: string) => ({
				resource: 'shipment',
				operation: 'create',
				orderId,
				tracks: {
					track: [{ trackNumber: '1Z999AA10123456784', carrierCode: 'ups', title: 'UPS Ground' }],
				},
			});
			const first = await magento.run(m, ship('000000101'));
			const again = await magento.run(m, ship('000000101'));
			return [...first.json, ...again.json];
		},
	},
	{
		node: new SyncCheckpoint(),
		dir: 'SyncCheckpoint',
		operation: 'start',
		description: 'The run opened (output Run): cursor to read from, records to retry, parked ones.',
		outputs: async () => await checkpointOutputs('start'),
	},
	{
		node: new SyncCheckpoint(),
		dir: 'SyncCheckpoint',
		operation: 'commit',
		description: 'The run summary: counts, cursor before and after, failed and parked records.',
		outputs: async () => await checkpointOutputs('commit'),
	},
];

const schemaFile = (c: Case) =>
	path.join(
		ROOT,
		'nodes',
		c.dir,
		'__schema__',
		'v1.0.0',
		...(c.resource ? [c.resource] : []),
		`${c.operation}.json`,
	);

function optionValues(node: INodeType, name: string, resource?: string): unknown[] {
	return node.description.properties
		.filter((p) => p.name === name)
		.filter(
			(p) =>
				resource === undefined ||
				(p.displayOptions?.show?.resource as unknown[] | undefined)?.includes(resource),
		)
		.flatMap((p) => (p.options ?? []).map((o) => ('value' in o ? o.value : undefined)));
}

describe('output schemas for the editor', () => {
	let systems: Systems;
	beforeAll(async () => {
		const m = await magento.start();
		const sl = await startServiceLayer();
		const db = await startSqlServer({ seed: sl.state });
		systems = { m, sl, db };
	}, 60_000);
	afterAll(async () => {
		await systems?.db.close();
		await systems?.sl.close();
		await systems?.m.close();
	});
	beforeEach(() => {
		systems.m.reset();
		systems.sl.reset();
	});

	it.each(CASES.map((c) => [`${c.dir} ${c.resource ?? '-'} ${c.operation}`, c] as const))(
		'%s: the schema file parses, is a draft-07 object schema and describes the real output',
		async (_name, c) => {
			// The path matches the node: version 1 → v1.0.0, a real resource and operation.
			expect(c.node.description.version).toBe(1);
			if (c.resource) expect(optionValues(c.node, 'resource')).toContain(c.resource);
			expect(optionValues(c.node, 'operation', c.resource)).toContain(c.operation);

			const outputs = await c.outputs(systems);
			expect(outputs.length).toBeGreaterThan(0);
			const file = schemaFile(c);
			if (UPDATE) {
				fs.mkdirSync(path.dirname(file), { recursive: true });
				fs.writeFileSync(file, JSON.stringify(inferSchema(outputs, c.description)));
				// Formatted as `npm run format` would, so regenerating keeps `prettier --check` clean.
				execFileSync(path.join(ROOT, 'node_modules', '.bin', 'prettier'), ['--write', file], {
					cwd: ROOT,
					stdio: 'ignore',
				});
			}
			const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as JsonSchema;
			expect(checkSchema(schema)).toEqual([]);
			expect(schema.$schema).toBe(DRAFT_07);
			// What n8n's editor requires before it shows a schema preview: type and non-empty properties.
			expect(schema.type).toBe('object');
			expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
			for (const [i, json] of outputs.entries()) {
				expect({ item: i, problems: validate(schema, json) }).toEqual({ item: i, problems: [] });
				expect({ item: i, undescribed: undescribed(schema, json) }).toEqual({
					item: i,
					undescribed: [],
				});
			}
		},
	);

	it('every shipped schema file belongs to a case above (no stale schemas)', () => {
		const expected = new Set(CASES.map(schemaFile));
		const found: string[] = [];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(full);
				else if (full.includes(`${path.sep}__schema__${path.sep}`)) found.push(full);
			}
		};
		walk(path.join(ROOT, 'nodes'));
		expect(found.sort()).toEqual([...expected].sort());
		for (const file of found) expect(() => JSON.parse(fs.readFileSync(file, 'utf8'))).not.toThrow();
	});
});
