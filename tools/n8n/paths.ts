import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The n8n release everything here is pinned to (the newest one that installs offline; see docs/n8n.md). */
export const N8N_VERSION = '2.41.1';

/** Root of this repository (tools/n8n → ../..). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Where the n8n install and all run state live: outside git, shared by `npm start`, the e2e
 * harness and the benchmark so the 3 GB install happens once per machine.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
	if (env.VV_N8N_CACHE) return path.resolve(env.VV_N8N_CACHE);
	const xdg = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-videovector', `n8n-${N8N_VERSION}`);
}

export interface N8nPaths {
	cache: string;
	/** npm project that holds node_modules/n8n. */
	app: string;
	/** Install target while installing; renamed to `app` only when complete, so a broken install is never reused. */
	appPartial: string;
	n8nBin: string;
	/** `npm start` state (user folder, logs); `--reset` wipes it. */
	run: string;
	/** Throw-away user folders of e2e stacks and benchmarks. */
	scratch: string;
	/** Records of the process groups e2e runs started (see group-registry.ts), shared by all runs. */
	groups: string;
}

export function n8nPaths(cache = cacheDir()): N8nPaths {
	const app = path.join(cache, 'app');
	return {
		cache,
		app,
		appPartial: path.join(cache, 'app.partial'),
		n8nBin: path.join(app, 'node_modules', 'n8n', 'bin', 'n8n'),
		run: path.join(cache, 'run'),
		scratch: path.join(cache, 'scratch'),
		groups: path.join(cache, 'scratch', 'harness-groups'),
	};
}

/**
 * Node 24 for n8n (which refuses older engines): the devDependency `node@24`, or the current
 * process when it is already 24+ (the system node may be older).
 */
export function node24(root = PROJECT_ROOT): string {
	const local = path.join(root, 'node_modules', 'node', 'bin', 'node');
	if (existsSync(local)) return local;
	if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
	throw new Error(`Node 24 not found at ${local}: run \`npm install\` in ${root} first`);
}
