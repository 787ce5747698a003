import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
	buildCreateBody,
	fingerprintOf,
	idempotencyKeyOf,
	isOwnSubscription,
	sameSubscription,
	specOf,
	undeliverableUrlReason,
} from '../../../triggers/VideoVectorTrigger/subscription';

const input = {
	workflowId: 'wf1',
	nodeId: 'node-9',
	url: 'https://n8n.example.com/webhook/abc/webhook',
	events: ['prompt_run.failed', 'export.ready', 'prompt_run.failed', ' prompt_run.completed '],
	indexIds: ['idx_b', 'idx_a', 'idx_b'],
};

describe('the subscription the trigger registers', () => {
	it('is the contract body: name, url, sorted unique events and index ids, metadata', () => {
		expect(buildCreateBody(input)).toEqual({
			name: 'n8n: wf1 / node-9',
			url: input.url,
			events: ['export.ready', 'prompt_run.completed', 'prompt_run.failed'],
			index_ids: ['idx_a', 'idx_b'],
			metadata: { n8n_workflow_id: 'wf1', n8n_node_id: 'node-9' },
		});
	});

	it('sends null index_ids for all indexes and caps the name at 100 characters', () => {
		const body = buildCreateBody({ ...input, indexIds: [], workflowId: 'w'.repeat(120) });
		expect(body.index_ids).toBeNull();
		expect(body.name).toHaveLength(100);
	});

	it('derives the Idempotency-Key from the body: n8n-webhook-<sha256 of the body JSON>', () => {
		const body = buildCreateBody(input);
		const expected = createHash('sha256').update(JSON.stringify(body)).digest('hex');
		expect(idempotencyKeyOf(fingerprintOf(body))).toBe(`n8n-webhook-${expected}`);
		// Same choice in another order → same key; another URL (test vs production) → another key.
		const shuffled = buildCreateBody({
			...input,
			events: [...input.events].reverse(),
			indexIds: ['idx_a', 'idx_b'],
		});
		expect(fingerprintOf(shuffled)).toBe(fingerprintOf(body));
		expect(fingerprintOf(buildCreateBody({ ...input, url: `${input.url}-test` }))).not.toBe(
			fingerprintOf(body),
		);
	});

	it('compares url, events and index filter, ignoring order; null and [] both mean all indexes', () => {
		const wanted = specOf(buildCreateBody({ ...input, indexIds: [] }));
		expect(
			sameSubscription(
				{ url: input.url, events: [...wanted.events].reverse(), index_ids: [] },
				wanted,
			),
		).toBe(true);
		expect(
			sameSubscription({ url: input.url, events: wanted.events, index_ids: null }, wanted),
		).toBe(true);
		expect(
			sameSubscription({ url: input.url, events: wanted.events.slice(1), index_ids: null }, wanted),
		).toBe(false);
		expect(
			sameSubscription({ url: `${input.url}x`, events: wanted.events, index_ids: null }, wanted),
		).toBe(false);
		expect(
			sameSubscription({ url: input.url, events: wanted.events, index_ids: ['idx_a'] }, wanted),
		).toBe(false);
	});

	it('recognises only its own subscriptions (same URL and workflow/node metadata)', () => {
		const body = buildCreateBody(input);
		expect(
			isOwnSubscription({ url: input.url, metadata: { ...body.metadata, extra: 1 } }, body),
		).toBe(true);
		expect(
			isOwnSubscription(
				{ url: input.url, metadata: { n8n_workflow_id: 'wf2', n8n_node_id: 'node-9' } },
				body,
			),
		).toBe(false);
		expect(isOwnSubscription({ url: `${input.url}-test`, metadata: body.metadata }, body)).toBe(
			false,
		);
		expect(isOwnSubscription({ url: input.url, metadata: null }, body)).toBe(false);
	});

	it('accepts https, and plain http only on loopback', () => {
		expect(undeliverableUrlReason('https://n8n.example.com/webhook/x')).toBeUndefined();
		expect(undeliverableUrlReason('http://127.0.0.1:5678/webhook/x')).toBeUndefined();
		expect(undeliverableUrlReason('http://localhost:5678/webhook/x')).toBeUndefined();
		expect(undeliverableUrlReason('http://n8n.internal:5678/webhook/x')).toMatch(/https/);
		expect(undeliverableUrlReason(undefined)).toMatch(/webhook URL/);
	});
});
