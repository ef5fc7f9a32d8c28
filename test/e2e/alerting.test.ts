/**
 * Issue 11: a sync that needs a human ends as a failed execution, after its checkpoint is saved,
 * and the workflow's Error Workflow runs. The orders template runs on its schedule inside
 * `n8n start` (published, as in production) with the alert template (workflows/sync-alert.json)
 * as its Error Workflow, posting to a local stand-in for a chat webhook.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { N8nInstance } from './n8n';
import { publishWorkflow, startServer, type N8nServer } from './server';
import {
	installFromEnv,
	loadTemplate,
	n8nWithCredentials,
	setNodeParameters,
	startSystems,
	type Systems,
} from './systems';

jest.setTimeout(600_000);

const ORDERS_ID = 'sapb1OrdersSync';
const ALERT_ID = 'sapb1SyncAlert';

describe('Alerting: Commit fails the execution when orders are parked, the Error Workflow posts it', () => {
	let systems: Systems;
	let n8n: N8nInstance;
	let server: N8nServer | undefined;
	let hook: http.Server;
	const posts: Array<{ text: string }> = [];

	beforeAll(async () => {
		hook = http.createServer((req, res) => {
			let body = '';
			req.on('data', (d) => (body += d));
			req.on('end', () => {
				posts.push(JSON.parse(body));
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			});
		});
		await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
		systems = await startSystems();
		n8n = await n8nWithCredentials(systems);

		const orders = loadTemplate('sync-orders-chain.json');
		setNodeParameters(orders, 'Checkpoint: Start', { initialCursor: '2026-11-15 00:00:00' });
		// One attempt: 000000110 (an item SAP lacks) is parked on the first run.
		setNodeParameters(orders, 'Checkpoint: Commit (Run Summary)', {
			options: { maxAttempts: 1, failWhen: 'parked' },
		});
		// Every 10 seconds instead of 5 minutes, and the alert as the Error Workflow (Workflow settings).
		setNodeParameters(orders, 'Every 5 Minutes', {
			rule: { interval: [{ field: 'seconds', secondsInterval: 10 }] },
		});
		orders.settings.errorWorkflow = ALERT_ID;
		const alert = loadTemplate('sync-alert.json');
		const port = (hook.address() as AddressInfo).port;
		setNodeParameters(alert, 'Post to Chat', { url: `http://127.0.0.1:${port}/hooks/sync` });
		alert.nodes = alert.nodes.filter((n: any) => n.name !== 'E-mail the Team');
		alert.connections['When a Sync Needs a Human'].main[0] = alert.connections[
			'When a Sync Needs a Human'
		].main[0].filter((c: any) => c.node !== 'E-mail the Team');
		await n8n.importWorkflow(alert);
		await n8n.importWorkflow(orders);
		// n8n 2.x runs an Error Workflow only when it is published ("is not active and cannot be executed").
		await publishWorkflow(n8n, ALERT_ID);
		await publishWorkflow(n8n, ORDERS_ID);
	});
	afterAll(async () => {
		await server?.stop();
		n8n?.dispose();
		await systems?.close();
		await new Promise((resolve) => hook?.close(resolve));
	});

	it('saves the checkpoint, fails the scheduled execution and runs the Error Workflow with the parked order', async () => {
		server = await startServer(n8n, installFromEnv());
		const deadline = Date.now() + 180_000;
		while (posts.length === 0 && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 1000));
		await server.stop();
		server = undefined;

		expect(posts.length).toBeGreaterThan(0);
		const { text } = posts[0];
		expect(text).toMatch(
			/^Magento 2 → SAP B1: sync orders chain: Checkpoint "magentoOrders" needs attention: 1 record parked, no longer retried: 000000110\n/,
		);
		expect(text).toMatch(/parked 000000110 after 1 attempts: .*LEGACY-404/);
		expect(text).toMatch(/The checkpoint state was saved/);

		// What n8n saved after the failed execution: the orders created, 110 parked, the cursor moved.
		const state = (await n8n.exportWorkflow(ORDERS_ID)).staticData.global[
			'syncCheckpoint:magentoOrders'
		];
		expect(Object.keys(state.parked)).toEqual(['000000110']);
		expect(state.cursor).toEqual({ at: '2026-11-22 08:00:04', id: 216 });
		expect(state.pending ?? null).toBeNull();
		const inSap = systems.sl.state.Orders.filter((o: any) =>
			/^0000001(0[1-9])$/.test(String(o.NumAtCard)),
		);
		expect(inSap).toHaveLength(9);
	});
});
