import { rmSync } from 'node:fs';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { buildPackage, packPackage } from '../../../tools/n8n/community-package';
import { ensureN8nInstalled } from '../../../tools/n8n/install';
import { consoleLog as log, withHeartbeat } from '../../../tools/n8n/log';
import { resolveNodeRuntime } from '../../../tools/n8n/node-runtime';
import { n8nPaths } from '../../../tools/n8n/paths';
import { reapOrphanedHarnessGroups } from './orphans';

declare module 'vitest' {
	export interface ProvidedContext {
		/** `npm pack` tarball of this repository, built once for the whole e2e run. */
		vvPackageTarball: string;
	}
}

/**
 * Once per `npm run test:e2e`: installs n8n into the cache when missing (minutes, first time
 * only), builds the package and packs it, so every stack installs the same tarball a user
 * would get from npm.
 */
export default async function setup(project: TestProject): Promise<() => void> {
	const paths = n8nPaths();
	// Before anything starts: n8n and Chromium of an earlier run that was killed too hard to stop them.
	await reapOrphanedHarnessGroups(log);
	const runtime = await resolveNodeRuntime(paths.cache, log);
	await ensureN8nInstalled(paths, runtime, log);
	if (process.env.VV_E2E_NO_BUILD === '1')
		log('VV_E2E_NO_BUILD=1: packing the existing dist/ without building');
	else await withHeartbeat(log, 'building the package (npm run build)', buildPackage());
	// Per run, so concurrent runs sharing the cache never read each other's half-written tarball.
	const packDir = path.join(paths.scratch, `e2e-package-${process.pid}`);
	const tarball = await packPackage(packDir);
	log(`packed ${path.basename(tarball)}`);
	project.provide('vvPackageTarball', tarball);
	return () => rmSync(packDir, { recursive: true, force: true });
}
