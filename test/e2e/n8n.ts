/**
 * Runs a real n8n (installed from npm into a cache outside the repo by scripts/ensure-n8n.sh)
 * with this package installed the way a user installs a community package: `npm pack`, then
 * `npm install <tarball>` in `<user folder>/.n8n/nodes`. Used by the end-to-end tests, the demo
 * and the benchmarks.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE =
	process.env.N8N_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-sapb1-magento2');
/** The n8n the end-to-end tests, the demo and the benchmarks run (N8N_VERSION overrides it). */
export const N8N_VERSION = process.env.N8N_VERSION ?? '2.41.1';
/** The n8n 1.x the template tests also run (on Node 20). */
export const N8N1_VERSION = '1.123.81';

export interface N8nInstall {
	nodeBin: string;
	n8nBin: string;
	/** `.n8n/nodes` folder with the packed package installed, copied into each user folder. */
	nodesTemplate: string;
	/**
	 * The Node that runs executionReader.cjs (built-in `node:sqlite`, Node >= 22.5): n8n's own
	 * Node for 2.x, the cached Node 24 for an n8n 1.x on Node 20. `nodeBin` when absent.
	 */
	readerNodeBin?: string;
}

function log(message: string) {
	if (process.env.N8N_E2E_QUIET !== '1') process.stderr.write(`[n8n-e2e] ${message}\n`);
}

/**
 * Installs an n8n (`version`, default N8N_VERSION) and the Node it runs on into the cache when
 * missing (several minutes the first time): 2.x on Node 24, 1.x on Node 20 (the machine's own
 * when it is one >= 20.19), and for 1.x the Node 24 that reads its database.
 */
export function ensureN8n(version: string = N8N_VERSION): {
	nodeBin: string;
	n8nBin: string;
	readerNodeBin: string;
} {
	execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'ensure-n8n.sh')], {
		env: { ...process.env, N8N_VERSION: version },
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const n8nDir = path.join(CACHE, `n8n-${version}`);
	const nodeBin = fs.readFileSync(path.join(n8nDir, '.node-bin'), 'utf8').trim();
	const n8nBin = path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const readerNodeBin = fs.readFileSync(path.join(n8nDir, '.reader-node-bin'), 'utf8').trim();
	return { nodeBin, n8nBin, readerNodeBin };
}

/** Builds and packs the package, installs the tarball into a nodes folder (as n8n's installer does). */
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
	// The runtime dependencies at the versions package-lock.json pins (those the fast suite tests):
	// a newer release can need a version of its own dependencies that the registry lacks.
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, overrides: lockedDependencies() }),
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

function lockedDependencies(): Record<string, string> {
	// Every runtime package (not only the direct ones): a dependency's dependency can be the one
	// whose newest release needs a version the registry lacks.
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

/** One execution in `listExecutions`. */
export interface ListedExecution {
	id: number;
	status: string;
	mode: string;
	startedAt?: string;
	stoppedAt?: string;
	jsonSizeBytes?: number;
	dataChars?: number;
	lastNodeExecuted?: string;
	/** First output's items of the listed nodes' last run, by node name. */
	items: Record<string, any[]>;
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

	private get readerNodeBin(): string {
		return this.install.readerNodeBin ?? this.install.nodeBin;
	}

	/** n8n's SQLite database in this user folder. */
	get databaseFile(): string {
		return path.join(this.userFolder, '.n8n', 'database.sqlite');
	}

	/**
	 * The newest execution of a workflow created at or after `createdAfterMs`, read from n8n's
	 * database (by executionReader.cjs under a Node that has `node:sqlite`: n8n's Node 24 for
	 * 2.x, the cached Node 24 for 1.x).
	 */
	readExecution(
		workflowId: string,
		createdAfterMs: number,
		options: ReadOptions = {},
	): Promise<StoredExecution> {
		return this.runReader({
			db: this.databaseFile,
			workflowId,
			createdAfter: sqliteTime(createdAfterMs),
			nodes: options.nodes ?? null,
			items: options.items ?? true,
		}) as Promise<StoredExecution>;
	}

	/** Runs executionReader.cjs with a spec and parses its one line of JSON. */
	private runReader(spec: Record<string, unknown>): Promise<unknown> {
		return new Promise((resolve, reject) => {
			const child = spawn(
				this.readerNodeBin,
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
					resolve(JSON.parse(Buffer.concat(out).toString('utf8')));
				} catch (e) {
					reject(e);
				}
			});
		});
	}

	/**
	 * Every execution of a workflow created at or after `createdAfterMs`, oldest first, with the
	 * items of the first output of the listed nodes' last run (read from n8n's database).
	 */
	listExecutions(
		workflowId: string,
		createdAfterMs: number,
		nodes: string[] = [],
	): Promise<ListedExecution[]> {
		return this.runReader({
			list: true,
			db: this.databaseFile,
			workflowId,
			createdAfter: sqliteTime(createdAfterMs),
			nodes,
		}) as Promise<ListedExecution[]>;
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
		const child = spawn(this.readerNodeBin, ['--no-warnings', READER, JSON.stringify(spec)], {
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

	/** Several workflows with one `n8n import:workflow` (one n8n start-up). */
	async importWorkflows(workflows: Array<Record<string, unknown>>): Promise<void> {
		await this.importJson('workflow', workflows);
	}

	/**
	 * Starts a long-running n8n command (`start`, `worker`) in its own process group, so that
	 * `kill` reaches its task-runner child too. `hostname` gives it its own UTS namespace and host
	 * name where the machine allows it: inside Docker n8n derives its host id from the host name,
	 * and two workers on one machine would otherwise share one.
	 */
	async spawn(
		name: string,
		args: string[],
		extraEnv: Record<string, string> = {},
		opts: { hostname?: string } = {},
	): Promise<N8nProcess> {
		const env = await this.env(extraEnv);
		const command = [this.install.nodeBin, this.install.n8nBin, ...args];
		const [file, ...argv] =
			opts.hostname && canUnshareUts()
				? ['unshare', '--uts', 'sh', '-c', 'hostname "$0" && exec "$@"', opts.hostname, ...command]
				: command;
		const child = spawn(file, argv, {
			env,
			cwd: this.userFolder,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		return new N8nProcess(name, child, path.join(this.userFolder, `${name}.log`));
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

export interface QueueClusterOptions {
	/** The Redis of the queue (Bull), on 127.0.0.1. */
	redisPort: number;
	/** Number of workers (default 2). */
	workers?: number;
	/** Bull's job lock, its renewal and the stalled-job check, in ms (n8n: 60 000, 10 000, 30 000). */
	bull?: { lockMs: number; renewMs: number; stalledMs: number };
	/** Imported (with one n8n start-up each) before the processes start. */
	credentials?: CredentialFile[];
	workflows?: Array<Record<string, unknown>>;
	/** How long each process may take to say it is ready (default 180 s). */
	readyTimeoutMs?: number;
}

/**
 * n8n in queue mode: a main (`n8n start`: editor, API, schedules) and workers (`n8n worker`: the
 * executions) sharing one Redis, one SQLite database file and one encryption key, each with the
 * package installed in its own user folder and its own task-broker port.
 */
export class QueueCluster {
	private constructor(
		readonly root: string,
		readonly instances: N8nInstance[],
		readonly main: N8nProcess,
		readonly workers: N8nProcess[],
		readonly api: N8nApi,
	) {}

	static async start(install: N8nInstall, opts: QueueClusterOptions): Promise<QueueCluster> {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
		const instances: N8nInstance[] = [];
		const processes: N8nProcess[] = [];
		try {
			const main = await N8nInstance.create(install, path.join(root, 'main'));
			instances.push(main);
			if (opts.credentials?.length) await main.importCredentials(opts.credentials);
			if (opts.workflows?.length) await main.importWorkflows(opts.workflows);
			const bull = opts.bull;
			const shared: Record<string, string> = {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(opts.redisPort),
				DB_TYPE: 'sqlite',
				// The main's database file (where the imports went), shared by every process.
				DB_SQLITE_DATABASE: path.join(main.userFolder, '.n8n', 'database.sqlite'),
				...(bull
					? {
							QUEUE_WORKER_LOCK_DURATION: String(bull.lockMs),
							QUEUE_WORKER_LOCK_RENEW_TIME: String(bull.renewMs),
							QUEUE_WORKER_STALLED_INTERVAL: String(bull.stalledMs),
						}
					: {}),
			};
			const port = await freePort();
			processes.push(
				await main.spawn(
					'main',
					['start'],
					{ ...shared, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1' },
					{ hostname: 'n8n-main' },
				),
			);
			for (let i = 1; i <= (opts.workers ?? 2); i++) {
				const worker = await N8nInstance.create(install, path.join(root, `worker-${i}`));
				instances.push(worker);
				processes.push(
					await worker.spawn(
						`worker-${i}`,
						['worker'],
						{
							...shared,
							QUEUE_HEALTH_CHECK_ACTIVE: 'true',
							QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
						},
						{ hostname: `n8n-worker-${i}` },
					),
				);
			}
			const readyMs = opts.readyTimeoutMs ?? 180_000;
			await Promise.all(
				processes.map((p) =>
					p.waitForLog(
						p.name === 'main' ? /Editor is now accessible via/ : /n8n worker is now ready/,
						readyMs,
					),
				),
			);
			const api = new N8nApi(`http://127.0.0.1:${port}`);
			await api.setUp();
			return new QueueCluster(root, instances, processes[0], processes.slice(1), api);
		} catch (error) {
			await Promise.allSettled(processes.map((p) => p.stop(1000)));
			if (process.env.N8N_E2E_KEEP !== '1') fs.rmSync(root, { recursive: true, force: true });
			throw error;
		}
	}

	get processes(): N8nProcess[] {
		return [this.main, ...this.workers];
	}

	/** The workers that logged starting this execution, in order (a re-run would show twice). */
	workersThatStarted(executionId: string): N8nProcess[] {
		return this.workers.filter((w) =>
			w.records.some(
				(r) =>
					/^Worker started execution/.test(r.message) && r.metadata?.executionId === executionId,
			),
		);
	}

	/** Executions a worker has started and not finished, by its log: id → workflow id. */
	runningOn(worker: N8nProcess): Map<string, string> {
		const running = new Map<string, string>();
		for (const r of worker.records) {
			const id = r.metadata?.executionId;
			if (!id) continue;
			if (/^Worker started execution/.test(r.message)) running.set(id, r.metadata!.workflowId);
			else if (/^Worker (finished|failed) execution/.test(r.message)) running.delete(id);
		}
		return running;
	}

	/**
	 * Executions whose Bull job the main saw stall (the worker stopped renewing its lock, e.g. it
	 * was killed): n8n fails them (`maxStalledCount: 0`) instead of running them again. Read from
	 * the main's log, which also knows jobs a killed worker took but died before logging.
	 */
	stalledExecutions(): string[] {
		return this.main.records
			.map((r) => /^job stalled more than maxStalledCount \(execution (\d+)\)/.exec(r.message)?.[1])
			.filter((id): id is string => id !== undefined);
	}

	/** Stops every process (SIGTERM, then SIGKILL) and removes the user folders. */
	async stop(): Promise<void> {
		await Promise.allSettled(this.processes.map((p) => p.stop(5000)));
		if (process.env.N8N_E2E_KEEP !== '1') fs.rmSync(this.root, { recursive: true, force: true });
	}
}

let unshareUts: boolean | undefined;

/** Whether this machine lets us start a process in its own UTS namespace (root, or a user namespace). */
function canUnshareUts(): boolean {
	unshareUts ??=
		spawnSync('unshare', ['--uts', 'sh', '-c', 'hostname n8n-e2e-probe'], { stdio: 'ignore' })
			.status === 0;
	return unshareUts;
}

/** Process groups of the n8n processes this process started and that still run: killed on exit. */
const liveGroups = new Set<number>();
let exitHook = false;

function trackGroup(pid: number): void {
	liveGroups.add(pid);
	if (exitHook) return;
	exitHook = true;
	process.on('exit', () => {
		for (const group of liveGroups) killGroup(group, 'SIGKILL');
	});
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** One line of n8n's JSON log (N8N_LOG_FORMAT=json), with the time it arrived. */
export interface LogRecord {
	level?: string;
	message: string;
	metadata?: Record<string, any>;
	/** Epoch ms when the line was read. */
	at: number;
}

/** A running `n8n start` / `n8n worker`: its log (also written to a file), waits on it, signals. */
export class N8nProcess {
	readonly records: LogRecord[] = [];
	readonly exited: Promise<void>;
	readonly startedAt = Date.now();
	exitedAt?: number;
	private readonly waiters = new Set<() => void>();
	private readonly log: fs.WriteStream;

	constructor(
		readonly name: string,
		private readonly child: ChildProcess,
		readonly logFile: string,
	) {
		if (child.pid === undefined) throw new Error(`n8n ${name} did not start`);
		trackGroup(child.pid);
		this.log = fs.createWriteStream(logFile);
		for (const stream of [child.stdout!, child.stderr!]) {
			let rest = '';
			stream.on('data', (chunk: Buffer) => {
				this.log.write(chunk);
				const lines = (rest + chunk.toString()).split('\n');
				rest = lines.pop() ?? '';
				for (const line of lines) this.add(line);
			});
		}
		this.exited = new Promise((resolve) =>
			child.once('exit', () => {
				this.exitedAt = Date.now();
				liveGroups.delete(child.pid!);
				this.notify();
				resolve();
			}),
		);
	}

	get pid(): number {
		return this.child.pid!;
	}

	get running(): boolean {
		return this.exitedAt === undefined;
	}

	private add(line: string): void {
		if (!line.trim()) return;
		let record: LogRecord;
		try {
			const parsed = JSON.parse(line);
			record = { ...parsed, message: String(parsed.message ?? ''), at: Date.now() };
		} catch {
			record = { message: line, at: Date.now() };
		}
		this.records.push(record);
		this.notify();
	}

	private notify(): void {
		for (const waiter of [...this.waiters]) waiter();
	}

	/** The first log record (already read or still to come) that matches; fails when the process exits first. */
	async waitForLog(
		match: RegExp | ((record: LogRecord) => boolean),
		timeoutMs: number,
	): Promise<LogRecord> {
		const test = typeof match === 'function' ? match : (r: LogRecord) => match.test(r.message);
		return await new Promise((resolve, reject) => {
			const check = () => {
				const found = this.records.find(test);
				if (found) done(() => resolve(found));
				else if (!this.running)
					done(() =>
						reject(
							new Error(`n8n ${this.name} exited before logging ${match}; see ${this.logFile}`),
						),
					);
			};
			const timer = setTimeout(
				() =>
					done(() =>
						reject(
							new Error(
								`n8n ${this.name}: no ${match} within ${timeoutMs} ms; see ${this.logFile}`,
							),
						),
					),
				timeoutMs,
			);
			const done = (finish: () => void) => {
				clearTimeout(timer);
				this.waiters.delete(check);
				finish();
			};
			this.waiters.add(check);
			check();
		});
	}

	/** Sends a signal to the whole process group (n8n and its task runner). */
	kill(signal: NodeJS.Signals): void {
		if (this.running) killGroup(this.pid, signal);
	}

	/** SIGTERM (n8n drains and exits), then SIGKILL after `graceMs`. */
	async stop(graceMs = 5000): Promise<void> {
		if (!this.running) return;
		this.kill('SIGTERM');
		const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
		await this.exited;
		clearTimeout(timer);
		killGroup(this.pid, 'SIGKILL'); // a task runner left behind
		await new Promise<void>((resolve) => this.log.end(resolve));
	}
}

/**
 * n8n's HTTP interfaces on a running main: the editor's REST API (`/rest`, with the owner's
 * session cookie; e.g. a manual run) and the public API (`/api/v1`, with an API key).
 */
export class N8nApi {
	private cookie = '';
	private apiKey = '';

	constructor(readonly baseUrl: string) {}

	/** Creates the owner on a fresh instance (or logs in) and an API key with every scope. */
	async setUp(
		owner = { email: 'owner@example.com', password: 'E2e-Owner-Passw0rd' },
	): Promise<void> {
		const setup = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...owner, firstName: 'Test', lastName: 'Owner' }),
		});
		let answer = setup;
		if (!setup.ok)
			answer = await fetch(`${this.baseUrl}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
			});
		if (!answer.ok)
			throw new Error(`n8n owner set-up / login: ${answer.status} ${await answer.text()}`);
		const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (!cookie) throw new Error('n8n sent no n8n-auth cookie');
		this.cookie = cookie.split(';')[0];
		const scopes = (await this.rest('GET', '/api-keys/scopes')) as string[];
		const key = (await this.rest('POST', '/api-keys', {
			label: `e2e-${Date.now()}`,
			expiresAt: null,
			scopes,
		})) as { rawApiKey: string };
		this.apiKey = key.rawApiKey;
	}

	/** The editor's REST API; returns the answer's `data`. */
	async rest(method: string, route: string, body?: unknown): Promise<any> {
		return (await this.call(`/rest${route}`, method, { cookie: this.cookie }, body))?.data;
	}

	/** The public API; returns the answer. */
	async api(method: string, route: string, body?: unknown): Promise<any> {
		return await this.call(`/api/v1${route}`, method, { 'x-n8n-api-key': this.apiKey }, body);
	}

	/** Every page of a public API list (`data` + `nextCursor`). */
	async apiList(route: string, query: Record<string, string> = {}): Promise<any[]> {
		const out: any[] = [];
		let cursor: string | undefined;
		do {
			const params = new URLSearchParams({ limit: '100', ...query, ...(cursor ? { cursor } : {}) });
			const page = await this.api('GET', `${route}?${params}`);
			out.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return out;
	}

	private async call(
		route: string,
		method: string,
		headers: Record<string, string>,
		body?: unknown,
	): Promise<any> {
		const res = await fetch(`${this.baseUrl}${route}`, {
			method,
			headers: {
				...headers,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`n8n ${method} ${route}: ${res.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
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
