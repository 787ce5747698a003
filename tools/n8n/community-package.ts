import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { PROJECT_ROOT } from './paths';
import { runCommand } from './run-command';

export interface PackageManifest {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

export function readManifest(dir: string = PROJECT_ROOT): PackageManifest {
	return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageManifest;
}

/** `npm run build`: compiles the package into dist/ (what npm pack ships). */
export async function buildPackage(): Promise<void> {
	await runCommand('npm', ['run', 'build'], { cwd: PROJECT_ROOT });
}

/** `npm pack` of this repository into `destDir`; resolves to the tarball's path. */
export async function packPackage(destDir: string): Promise<string> {
	mkdirSync(destDir, { recursive: true });
	// Scripts off: the caller built already, and a prepack hook must not rebuild mid-pack.
	const { stdout } = await runCommand(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', destDir],
		{
			cwd: PROJECT_ROOT,
		},
	);
	const [entry] = JSON.parse(stdout) as Array<{ filename: string }>;
	if (!entry) throw new Error('npm pack reported no tarball');
	return path.join(destDir, entry.filename);
}

/** `<userFolder>/.n8n/nodes`: n8n loads every `n8n-nodes-*` package under its node_modules at boot. */
export function nodesFolder(userFolder: string): string {
	return path.join(userFolder, '.n8n', 'nodes');
}

const NPM_INSTALL_LIKE_N8N = [
	'install',
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

/**
 * Installs a packed package into an n8n user folder exactly as n8n 2.41's own community-package
 * installer does (Settings → Community nodes): extract the tarball into
 * `nodes/node_modules/<name>`, drop dev/peer/optional dependencies from its package.json,
 * `npm install` only its `dependencies` inside the package folder, and record it in
 * `nodes/package.json`. Everything else the package requires (n8n-workflow, and today zod)
 * resolves from n8n's own node_modules, which n8n appends to NODE_PATH before loading nodes.
 */
export async function installPackedPackage(
	tarball: string,
	userFolder: string,
): Promise<PackageManifest & { dir: string }> {
	const nodes = nodesFolder(userFolder);
	const staging = path.join(nodes, '.staging');
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	await runCommand('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], { cwd: nodes });

	const manifestPath = path.join(staging, 'package.json');
	const full = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageManifest &
		Record<string, unknown>;
	const {
		devDependencies: _dev,
		peerDependencies: _peer,
		optionalDependencies: _optional,
		...kept
	} = full;
	writeFileSync(manifestPath, JSON.stringify(kept, null, 2));
	if (Object.keys(full.dependencies ?? {}).length > 0) {
		await runCommand('npm', NPM_INSTALL_LIKE_N8N, { cwd: staging });
	}

	const dir = path.join(nodes, 'node_modules', full.name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(path.dirname(dir), { recursive: true });
	// Same file system, so a rename: the package appears complete or not at all.
	renameSync(staging, dir);
	recordDependency(nodes, full.name, full.version);
	return { ...full, dir };
}

function recordDependency(nodes: string, name: string, version: string): void {
	const file = path.join(nodes, 'package.json');
	type NodesManifest = { name?: string; private?: boolean; dependencies?: Record<string, string> };
	const manifest: NodesManifest = existsSync(file)
		? (JSON.parse(readFileSync(file, 'utf8')) as NodesManifest)
		: { name: 'installed-nodes', private: true };
	manifest.dependencies = { ...manifest.dependencies, [name]: version };
	writeFileSync(file, JSON.stringify(manifest, null, 2));
}
