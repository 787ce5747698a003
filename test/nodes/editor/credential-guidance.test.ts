/** What the editor tells a user about credentials before anything runs. */
import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { N8nNodesVideoVectorApi } from '../../../credentials/N8nNodesVideoVectorApi.credentials';
import { VideoVector } from '../../../nodes/VideoVector/VideoVector.node';

describe('credential guidance in the editor', () => {
	it('the credential Test explains 401, 403 and 404 each in its own words', () => {
		const rules = new N8nNodesVideoVectorApi().test.rules ?? [];
		const messages = Object.fromEntries(
			rules.map((rule) => {
				const { value, message } = rule.properties as { value: number; message: string };
				return [value, message];
			}),
		);
		expect(Object.keys(messages).sort()).toEqual(['401', '403', '404']);
		expect(messages[401]).toMatch(/invalid, revoked or expired/);
		expect(messages[403]).toMatch(/recognised but refused.*Base URL/);
		expect(messages[404]).toMatch(/Base URL/);
		expect(new Set(Object.values(messages)).size).toBe(3);
	});

	it('every API Key operation says in the editor that it needs a Bearer Token credential', () => {
		const properties = new VideoVector().description.properties;
		const selector = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'apiKey',
		);
		const operations = (selector?.options ?? []).map((o) => (o as { value: string }).value);
		expect(operations.length).toBeGreaterThan(4);
		for (const operation of operations) {
			const notice = properties.find(
				(p: INodeProperties) =>
					p.type === 'notice' &&
					p.displayOptions?.show?.resource?.[0] === 'apiKey' &&
					(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation),
			);
			expect(notice?.displayName, operation).toMatch(/Bearer Token \(JWT\)/);
		}
	});
});
