import { existsSync, mkdirSync, renameSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { withInstallLock } from './install-lock';
import { type Log, seconds, withHeartbeat } from './log';
import type { NodeRuntime } from './node-runtime';
import { N8N_VERSION, type N8nPaths } from './paths';
import { runCommand } from './run-command';

/** Environment for npm and node-gyp: Node 24 first on PATH, local headers, no network extras. */
function buildEnv(runtime: NodeRuntime): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: runtime.headers,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_loglevel: 'error',
	};
}

// Loading the native modules is the part that breaks (wrong ABI, interrupted build), so that
// is what a reusable install must prove.
const VERIFY_SCRIPT = `
const version = require('n8n/package.json').version;
require('sqlite3');
require('isolated-vm');
process.stdout.write(version);
`;

/** Resolves to null when `appDir` holds a usable n8n of the pinned version, else to the reason. */
export async function checkInstall(appDir: string, runtime: NodeRuntime): Promise<string | null> {
	if (!existsSync(path.join(appDir, 'node_modules', 'n8n', 'package.json')))
		return 'n8n is not installed';
	try {
		const { stdout } = await runCommand(runtime.node, ['-e', VERIFY_SCRIPT], {
			cwd: appDir,
			keepTail: 600,
		});
		return stdout === N8N_VERSION ? null : `found n8n ${stdout}, need ${N8N_VERSION}`;
	} catch (error) {
		return `native modules do not load: ${(error as Error).message.split('\n').slice(-3).join(' ')}`;
	}
}

// npm first resolves and downloads into its cache, then lays out node_modules. Disk space used
// since the start is a cheap progress figure for the second phase (other writers skew it a little).
function progressProbe(dir: string): () => string {
	const freeBytes = (): number => {
		const stats = statfsSync(dir);
		return stats.bavail * stats.bsize;
	};
	const freeAtStart = freeBytes();
	return () => {
		if (!existsSync(path.join(dir, 'node_modules'))) return 'resolving and downloading packages';
		const written = Math.max(0, freeAtStart - freeBytes()) / 1024 ** 3;
		return `~${written.toFixed(1)} GB written so far`;
	};
}

async function installInto(dir: string, runtime: NodeRuntime, log: Log): Promise<void> {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: 'videovector-n8n-runtime', private: true }),
	);
	const env = buildEnv(runtime);
	// Install scripts stay off: one of them (the Kafka node's librdkafka build) downloads zlib
	// from the internet and makes npm roll back the whole install. Only the two native
	// modules n8n needs to boot are then rebuilt, against Node 24's local headers.
	await withHeartbeat(
		log,
		`downloading n8n ${N8N_VERSION} and ~2400 dependencies (about 3 min, 2.9 GB)`,
		runCommand('npm', ['install', '--ignore-scripts', '--no-save', `n8n@${N8N_VERSION}`], {
			cwd: dir,
			env,
		}),
		progressProbe(dir),
	);
	await withHeartbeat(
		log,
		'building native modules sqlite3 and isolated-vm (about 1 min)',
		runCommand('npm', ['rebuild', 'sqlite3', 'isolated-vm'], { cwd: dir, env }),
	);
}

/**
 * Makes sure the pinned n8n is installed in the cache, installing it the first time (a few
 * minutes). An install is built in a side folder and moved into place only once it loads, so
 * an interrupted install is redone rather than reused.
 */
export async function ensureN8nInstalled(
	paths: N8nPaths,
	runtime: NodeRuntime,
	log: Log,
): Promise<void> {
	await withInstallLock(paths.cache, log, async () => {
		const problem = await checkInstall(paths.app, runtime);
		if (problem === null) {
			log(`using cached n8n ${N8N_VERSION} in ${paths.app}`);
			return;
		}
		if (existsSync(paths.app))
			log(`cached n8n in ${paths.app} is unusable (${problem}); reinstalling`);
		else
			log(`n8n ${N8N_VERSION} is not installed yet; installing into ${paths.app} (first run only)`);
		const started = performance.now();
		await installInto(paths.appPartial, runtime, log);
		const stillBroken = await checkInstall(paths.appPartial, runtime);
		if (stillBroken !== null)
			throw new Error(`n8n install in ${paths.appPartial} is unusable: ${stillBroken}`);
		writeFileSync(
			path.join(paths.appPartial, '.vv-install.json'),
			JSON.stringify({ n8n: N8N_VERSION, installedAt: new Date().toISOString() }, null, 2),
		);
		rmSync(paths.app, { recursive: true, force: true });
		renameSync(paths.appPartial, paths.app);
		log(`n8n ${N8N_VERSION} installed in ${seconds(started)}`);
	});
}
