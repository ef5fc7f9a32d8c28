/**
 * `n8n start` for end-to-end tests that need the server (schedules, error workflows, the editor):
 * its own process group (so stopping it reaches its task runner too), a log file in the user
 * folder, and readiness from `/healthz/readiness`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, type N8nInstance } from './n8n';

export interface N8nServer {
	url: string;
	port: number;
	/** The `n8n start` process (its task runner is a child of it). */
	pid: number;
	log: string;
	stop(): Promise<void>;
}

export async function startServer(
	n8n: N8nInstance,
	install: { nodeBin: string; n8nBin: string },
	extraEnv: Record<string, string> = {},
	readyTimeoutMs = 180_000,
): Promise<N8nServer> {
	const port = await freePort();
	const env = await n8n.env({ N8N_PORT: String(port), N8N_LOG_FORMAT: 'text', ...extraEnv });
	const log = path.join(n8n.userFolder, `server-${port}.log`);
	const out = fs.openSync(log, 'a');
	const child: ChildProcess = spawn(install.nodeBin, [install.n8nBin, 'start'], {
		env,
		cwd: n8n.userFolder,
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	let exited = false;
	const exit = new Promise<void>((resolve) =>
		child.once('exit', () => {
			exited = true;
			resolve();
		}),
	);
	const url = `http://127.0.0.1:${port}`;
	const stop = async () => {
		if (!exited && child.pid) {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
			const timer = setTimeout(() => {
				if (!exited && child.pid)
					try {
						process.kill(-child.pid, 'SIGKILL');
					} catch {
						// already gone
					}
			}, 20_000);
			await exit;
			clearTimeout(timer);
		}
	};
	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		if (exited)
			throw new Error(`n8n start exited early:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
		const ready = await fetch(`${url}/healthz/readiness`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ready) break;
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`n8n start not ready after ${readyTimeoutMs} ms:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`,
			);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return { url, port, pid: child.pid!, log, stop };
}

/** Publishes (2.x: `publish:workflow`) or activates (1.x: `update:workflow --active=true`) a workflow. */
export async function publishWorkflow(n8n: N8nInstance, id: string): Promise<void> {
	const published = await n8n.cli(['publish:workflow', `--id=${id}`]);
	if (published.exitCode === 0) return;
	const activated = await n8n.cli(['update:workflow', `--id=${id}`, '--active=true']);
	if (activated.exitCode !== 0)
		throw new Error(
			`could not publish workflow ${id}:\n${published.stdout}${published.stderr}\n${activated.stdout}${activated.stderr}`,
		);
}
