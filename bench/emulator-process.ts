/**
 * Runs the emulator as a child process for benchmarks, so its memory and CPU are not counted in
 * the client figures being measured. Talks to it through its HTTP control API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

import { request } from 'undici';

export interface EmulatorProcess {
	baseUrl: string;
	origin: string;
	apiKey: string;
	control<T = unknown>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T>;
	stop(): Promise<void>;
}

const ROOT = join(__dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** A fixed key of the contract's shape, handed to the emulator so the bench knows it. */
const BENCH_API_KEY = `sk_live_${'be'.repeat(24)}`;

export async function startEmulatorProcess(
	env: Record<string, string> = {},
): Promise<EmulatorProcess> {
	const child: ChildProcess = spawn(TSX, [join(ROOT, 'emulator', 'main.ts')], {
		env: { ...process.env, PORT: '0', VIDEO_VECTOR_API_KEY: BENCH_API_KEY, ...env },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const baseUrl = await new Promise<string>((resolve, reject) => {
		let seen = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			seen += chunk.toString();
			const match = /(http:\/\/127\.0\.0\.1:\d+\/api\/v2)/.exec(seen);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`emulator exited early (${code}): ${seen}`)));
	});
	const origin = new URL(baseUrl).origin;
	return {
		baseUrl,
		origin,
		apiKey: BENCH_API_KEY,
		async control<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
			const response = await request(`${origin}/_emulator${path}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.body.text();
			if (response.statusCode >= 300)
				throw new Error(`control ${path}: ${response.statusCode} ${text}`);
			return JSON.parse(text) as T;
		},
		async stop(): Promise<void> {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await once(child, 'exit');
		},
	};
}
