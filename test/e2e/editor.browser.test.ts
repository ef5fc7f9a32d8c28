/**
 * Issue 11: the package in n8n's editor, as a user meets it. A real `n8n start` (the packed
 * package installed, the emulators with their sample data) and the editor in headless Chromium:
 * the owner account through the setup form, the SAP B1 Service Layer credential made in the UI,
 * every credential tested (OK, then a wrong secret shows our message, then OK again), the
 * templates imported through the workflow menu, every node opened (no parameter issues, every
 * options list loads, every dropdown lists items, nothing rewritten by opening), and the orders
 * flow run from the editor with its summary read from the output panel and checked against the
 * emulated SAP and Magento.
 *
 * Screenshots (canvases, every node panel, credential dialogs) go to a folder outside the repo,
 * printed at the start; `UPDATE_SCREENSHOTS=1` also writes the README's images to docs/images.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Editor, unflatten, type NodePanel } from './browser';
import { N8nInstance, REPO_ROOT } from './n8n';
import { startServer, type N8nServer } from './server';
import { credentialsFor, installFromEnv, startSystems, type Systems } from './systems';

jest.setTimeout(900_000);

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Editor',
	lastName: 'Owner',
	password: 'Browser-Test-Passw0rd',
};
const TEMPLATES = {
	orders: 'sync-orders-chain.json',
	shipments: 'shipment-notification.json',
	stock: 'stock-and-prices.json',
} as const;
type Template = keyof typeof TEMPLATES;
const COMMIT = 'Checkpoint: Commit (Run Summary)';
const SAP_COMMENT = /^Created in SAP B1 as sales order \d+$/;
const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');
const README_IMAGES = process.env.UPDATE_SCREENSHOTS === '1';

const slug = (s: string) =>
	s
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
const log = (message: string) => process.stderr.write(`[editor-browser] ${message}\n`);

describe('The n8n editor (headless Chromium): owner, credentials, templates, every node, a run', () => {
	let systems: Systems;
	let n8n: N8nInstance;
	let server: N8nServer;
	let editor: Editor;
	const shots = path.join(
		os.tmpdir(),
		'n8n-nodes-sapb1-magento2-browser',
		new Date().toISOString().replace(/[:.]/g, '-'),
	);
	const workflows: Partial<Record<Template, string>> = {};
	const credentialIds: Record<string, string> = {};

	beforeAll(async () => {
		log(`screenshots: ${shots}`);
		systems = await startSystems();
		n8n = await N8nInstance.create(installFromEnv());
		// Magento and SQL Server as the other end-to-end tests import them (the CLI); the Service
		// Layer credential is made in the UI below.
		await n8n.importCredentials(
			credentialsFor(systems).filter((c) => c.type !== 'sapB1ServiceLayerApi'),
		);
		server = await startServer(n8n, installFromEnv());
		editor = await Editor.launch(server.url, shots);
	});
	afterAll(async () => {
		await editor?.close();
		await server?.stop();
		n8n?.dispose();
		await systems?.close();
	});

	it('creates the owner account through the setup form', async () => {
		const { page } = editor;
		await page.goto(`${server.url}/`);
		await page.waitForURL((u) => u.pathname.startsWith('/setup'));
		const form = page.getByTestId('setup-form');
		for (const [field, value] of Object.entries(OWNER))
			await form.locator(`input[name="${field}"]`).fill(value);
		const [answer] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/rest/owner/setup')),
			form.getByTestId('form-submit-button').click(),
		]);
		expect(answer.status()).toBe(200);
		await page.waitForURL((u) => !u.pathname.startsWith('/setup'));
		const me = await editor.api('GET', '/login');
		expect(me).toMatchObject({ email: OWNER.email, role: 'global:owner' });
	});

	it('makes the SAP B1 Service Layer credential in the UI: a wrong password says what to check, the right one logs in', async () => {
		const { sl } = systems;
		await editor.newCredential('SAP B1 Service Layer API');
		await editor.fillCredential('baseUrl', sl.baseUrl('v2'));
		await editor.fillCredential('companyDb', sl.companyDb);
		await editor.fillCredential('username', sl.user);
		await editor.fillCredential('password', `${sl.password}-wrong`);
		await editor.nameCredential('SAP B1 Service Layer');
		const wrong = await editor.saveCredential();
		await editor.shot('credential-sap-b1-service-layer-wrong-password');
		expect(wrong.ok).toBe(false);
		expect(wrong.answer?.message).toMatch(
			new RegExp(
				`^SAP refused the login: SAP error .*\\. Check the Company Database \\("${sl.companyDb}"\\), the User and the Password`,
			),
		);
		expect(wrong.shown).toContain(wrong.answer!.message!.slice(0, 60));
		await editor.fillCredential('password', sl.password);
		const right = await editor.saveCredential();
		expect(right).toMatchObject({ ok: true, answer: { status: 'OK' } });
		expect(right.answer?.message).toMatch(new RegExp(`^Logged in to company ${sl.companyDb}`));
		await editor.closeCredential();

		const saved = (await editor.api('GET', '/credentials')) as Array<any>;
		const made = saved.find((c) => c.type === 'sapB1ServiceLayerApi');
		expect(made).toMatchObject({ name: 'SAP B1 Service Layer' });
		for (const c of saved) credentialIds[c.type] = c.id;
		expect(Object.keys(credentialIds).sort()).toEqual([
			'magento2StoreApi',
			'sapB1ServiceLayerApi',
			'sapB1SqlServerApi',
		]);
	});

	// The field to spoil, its right value, and the message our credential test gives.
	const wrongSecret: Array<{
		type: string;
		field: string;
		right: () => string;
		message: () => RegExp;
	}> = [
		{
			type: 'sapB1ServiceLayerApi',
			field: 'password',
			right: () => systems.sl.password,
			message: () => /^SAP refused the login: .*Check the Company Database/,
		},
		{
			type: 'magento2StoreApi',
			field: 'consumerSecret',
			right: () => systems.magento.credentials.consumerSecret,
			message: () =>
				/^Magento refused the (credential|request).*(consumer key and secret|consumer secret)/,
		},
		{
			type: 'sapB1SqlServerApi',
			field: 'password',
			right: () => String(systems.sql.config.password),
			message: () => new RegExp(`^SQL Server login failed for user "${systems.sql.config.user}"`),
		},
	];
	it.each(wrongSecret.map((w) => [w.type, w]))(
		'%s: the test passes on opening, a wrong secret shows our message, the right one passes again',
		async (_type, w) => {
			const id = credentialIds[w.type];
			const opened = await editor.openCredential(id);
			await editor.shot(`credential-${slug(w.type)}`);
			expect(opened).toMatchObject({ ok: true, answer: { status: 'OK' } });
			expect(opened.shown).toMatch(/Connection tested successfully/);

			await editor.fillCredential(w.field, 'wrong-secret-1');
			const wrong = await editor.saveCredential();
			await editor.shot(`credential-${slug(w.type)}-wrong-secret`);
			expect(wrong.answer?.status).toBe('Error');
			expect(wrong.answer?.message).toMatch(w.message());
			expect(wrong.answer?.message).not.toMatch(/\.\./); // one sentence ends, ours begins
			expect(wrong.ok).toBe(false);
			expect(wrong.shown).toContain(wrong.answer!.message!.slice(0, 60));

			await editor.fillCredential(w.field, w.right());
			const right = await editor.saveCredential();
			expect(right).toMatchObject({ ok: true, answer: { status: 'OK' } });
			await editor.closeCredential();
		},
	);

	it.each(Object.keys(TEMPLATES) as Template[])(
		'imports the %s template through the workflow menu (Import → From file)',
		async (template) => {
			const file = path.join(REPO_ROOT, 'workflows', TEMPLATES[template]);
			const id = await editor.importFromFile(file);
			workflows[template] = id;
			const stored = await editor.api('GET', `/workflows/${id}`);
			const source = JSON.parse(fs.readFileSync(file, 'utf8'));
			expect(stored.name).toBe(source.name);
			expect(stored.nodes.map((n: any) => n.name).sort()).toEqual(
				source.nodes.map((n: any) => n.name).sort(),
			);
			// The credentials are referenced by name: they resolve to those of this n8n (the Service
			// Layer one made in the UI has an id of n8n's choosing).
			for (const node of stored.nodes)
				for (const [type, ref] of Object.entries(node.credentials ?? {}) as Array<[string, any]>)
					expect({ node: node.name, type, id: ref.id }).toEqual({
						node: node.name,
						type,
						id: credentialIds[type],
					});
			await editor.page.waitForTimeout(1500); // the canvas fits the view after the import
			await editor.shot(`${template}-canvas`);
			if (README_IMAGES && template !== 'stock')
				await editor.shot('', path.join(DOCS_IMAGES, `${template}-template.png`));
			expect(await editor.canvasNodesWithIssues()).toEqual([]);
		},
	);

	it.each(Object.keys(TEMPLATES) as Template[])(
		'opens every node of the %s template: no parameter issues, every option list loads, every dropdown lists items, nothing rewritten',
		async (template) => {
			const id = workflows[template]!;
			const patches: string[] = [];
			const onRequest = (q: import('playwright-core').Request) => {
				if (q.method() === 'PATCH' && q.url().includes(`/rest/workflows/${id}`))
					patches.push(q.postData() ?? '');
			};
			const before = await editor.api('GET', `/workflows/${id}`);
			await editor.openWorkflow(id);
			editor.page.on('request', onRequest);
			const panels: Record<string, NodePanel> = {};
			try {
				for (const name of await editor.canvasNodeNames()) {
					const file = path.join(shots, `${template}-node-${slug(name)}.png`);
					const extra =
						README_IMAGES && name === 'SAP B1: Create Sales Order'
							? [path.join(DOCS_IMAGES, 'node-panel-create-sales-order.png')]
							: [];
					panels[name] = await editor.inspectNode(name, [file, ...extra]);
				}
				await editor.page.waitForTimeout(3000); // an autosave would go out ~1.5 s after a change
			} finally {
				editor.page.off('request', onRequest);
			}
			log(
				`${template}: ${Object.entries(panels)
					.map(
						([n, p]) =>
							`${n} [${p.dropdowns.map((d) => `${d.path.replace(/^parameters\./, '')}=${d.items}`).join(', ')}]${p.loadOptions.length ? ` options ${p.loadOptions.map((o) => `${o.method}=${o.status}/${o.count}`).join(', ')}` : ''}`,
					)
					.join('; ')}`,
			);
			const source = JSON.parse(
				fs.readFileSync(path.join(REPO_ROOT, 'workflows', TEMPLATES[template]), 'utf8'),
			);
			const nodes = source.nodes.filter((n: any) => n.type !== 'n8n-nodes-base.stickyNote');
			expect(Object.keys(panels).sort()).toEqual(nodes.map((n: any) => n.name).sort());

			const issues = Object.entries(panels).flatMap(([n, p]) => p.issues.map((i) => `${n}: ${i}`));
			expect(issues).toEqual([]);
			const options = Object.values(panels).flatMap((p) => p.loadOptions);
			for (const o of options)
				expect({ ...o, count: (o.count ?? 0) > 0 }).toEqual({ ...o, status: 200, count: true });
			if (template === 'orders')
				// SAP B1: Create Sales Order lists tax codes and freight codes from SAP.
				expect(options.map((o) => o.method)).toEqual(
					expect.arrayContaining([
						'getTaxCodesOrSapDefault',
						'getShippingTaxCodes',
						'getExpenseCodes',
					]),
				);
			const empty = Object.entries(panels).flatMap(([n, p]) =>
				p.dropdowns.filter((d) => d.items < 1).map((d) => `${n}: ${d.path}`),
			);
			expect(empty).toEqual([]);
			expect(Object.values(panels).reduce((s, p) => s + p.dropdowns.length, 0)).toBeGreaterThan(0);
			// Each node with a credential shows it by the name it has in n8n.
			for (const node of nodes.filter((n: any) => n.credentials))
				expect({ node: node.name, credential: panels[node.name].credential }).toEqual({
					node: node.name,
					credential: (Object.values(node.credentials)[0] as any).name,
				});
			// Opening nodes must not change the workflow (n8n autosaves when the panel rewrites a value).
			expect(patches).toEqual([]);
			const after = await editor.api('GET', `/workflows/${id}`);
			expect(after.versionId).toBe(before.versionId);
		},
	);

	it('runs the orders flow from the editor (Run Now) and shows the run summary, which matches SAP and Magento', async () => {
		const { page } = editor;
		const id = workflows.orders!;
		const { sl, magento } = systems;
		const sapBefore = new Set(sl.state.Orders.map((o: any) => o.DocEntry));
		await editor.openWorkflow(id);

		// Initial Cursor on Checkpoint: Start (an expression in the template): the sample orders' week.
		await editor.canvasNode('Checkpoint: Start').dblclick();
		const ndv = page.getByTestId('ndv');
		const cursor = ndv.getByTestId('parameter-input-initialCursor');
		await cursor.waitFor();
		const saved = page.waitForResponse(
			(r) => r.url().includes(`/rest/workflows/${id}`) && r.request().method() === 'PATCH',
		);
		saved.catch(() => undefined);
		const field = (await cursor.locator('.cm-content').count())
			? cursor.locator('.cm-content')
			: cursor.locator('input').first();
		await field.fill('2026-11-15 00:00:00');
		// The run executes the saved workflow: wait for the autosave with the panel still open.
		expect((await saved).ok()).toBe(true);
		await editor.closeNode();
		const stored = await editor.api('GET', `/workflows/${id}`);
		expect(
			stored.nodes.find((n: any) => n.name === 'Checkpoint: Start').parameters.initialCursor,
		).toMatch(/^=?2026-11-15 00:00:00$/);

		const run = page.getByTestId('execute-workflow-button');
		await run.locator('xpath=../..').getByRole('button', { name: 'Select trigger node' }).click();
		await page.getByTestId('action-Run Now').click();
		const [started] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith(`/rest/workflows/${id}/run`)),
			run.click(),
		]);
		expect(started.ok()).toBe(true);
		const executionId = String((await started.json()).data.executionId);

		const commitDone = editor.canvasNode(COMMIT).getByTestId('canvas-node-status-success');
		await commitDone.waitFor({ timeout: 300_000 });
		let execution: any;
		for (let i = 0; i < 600; i++) {
			execution = await editor.api('GET', `/executions/${executionId}`);
			if (execution.stoppedAt) break;
			await page.waitForTimeout(500);
		}
		expect({ status: execution.status, mode: execution.mode }).toEqual({
			status: 'success',
			mode: 'manual',
		});
		const runData = unflatten(execution.data).resultData.runData;
		const stored_ = runData[COMMIT].at(-1).data.main[0].map((i: any) => i.json);
		expect(stored_).toHaveLength(1);
		await editor.shot('orders-after-run');

		// The summary as the output panel shows it (JSON view).
		await editor.canvasNode(COMMIT).dblclick();
		const output = ndv.getByTestId('output-panel');
		await output.getByRole('radio', { name: 'JSON' }).click();
		// The JSON view renders each token on its own line; read it until it parses (it may still be
		// rendering, and the pointer over a row adds hover content).
		await page.mouse.move(0, 0);
		let shown: any;
		let text = '';
		for (let attempt = 1; shown === undefined; attempt++) {
			text = await output.locator('.json-data').first().innerText();
			try {
				shown = JSON.parse(
					text
						.split('\n')
						.map((l) => l.trim())
						.join(''),
				);
			} catch (error) {
				if (attempt === 40)
					throw new Error(`the output panel's JSON does not parse: ${error}\n${text}`);
				await page.waitForTimeout(500);
			}
		}
		await editor.shot('orders-node-commit-run-summary-output');
		await editor.closeNode();
		const summary = Array.isArray(shown) ? shown[0] : shown;
		expect(summary).toEqual(stored_[0]);
		log(`orders run from the editor: ${JSON.stringify(summary).slice(0, 600)}`);

		// Against the emulators: each order created is in SAP once with a comment in Magento naming it;
		// each failure is not in SAP.
		const created = sl.state.Orders.filter((o: any) => !sapBefore.has(o.DocEntry));
		expect(summary.created).toBeGreaterThan(0);
		expect(summary.created).toBe(created.length);
		expect(summary.cursorBefore).toBe('2026-11-15 00:00:00');
		for (const order of created) {
			expect(sl.state.Orders.filter((o: any) => o.NumAtCard === order.NumAtCard)).toHaveLength(1);
			const comments = magento
				.findOrder(String(order.NumAtCard))!
				.status_histories.filter((h: any) => SAP_COMMENT.test(String(h.comment)));
			expect(comments.map((c: any) => c.comment)).toEqual([
				`Created in SAP B1 as sales order ${order.DocNum}`,
			]);
		}
		expect(summary.failed).toBe(summary.failures.length);
		for (const failure of summary.failures)
			expect(sl.state.Orders.filter((o: any) => o.NumAtCard === failure.id)).toHaveLength(0);
	});
});
