import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { freePort } from '../n8n/free-port';
import { recordGroup } from '../n8n/group-registry';
import type { Log } from '../n8n/log';
import { type BackgroundProcess, startBackground } from './background-process';
import { ensureDebianPackage } from './debian-package';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface RunningRedis {
	host: string;
	port: number;
	/** `redis://127.0.0.1:<port>` */
	url: string;
	process: BackgroundProcess;
	stop(): Promise<void>;
}

export interface RedisOptions {
	log: Log;
	/** Folder for its log (and nothing else: this Redis keeps no data on disk). */
	dir?: string;
	/**
	 * A group registry (tools/n8n/group-registry.ts) to record the server in while it runs: it is
	 * a process group of its own, which outlives this process when that is killed hard.
	 */
	groupRegistry?: string;
}

/** Installs Debian's redis-server when it is missing. */
export function ensureRedis(log: Log): Promise<void> {
	return ensureDebianPackage('redis-server', () => existsSync(REDIS_SERVER), log);
}

/** One PING round trip: true once Redis answers +PONG. */
function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
	});
}

/**
 * A private Redis for n8n's queue (Bull) on a free 127.0.0.1 port, from Debian's `redis-server`
 * (installed with apt-get when missing). No persistence: the queue only has to outlive n8n
 * processes, not this Redis, which lives as long as the topology that started it.
 */
export async function startRedis(options: RedisOptions): Promise<RunningRedis> {
	await ensureRedis(options.log);
	const ownDir = options.dir === undefined;
	const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'vv-redis-'));
	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		const child = startBackground(
			REDIS_SERVER,
			[
				'--bind',
				'127.0.0.1',
				'--port',
				String(port),
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				dir,
				'--daemonize',
				'no',
				'--protected-mode',
				'yes',
			],
			path.join(dir, 'redis.log'),
		);
		let gone = false;
		void child.exited.then(() => {
			gone = true;
		});
		const deadline = performance.now() + 30_000;
		while (!gone && performance.now() < deadline && !(await ping(port))) await delay(100);
		if (!gone && (await ping(port))) {
			const forgetGroup =
				options.groupRegistry === undefined
					? () => undefined
					: recordGroup(options.groupRegistry, child.pid, 'Redis', {
							folder: ownDir ? dir : undefined,
						});
			const stop = async () => {
				await child.stop('SIGTERM', 10_000);
				forgetGroup();
				if (ownDir) rmSync(dir, { recursive: true, force: true });
			};
			return { host: '127.0.0.1', port, url: `redis://127.0.0.1:${port}`, process: child, stop };
		}
		await child.stop('SIGKILL');
		// The port was taken between picking and binding: pick another.
		if (attempt < 3 && /Address already in use/i.test(child.logTail(20))) continue;
		throw new Error(`redis-server did not start on port ${port}:\n${child.logTail(20)}`);
	}
}
