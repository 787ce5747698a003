import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { recordHarnessGroup } from '../harness/orphans';
import { WAIT_MS } from '../harness/patience';
import { CdpConnection } from './cdp';
import { Page } from './page';

// Headless, no sandbox (CI runs as root), and nothing that talks to the internet on its own.
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--no-default-browser-check',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-extensions',
	'--disable-dev-shm-usage',
	'--remote-debugging-address=127.0.0.1',
	'--remote-debugging-port=0',
];

function waitForDevtoolsUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(
			() => reject(new Error(`Chromium printed no DevTools URL in ${timeoutMs} ms:\n${output}`)),
			timeoutMs,
		);
		child.stderr?.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Chromium exited (code ${code}) before it was ready:\n${output}`));
		});
	});
}

/** A headless Chromium with a throw-away profile, driven over CDP. */
export class Browser {
	private constructor(
		private readonly child: ChildProcess,
		private readonly connection: CdpConnection,
		private readonly profile: string,
	) {}

	static async launch(binary: string): Promise<Browser> {
		const profile = mkdtempSync(path.join(os.tmpdir(), 'vv-chromium-'));
		const child = spawn(binary, [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], {
			stdio: ['ignore', 'ignore', 'pipe'],
			// Own process group: closing kills the renderer and helper processes too.
			detached: true,
		});
		// Recorded until it exits, so a later run stops it if this worker is killed first.
		if (child.pid) {
			const forget = recordHarnessGroup(child.pid, 'Chromium', profile);
			child.once('exit', forget);
		}
		try {
			const url = await waitForDevtoolsUrl(child, WAIT_MS);
			return new Browser(child, await CdpConnection.connect(url), profile);
		} catch (error) {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
			rmSync(profile, { recursive: true, force: true });
			throw error;
		}
	}

	newPage(viewport = { width: 1440, height: 900 }): Promise<Page> {
		return Page.open(this.connection, viewport);
	}

	async close(): Promise<void> {
		this.connection.close();
		const exited = new Promise<void>((resolve) => {
			if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
			else this.child.once('exit', () => resolve());
		});
		if (this.child.pid) {
			try {
				process.kill(-this.child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
		await exited;
		rmSync(this.profile, { recursive: true, force: true });
	}
}
