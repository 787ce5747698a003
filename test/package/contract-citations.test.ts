import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { headingAnchors } from './markdown-anchors';

/**
 * A plain clone has no upstream contract beside it, so code may neither cite its sections nor read it:
 * comments point at docs/api/conventions.md instead, and only `npm run contract:sync` looks outside.
 */
const ROOT = resolve(__dirname, '../..');
const CONVENTIONS = 'docs/api/conventions.md';
const ALLOWED_UPSTREAM_READER = 'scripts/contract-sync.ts';

/** A section sign that is not part of an RFC reference (`RFC 9110 §10.2.3` is fine). */
const SECTION_CITATION = /(?<!RFC \d+ )\u00a7/;
/** The upstream folder beside the checkout, as a path string or as path segments. */
const UPSTREAM_READ = /\.\.\/shared\/api|'\.\.',\s*'shared',\s*'api'/;
const CONVENTIONS_LINK = /docs\/api\/conventions\.md#([\w-]+)/g;

/** Tracked and new (not ignored) source files outside docs/. */
function sourceFiles(): string[] {
	return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
		cwd: ROOT,
		encoding: 'utf8',
	})
		.split('\0')
		.filter((path) => /\.(ts|mts|cts|js|mjs|cjs|json)$/.test(path) && !path.startsWith('docs/'));
}

const files = sourceFiles().map((path) => ({
	path,
	text: readFileSync(resolve(ROOT, path), 'utf8'),
}));

function offendingLines(pattern: RegExp): string[] {
	return files.flatMap(({ path, text }) =>
		text
			.split('\n')
			.map((line, index) => ({ line, index }))
			.filter(({ line }) => pattern.test(line))
			.map(({ line, index }) => `${path}:${index + 1}: ${line.trim()}`),
	);
}

describe('contract citations', () => {
	it('the detectors tell contract citations from RFC references', () => {
		expect(SECTION_CITATION.test('(contract \u00a73.1)')).toBe(true);
		expect(SECTION_CITATION.test('per \u00a722 #7')).toBe(true);
		expect(SECTION_CITATION.test('RFC 9110 \u00a710.2.3')).toBe(false);
		// Samples built from parts so this file does not match its own detector.
		expect(UPSTREAM_READ.test(`resolve(root, '../shared${'/api'}')`)).toBe(true);
		expect(UPSTREAM_READ.test(`join(root, '..', 'shared', ${"'api'"})`)).toBe(true);
	});

	it('scans the source tree', () => {
		expect(files.some(({ path }) => path === 'shared/http/retry-policy.ts')).toBe(true);
	});

	it('no source file outside docs/ cites a section of the upstream contract', () => {
		expect(offendingLines(SECTION_CITATION)).toEqual([]);
	});

	it('only scripts/contract-sync.ts reads the upstream folder beside the checkout', () => {
		const readers = offendingLines(UPSTREAM_READ).filter(
			(line) => !line.startsWith(`${ALLOWED_UPSTREAM_READER}:`),
		);
		expect(readers).toEqual([]);
	});

	it(`every ${CONVENTIONS}#anchor cited in the code is a heading there`, () => {
		const headings = headingAnchors(resolve(ROOT, CONVENTIONS));
		const cited = files.flatMap(({ path, text }) =>
			[...text.matchAll(CONVENTIONS_LINK)].map((match) => ({ path, anchor: match[1] })),
		);
		expect(cited.length).toBeGreaterThan(100);
		const missing = cited.filter(({ anchor }) => !headings.has(anchor));
		expect(missing).toEqual([]);
	});
});
