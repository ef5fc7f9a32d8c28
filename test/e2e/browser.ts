/**
 * The n8n editor in headless Chromium (Debian's `chromium`, driven by playwright-core, which
 * downloads no browser), for the editor's browser test. What it knows about n8n 2.41.1's editor:
 * - test ids are `data-test-id`, not `data-testid`;
 * - the session cookie is bound to the `browser-id` header the editor sends (from localStorage):
 *   the page and our REST calls (`Editor.api`, sharing the page's cookies) use the same id;
 * - after the first load, navigation goes through the editor's router (a full load takes 7–18 s
 *   on a busy machine, a route change 1–3 s);
 * - one tab holds a workflow's write lock; another one shows "Edit here" (and is read-only).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
	chromium,
	selectors,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page,
	type Request,
	type Response,
} from 'playwright-core';

const BROWSER_ID = 'b7d0c0de-0000-4000-8000-00000000e2e1';

export function chromiumPath(): string {
	const file = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!fs.existsSync(file))
		throw new Error(
			`no Chromium at ${file}: run scripts/ensure-system.sh (apt-get install chromium) or set CHROMIUM_PATH`,
		);
	return file;
}

/** One `POST /rest/dynamic-node-parameters/*` request (loadOptions, list search) and its answer. */
export interface OptionsRequest {
	path?: string;
	method?: string;
	status: number | 'failed';
	/** Number of options answered (undefined when the answer has no list). */
	count?: number;
	message?: string;
}

/** What opening a node in the node details view showed. */
export interface NodePanel {
	/** `parameter path: issue text` of every parameter shown with an issue. */
	issues: string[];
	loadOptions: OptionsRequest[];
	/** Every visible dropdown and the number of items it listed when opened. */
	dropdowns: Array<{ path: string; items: number }>;
	/** The credential selected on the node, if it has one. */
	credential?: string;
}

/** The outcome of a credential test as the credential dialog shows it, and as n8n answered it. */
export interface CredentialTest {
	ok: boolean;
	/** The dialog's banner text (with the details opened on a failure). */
	shown: string;
	/** `POST /rest/credentials/test`'s answer, when the step sent one. */
	answer?: { status: string; message?: string };
}

let testIdSet = false;

export class Editor {
	/** Options requests since the last `resetOptions()`, and how many are still in flight. */
	private options: OptionsRequest[] = [];
	private inflight = 0;
	private lastOptionsEvent = Date.now();

	private constructor(
		readonly browser: Browser,
		readonly context: BrowserContext,
		readonly page: Page,
		readonly baseUrl: string,
		readonly shotsDir: string,
	) {
		const isOptions = (q: Request) => q.url().includes('/rest/dynamic-node-parameters/');
		page.on('request', (q) => {
			if (!isOptions(q)) return;
			this.inflight++;
			this.lastOptionsEvent = Date.now();
		});
		const done = async (q: Request, response: Response | null) => {
			let body: { path?: string; methodName?: string } = {};
			try {
				body = JSON.parse(q.postData() ?? '{}');
			} catch {
				// not JSON
			}
			let json: any;
			try {
				json = response ? await response.json() : undefined;
			} catch {
				// not JSON
			}
			this.options.push({
				path: body.path,
				method: body.methodName,
				status: response?.status() ?? 'failed',
				count: Array.isArray(json?.data)
					? json.data.length
					: Array.isArray(json?.data?.results)
						? json.data.results.length
						: undefined,
				message: json?.message,
			});
			this.inflight--;
			this.lastOptionsEvent = Date.now();
		};
		page.on('requestfinished', async (q) => {
			if (isOptions(q)) await done(q, await q.response());
		});
		page.on('requestfailed', async (q) => {
			if (isOptions(q)) await done(q, null);
		});
	}

	/** Headless Chromium with one page, 1600×1000, generous timeouts (the machine may be busy). */
	static async launch(baseUrl: string, shotsDir: string): Promise<Editor> {
		if (!testIdSet) {
			selectors.setTestIdAttribute('data-test-id');
			testIdSet = true;
		}
		fs.mkdirSync(shotsDir, { recursive: true });
		const browser = await chromium.launch({
			executablePath: chromiumPath(),
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		try {
			const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
			context.setDefaultTimeout(90_000);
			context.setDefaultNavigationTimeout(120_000);
			await context.addInitScript(
				(id) => (globalThis as any).localStorage.setItem('n8n-browserId', id),
				BROWSER_ID,
			);
			const page = await context.newPage();
			return new Editor(browser, context, page, baseUrl, shotsDir);
		} catch (error) {
			await browser.close();
			throw error;
		}
	}

	/** Closes the browser (Playwright ends the Chromium process it started). */
	async close(): Promise<void> {
		await this.browser.close().catch(() => undefined);
	}

	/** n8n's REST API with the page's session (and its browser id); returns the answer's `data`. */
	async api(method: string, route: string, data?: unknown): Promise<any> {
		const r = await this.context.request.fetch(`${this.baseUrl}/rest${route}`, {
			method,
			data,
			headers: { 'browser-id': BROWSER_ID },
		});
		if (!r.ok())
			throw new Error(`${method} /rest${route}: ${r.status()} ${(await r.text()).slice(0, 500)}`);
		return (await r.json()).data;
	}

	/** A route of the editor, through its router once the app is loaded. */
	async nav(route: string): Promise<void> {
		const pushed = await this.page
			.evaluate(async (to) => {
				const app = (globalThis as any).document.querySelector('#app')?.__vue_app__;
				const router = app?.config.globalProperties.$router;
				if (!router) return false;
				await router.push(to);
				return true;
			}, route)
			.catch(() => false);
		if (!pushed) await this.page.goto(`${this.baseUrl}${route}`);
	}

	async shot(name: string, file?: string): Promise<string> {
		const target = file ?? path.join(this.shotsDir, `${name}.png`);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		await this.page.mouse.move(0, 0); // no hover highlight in the picture
		await this.page.screenshot({ path: target });
		return target;
	}

	/** Takes over the workflow's write lock when another tab (an earlier one) still holds it. */
	async ensureWritable(): Promise<void> {
		const editHere = this.page.getByRole('button', { name: 'Edit here' });
		await editHere.waitFor({ timeout: 3000 }).catch(() => undefined);
		if (await editHere.isVisible()) await editHere.click();
	}

	/** Opens a workflow and waits for its canvas. */
	async openWorkflow(id: string): Promise<void> {
		await this.nav(`/workflow/${id}`);
		await this.page.waitForURL((u) => u.pathname === `/workflow/${id}`);
		await this.canvasNodes().first().waitFor();
		await this.ensureWritable();
	}

	canvasNodes(): Locator {
		return this.page.getByTestId('canvas-node');
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	async canvasNodeNames(): Promise<string[]> {
		return await this.canvasNodes().evaluateAll((els) =>
			els.map((e) => e.getAttribute('data-node-name') ?? ''),
		);
	}

	/** Names of the canvas nodes that show the red issues marker. */
	async canvasNodesWithIssues(): Promise<string[]> {
		return await this.page
			.locator('[data-test-id="canvas-node"]:has([data-test-id="node-issues"])')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-node-name') ?? ''));
	}

	/**
	 * A new workflow, then the workflow menu's Import → From file with the file chooser. n8n
	 * autosaves the imported workflow; returns its id.
	 */
	async importFromFile(file: string): Promise<string> {
		const { page } = this;
		await this.nav('/workflow/new');
		await page.waitForURL(/\/workflow\/[^/?]+\?new=true/);
		for (let attempt = 1; ; attempt++) {
			// The header re-renders while the new workflow settles: a menu opened early can close.
			try {
				await page.getByTestId('workflow-menu').click({ timeout: 20_000 });
				await page.getByTestId('workflow-menu-item-import').hover({ timeout: 10_000 });
				await page.getByTestId('workflow-menu-item-import-from-file').waitFor({ timeout: 10_000 });
				break;
			} catch (error) {
				if (attempt === 4) throw error;
				await page.keyboard.press('Escape');
				await page.waitForTimeout(1000);
			}
		}
		const saved = page.waitForResponse(
			(r) => r.url().endsWith('/rest/workflows') && r.request().method() === 'POST',
		);
		const [chooser] = await Promise.all([
			page.waitForEvent('filechooser'),
			page.getByTestId('workflow-menu-item-import-from-file').click(),
		]);
		await chooser.setFiles(file);
		const answer = await saved;
		if (!answer.ok()) throw new Error(`saving the imported workflow: ${answer.status()}`);
		const id = String((await answer.json()).data.id);
		await page.waitForURL((u) => u.pathname === `/workflow/${id}`);
		await this.canvasNodes().first().waitFor();
		return id;
	}

	/** Waits until no options request is in flight and none came for `quietMs`. */
	private async optionsSettled(quietMs = 1000): Promise<void> {
		const start = Date.now();
		while (this.inflight > 0 || Date.now() - this.lastOptionsEvent < quietMs) {
			if (Date.now() - start > 120_000) throw new Error('options requests did not settle');
			await this.page.waitForTimeout(100);
		}
	}

	/**
	 * Opens a node (double-click on the canvas), waits for its options requests and for the issues
	 * to settle (an option "not in the list" shows only after the list arrived), reads every issue,
	 * opens every visible dropdown (by its caret: a click on a multi-select's middle can hit a tag's
	 * remove button) and closes the panel again. `shot` saves a screenshot of the open panel.
	 */
	async inspectNode(name: string, shot?: string[]): Promise<NodePanel> {
		const { page } = this;
		const ndv = page.getByTestId('ndv');
		this.options = [];
		await this.canvasNode(name).dblclick();
		await ndv.getByTestId('node-parameters').waitFor();
		await this.optionsSettled();
		for (let count = -1, since = Date.now(); Date.now() - since < 1500;) {
			const now = await ndv.locator('.has-issues').count();
			if (now !== count) {
				count = now;
				since = Date.now();
			}
			await page.waitForTimeout(150);
		}
		const issues: string[] = [];
		for (const el of await ndv.locator('.has-issues:visible').all()) {
			const at =
				(await el
					.locator('[data-parameter-path]')
					.first()
					.getAttribute('data-parameter-path', { timeout: 2000 })
					.catch(() => null)) ??
				(await el.evaluate(
					(e) => e.closest('[data-parameter-path]')?.getAttribute('data-parameter-path') ?? '?',
				));
			let text = '';
			const marker = el.getByTestId('parameter-issues').first();
			if (await marker.count()) {
				await page.mouse.move(0, 0);
				await marker.hover();
				await page.waitForTimeout(1000);
				const tips = await page
					.locator('.el-popper:visible, [role="tooltip"]:visible')
					.allInnerTexts();
				text = (tips.filter((t) => t.includes('Issues')).at(-1) ?? '').replace(/\s+/g, ' ');
			}
			issues.push(`${at}: ${text.replace(/^Issues:\s*/, '') || '(issue marker)'}`);
		}
		const dropdowns: NodePanel['dropdowns'] = [];
		for (const select of await ndv.locator('[data-parameter-path] .el-select:visible').all()) {
			if (await select.evaluate((e) => e.classList.contains('is-disabled'))) continue;
			const at = await select.evaluate(
				(e) => e.closest('[data-parameter-path]')?.getAttribute('data-parameter-path') ?? '?',
			);
			const list = await select
				.locator('input[role="combobox"]')
				.first()
				.getAttribute('aria-controls');
			const listbox = page.locator(`[id="${list}"]`);
			await select.locator('.el-select__caret').first().click();
			await listbox.waitFor();
			dropdowns.push({
				path: at,
				items: await listbox.locator('.el-select-dropdown__item').count(),
			});
			await page.keyboard.press('Escape'); // closes the dropdown, not the panel
			await listbox.waitFor({ state: 'hidden', timeout: 10_000 });
		}
		const credentialInput = ndv.getByTestId('node-credentials-select').locator('input').first();
		const credential = (await credentialInput.count())
			? await credentialInput.inputValue()
			: undefined;
		if (shot?.length) {
			// Probing the dropdowns scrolled the parameters: the picture shows them from the top.
			await ndv.getByTestId('node-parameters').evaluate((el) => {
				for (let e: any = el; e; e = e.parentElement) if (e.scrollTop) e.scrollTop = 0;
			});
			await page.waitForTimeout(300);
		}
		for (const file of shot ?? []) await this.shot(path.basename(file, '.png'), file);
		await this.closeNode();
		return { issues, loadOptions: this.options, dropdowns, credential };
	}

	async closeNode(): Promise<void> {
		const ndv = this.page.getByTestId('ndv');
		await this.page.getByTestId('ndv-close-button').click();
		await ndv.waitFor({ state: 'hidden' });
	}

	// ---- credentials ------------------------------------------------------------------------

	credentialDialog(): Locator {
		return this.page.getByTestId('credential-edit-dialog');
	}

	/** The test result the open credential dialog shows (a test runs when it opens and on Save). */
	async credentialTestShown(): Promise<{ ok: boolean; shown: string }> {
		const dialog = this.credentialDialog();
		const success = dialog.getByTestId('credentials-config-container-test-success');
		// No test id for the failure in 2.41.1: "Couldn’t connect with these settings".
		const failure = dialog
			.locator('.el-tag--danger')
			.filter({ hasText: 'connect with these settings' });
		await success.or(failure).first().waitFor();
		if (await success.isVisible())
			return { ok: true, shown: (await success.innerText()).replace(/\s+/g, ' ').trim() };
		const more = failure.getByText('More details');
		if (await more.count()) await more.click();
		return { ok: false, shown: (await failure.innerText()).replace(/\s+/g, ' ').trim() };
	}

	/** Opens an existing credential (its test runs at once) and returns what the test showed. */
	async openCredential(id: string): Promise<CredentialTest> {
		const tested = this.page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test'));
		tested.catch(() => undefined);
		await this.nav(`/home/credentials/${id}`);
		await this.credentialDialog().waitFor();
		const answer = (await (await tested).json()).data;
		return { ...(await this.credentialTestShown()), answer };
	}

	async fillCredential(key: string, value: string): Promise<void> {
		await this.credentialDialog()
			.getByTestId(`parameter-input-${key}`)
			.locator('input, textarea')
			.first()
			.fill(value);
	}

	/** Save (PATCH or POST), which tests the credential again. */
	async saveCredential(): Promise<CredentialTest> {
		const tested = this.page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test'));
		await this.page.getByTestId('credential-save-button').click();
		const answer = (await (await tested).json()).data;
		// The banner of the previous test may still show for a moment: wait for the new one.
		const ok = answer?.status === 'OK';
		const dialog = this.credentialDialog();
		if (ok) await dialog.getByTestId('credentials-config-container-test-success').waitFor();
		else
			await dialog
				.locator('.el-tag--danger')
				.filter({ hasText: 'connect with these settings' })
				.waitFor();
		return { ...(await this.credentialTestShown()), answer };
	}

	/** The dialog's name (in its header, outside the element with the dialog's test id). */
	async nameCredential(name: string): Promise<void> {
		const title = this.page.getByTestId('credential-name');
		await title.click();
		const input = title.getByTestId('inline-edit-input');
		await input.fill(name);
		await input.press('Enter');
	}

	async closeCredential(): Promise<void> {
		await this.page
			.locator('.el-dialog:has([data-test-id="credential-edit-dialog"]) .el-dialog__headerbtn')
			.click();
		await this.credentialDialog().waitFor({ state: 'hidden' });
	}

	/** Credentials → Create credential → the type by its display name → Continue. */
	async newCredential(typeDisplayName: string): Promise<void> {
		await this.nav('/home/credentials');
		await this.page.getByRole('button', { name: 'Create credential' }).first().click();
		await this.page
			.getByTestId('new-credential-type-select')
			.locator('input')
			.fill(typeDisplayName);
		await this.page
			.getByTestId('new-credential-type-select-option')
			.filter({ hasText: typeDisplayName })
			.first()
			.click();
		await this.page.getByTestId('new-credential-type-button').click();
		await this.credentialDialog().waitFor();
	}
}

/** n8n's `GET /rest/executions/:id` gives the run data as a `flatted` string: every object and string is a slot. */
export function unflatten(text: string): any {
	const slots = JSON.parse(text) as unknown[];
	const done = new Map<number, unknown>();
	const revive = (i: number): unknown => {
		const v = slots[i];
		if (typeof v !== 'object' || v === null) return v;
		if (done.has(i)) return done.get(i);
		const out: any = Array.isArray(v) ? [] : {};
		done.set(i, out);
		for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? revive(Number(x)) : x;
		return out;
	};
	return revive(0);
}
