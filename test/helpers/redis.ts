/**
 * A throw-away Redis server (Debian's redis-server, installed by scripts/test.js / .ci/run) on a free
 * port, for the coordination store tests and the queue-mode end-to-end test.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface RedisServer {
	port: number;
	url: string;
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export function redisServerPath(): string {
	const which = spawnSync('bash', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	const path = which.stdout.trim();
	if (!path)
		throw new Error(
			'redis-server is not installed: `apt-get install -y redis-server` (npm test and .ci/run install it themselves)',
		);
	return path;
}

export async function startRedis(): Promise<RedisServer> {
	const port = await freePort();
	const child: ChildProcess = spawn(
		redisServerPath(),
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error('redis-server did not start within 10 s')),
			10_000,
		);
		child.stdout!.on('data', (chunk: Buffer) => {
			if (/Ready to accept connections/.test(chunk.toString())) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
	});
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		stop: async () => {
			if (child.exitCode !== null) return;
			await new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			});
		},
	};
}
