/**
 * `npm run docs:api`: writes docs/api/openapi.json (OpenAPI 3.1) and docs/api/README.md from the
 * endpoint table, the zod schemas and the emulator's scopes. `--check` writes nothing and exits 1
 * when either file differs from what the code gives now (the drift test runs the same comparison).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { ENDPOINTS } from '../shared/contract/endpoints';
import { buildOpenApiDocument } from './openapi/build-document';
import { probeScopes } from './openapi/probe-scopes';
import { renderApiReadme } from './openapi/render-readme';

const REPO_ROOT = resolve(__dirname, '..');
export const OPENAPI_PATH = resolve(REPO_ROOT, 'docs/api/openapi.json');
export const API_README_PATH = resolve(REPO_ROOT, 'docs/api/README.md');
/** The API version the description documents (the base path's v2). */
export const API_VERSION = '2.0.0';

/** The exact text of both generated files. */
export async function renderApiDocs(): Promise<{ openapi: string; readme: string }> {
	const endpoints = Object.values(ENDPOINTS);
	const doc = buildOpenApiDocument(endpoints, await probeScopes(endpoints), API_VERSION);
	return { openapi: `${JSON.stringify(doc, null, '\t')}\n`, readme: renderApiReadme(doc) };
}

function readOrEmpty(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return '';
	}
}

/** Regenerates both files. */
export async function writeApiDocs(): Promise<void> {
	const { openapi, readme } = await renderApiDocs();
	writeFileSync(OPENAPI_PATH, openapi);
	writeFileSync(API_README_PATH, readme);
}

async function main(argv: string[]): Promise<number> {
	if (!argv.includes('--check')) {
		await writeApiDocs();
		console.log(`wrote ${OPENAPI_PATH} and ${API_README_PATH}`);
		return 0;
	}
	const { openapi, readme } = await renderApiDocs();
	const stale = [
		[OPENAPI_PATH, openapi],
		[API_README_PATH, readme],
	].filter(([path, text]) => readOrEmpty(path as string) !== text);
	for (const [path] of stale) console.error(`${path} is out of date; run npm run docs:api`);
	return stale.length ? 1 : 0;
}

if (/generate-api-docs\.ts$/.test(process.argv[1] ?? '')) {
	main(process.argv.slice(2)).then(
		(code) => {
			process.exitCode = code;
		},
		(error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
