/**
 * The documentation links the editor shows for the action node and its credential (codex file,
 * credential `documentationUrl`) resolve: each `#anchor` is a heading of README.md (GitHub's
 * `#readme` is the README itself).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { N8nNodesVideoVectorApi } from '../../../credentials/N8nNodesVideoVectorApi.credentials';

const ROOT = resolve(__dirname, '../../..');
const REPO = 'https://github.com/n8n-nodes-videovector/n8n-nodes-videovector';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
}

function readmeAnchors(): Set<string> {
	const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
	const headings = [...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]));
	return new Set(['readme', ...headings]);
}

function codexUrls(): string[] {
	const codex = JSON.parse(
		readFileSync(resolve(ROOT, 'nodes/VideoVector/VideoVector.node.json'), 'utf8'),
	) as { resources: Record<string, Array<{ url: string }>> };
	return Object.values(codex.resources).flatMap((links) => links.map((link) => link.url));
}

describe('documentation links of the action node', () => {
	const urls = [...codexUrls(), new N8nNodesVideoVectorApi().documentationUrl];

	it('point into this repository', () => {
		expect(urls.length).toBeGreaterThan(2);
		for (const url of urls) expect(url.startsWith(`${REPO}#`), url).toBe(true);
	});

	it('name README headings that exist', () => {
		const anchors = readmeAnchors();
		expect(anchors.has('credentials')).toBe(true);
		expect(anchors.has('no-such-heading')).toBe(false);
		const missing = urls.filter((url) => !anchors.has(url.slice(url.indexOf('#') + 1)));
		expect(missing).toEqual([]);
	});
});
