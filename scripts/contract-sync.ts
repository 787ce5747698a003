/**
 * `npm run contract:sync`: refreshes the repository's copy of the upstream endpoint table
 * (docs/api/upstream/endpoints.json) from the team's contract folder beside the checkout
 * (../shared/api/), then regenerates what is generated from it: shared/contract/endpoints.ts,
 * docs/api/openapi.json and docs/api/README.md.
 *
 * This is the only place that may read outside the repository. Everything else (build, tests,
 * docs generation) reads the in-repo copy, so a plain clone works with nothing beside it.
 *
 *   npm run contract:sync                     # from ../shared/api
 *   npm run contract:sync -- --from <folder>  # from another folder holding endpoints.json
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import {
	checkEndpoints,
	ENDPOINTS_JSON_PATH,
	ENDPOINTS_TS_PATH,
	renderEndpointsModule,
} from './generate-endpoints';

const REPO_ROOT = resolve(__dirname, '..');
const DEFAULT_UPSTREAM = resolve(REPO_ROOT, '../shared/api');

function upstreamFolder(argv: string[]): string {
	const at = argv.indexOf('--from');
	return at >= 0 && argv[at + 1] ? resolve(argv[at + 1] as string) : DEFAULT_UPSTREAM;
}

function main(argv: string[]): number {
	const folder = upstreamFolder(argv);
	const source = resolve(folder, 'endpoints.json');
	if (!existsSync(source)) {
		console.error(
			`contract:sync: no upstream contract at ${source}.\n` +
				'Nothing was changed: the in-repo copy docs/api/upstream/endpoints.json stays as it is.\n' +
				'This command is only for maintainers with the team contract checked out beside the repo ' +
				'(or pass --from <folder>); building and testing never need it.',
		);
		return 1;
	}
	// Validate before copying, so a broken upstream file never replaces a good copy.
	const json: unknown = JSON.parse(readFileSync(source, 'utf8'));
	const rows = checkEndpoints(json);
	const before = existsSync(ENDPOINTS_JSON_PATH) ? readFileSync(ENDPOINTS_JSON_PATH, 'utf8') : '';
	copyFileSync(source, ENDPOINTS_JSON_PATH);
	writeFileSync(ENDPOINTS_TS_PATH, renderEndpointsModule(json));
	// The docs generator reads the endpoint table through the module just rewritten, so run it in
	// a fresh process rather than with this process's already-loaded copy.
	const changed = before !== readFileSync(ENDPOINTS_JSON_PATH, 'utf8');
	console.log(
		`contract:sync: ${rows.length} endpoints from ${source} → ${ENDPOINTS_JSON_PATH} (${changed ? 'updated' : 'unchanged'}); ` +
			`regenerated ${ENDPOINTS_TS_PATH}.`,
	);
	// The docs generator reads the endpoint table through the module just rewritten, so it runs in a
	// fresh process (same Node, same tsx loader) rather than with this process's loaded copy.
	const docs = spawnSync(
		process.execPath,
		[...process.execArgv, resolve(__dirname, 'generate-api-docs.ts')],
		{ stdio: 'inherit' },
	);
	return docs.status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
