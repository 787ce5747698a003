import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import { ADMIN_TOKEN } from './harness';
import { SECRET, WEBHOOK_ID } from './deliveries';

const REPO_ROOT = resolve(__dirname, '../../..');
const CLI = join(REPO_ROOT, 'webhook-receiver/src/cli.ts');

export interface ChildReceiver {
	url: string;
	deliveryUrl: string;
	process: ChildProcess;
	exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** Log events seen so far (the `event` field of each JSON line). */
	events: string[];
	stderr: () => string;
}

/** Environment for a child receiver forwarding everything routed to `targetUrl`. */
export function childEnv(
	dataDir: string,
	targetUrl: string,
	extra: Record<string, string> = {},
): Record<string, string> {
	return {
		RECEIVER_PORT: '0',
		RECEIVER_SECRETS: SECRET,
		RECEIVER_WEBHOOK_IDS: WEBHOOK_ID,
		RECEIVER_TARGET_URLS: targetUrl,
		RECEIVER_DATA_DIR: dataDir,
		RECEIVER_ADMIN_TOKEN: ADMIN_TOKEN,
		RECEIVER_RETRY_BASE_DELAY_MS: '20',
		RECEIVER_RETRY_MAX_DELAY_MS: '200',
		...extra,
	};
}

/**
 * Runs the CLI as a real child process (Node of this test run + tsx) and resolves once it logs
 * that it is listening. The caller kills it; `track` makes sure nothing outlives the test.
 */
export async function spawnReceiver(
	env: Record<string, string>,
	track: (cleanup: () => unknown) => void,
): Promise<ChildReceiver> {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('RECEIVER_')),
	);
	const child = spawn(process.execPath, ['--import', 'tsx', CLI], {
		cwd: REPO_ROOT,
		env: { ...inherited, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
		(resolveExit) => {
			child.once('exit', (code, signal) => resolveExit({ code, signal }));
		},
	);
	track(async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		await exit;
	});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString('utf8');
	});
	const events: string[] = [];
	const lines = createInterface({ input: child.stdout! });
	const url = await new Promise<string>((resolveUrl, reject) => {
		lines.on('line', (line) => {
			const entry = JSON.parse(line) as { event: string; url?: string };
			events.push(entry.event);
			if (entry.event === 'receiver.listening' && entry.url !== undefined) resolveUrl(entry.url);
		});
		void exit.then(({ code }) =>
			reject(new Error(`Receiver exited (${code}) before listening: ${stderr}`)),
		);
	});
	return {
		url,
		deliveryUrl: `${url}/webhooks/videovector`,
		process: child,
		exit,
		events,
		stderr: () => stderr,
	};
}
