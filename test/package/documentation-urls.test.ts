import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { credentialTypes, PACKAGE, ROOT } from './loaded-types';
import { anchor, headingAnchors } from './markdown-anchors';

const README_ANCHORS = headingAnchors(resolve(ROOT, 'README.md'));

const REPO_URL = 'https://github.com/n8n-nodes-videovector/n8n-nodes-videovector';

describe('package links', () => {
	it('repository, homepage and bugs name the same GitHub repository', () => {
		expect(PACKAGE.repository.url).toBe(`git+${REPO_URL}.git`);
		expect(PACKAGE.homepage).toBe(`${REPO_URL}#readme`);
		expect(PACKAGE.bugs.url).toBe(`${REPO_URL}/issues`);
	});

	it('derives GitHub heading anchors the way GitHub does', () => {
		expect(anchor(' VideoVector Webhook Receiver API')).toBe('videovector-webhook-receiver-api');
		expect(anchor('Event → execution started')).toBe('event--execution-started');
	});

	it('points each credential documentationUrl at a README section that exists', async () => {
		const credentials = await credentialTypes();
		expect(credentials.length).toBeGreaterThan(0);
		for (const credential of credentials) {
			const url = credential.documentationUrl ?? '';
			expect(url.startsWith(`${REPO_URL}#`), `${credential.name}: ${url}`).toBe(true);
			expect(README_ANCHORS, `${credential.name}: ${url}`).toContain(
				url.slice(url.indexOf('#') + 1),
			);
		}
	});
});
