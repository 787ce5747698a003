import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers.js';

describe('Idempotency-Key (docs/api/conventions.md#idempotency-keys)', () => {
	let t: TestEmulator;
	beforeAll(async () => {
		t = await startTestEmulator();
	});
	afterAll(() => t.close());

	it('replays the first status and body for the same key and body, with no second side effect', async () => {
		const first = await t.call('POST', '/indexes', {
			body: { name: 'once' },
			idempotencyKey: 'idx-create-1',
		});
		const second = await t.call('POST', '/indexes', {
			body: { name: 'once' },
			idempotencyKey: 'idx-create-1',
		});
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.body).toEqual(first.body);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		const list = await t.call('GET', '/indexes');
		expect(list.body.filter((i: { name: string }) => i.name === 'once')).toHaveLength(1);
	});

	it('treats key order in the JSON body as the same body', async () => {
		const a = await t.call('POST', '/prompts', {
			body: {
				name: 'abc',
				prompt_text: 'Describe the scene here.',
				json_schema: { type: 'object', properties: {} },
			},
			idempotencyKey: 'order',
		});
		const b = await t.call('POST', '/prompts', {
			body: {
				json_schema: { properties: {}, type: 'object' },
				prompt_text: 'Describe the scene here.',
				name: 'abc',
			},
			idempotencyKey: 'order',
		});
		expect(b.body.prompt_id).toBe(a.body.prompt_id);
	});

	it('answers 409 idempotency_request_mismatch for the same key with a different body', async () => {
		await t.call('POST', '/indexes', { body: { name: 'first' }, idempotencyKey: 'mismatch' });
		const res = await t.call('POST', '/indexes', {
			body: { name: 'second' },
			idempotencyKey: 'mismatch',
		});
		expect(res.status).toBe(409);
		expect(res.body.error.code).toBe('idempotency_request_mismatch');
	});

	it('scopes keys by path and by credential', async () => {
		const a = await t.call('POST', '/indexes', {
			body: { name: 'scoped' },
			idempotencyKey: 'shared-key',
		});
		const other = await t.call('POST', '/chat/sessions', {
			body: { title: 'scoped' },
			idempotencyKey: 'shared-key',
		});
		expect(other.status).toBe(201);
		const viaJwt = await t.call('POST', '/indexes', {
			bearer: t.emu.bearerToken,
			body: { name: 'scoped' },
			idempotencyKey: 'shared-key',
		});
		expect(viaJwt.body.index_id).not.toBe(a.body.index_id);
	});

	it('rejects an empty or over-long key with 422 and ignores keys on GET', async () => {
		const empty = await t.call('POST', '/indexes', { body: { name: 'x' }, idempotencyKey: '' });
		expect(empty.status).toBe(422);
		expect(empty.body.error.code).toContain('idempotency');
		const long = await t.call('POST', '/indexes', {
			body: { name: 'x' },
			idempotencyKey: 'k'.repeat(256),
		});
		expect(long.status).toBe(422);
		expect(
			(await t.call('POST', '/indexes', { body: { name: 'x' }, idempotencyKey: 'k'.repeat(255) }))
				.status,
		).toBe(201);
		expect((await t.call('GET', '/indexes', { idempotencyKey: '' })).status).toBe(200);
	});

	it('does not remember failures: a corrected retry with the same key runs', async () => {
		const bad = await t.call('POST', '/indexes', { body: {}, idempotencyKey: 'after-failure' });
		expect(bad.status).toBe(422);
		const fixed = await t.call('POST', '/indexes', {
			body: { name: 'fixed' },
			idempotencyKey: 'after-failure',
		});
		expect(fixed.status).toBe(201);
	});

	it('compares multipart bodies by fields and file bytes, ignoring the boundary', async () => {
		const form = (bytes: string) => {
			const data = new FormData();
			data.append('title', 'clip');
			data.append('file', new Blob([bytes]), 'clip.mp4');
			return data;
		};
		const first = await t.call('POST', '/videos/upload', {
			rawBody: form('same bytes'),
			idempotencyKey: 'upload-1',
		});
		const replay = await t.call('POST', '/videos/upload', {
			rawBody: form('same bytes'),
			idempotencyKey: 'upload-1',
		});
		expect(first.status).toBe(201);
		expect(replay.body.video_id).toBe(first.body.video_id);
		const changed = await t.call('POST', '/videos/upload', {
			rawBody: form('other bytes'),
			idempotencyKey: 'upload-1',
		});
		expect(changed.status).toBe(409);
		expect(t.emu.control.counts().videos).toBe(1);
	});

	it('re-creates a deleted webhook for the same key, same id and a fresh secret', async () => {
		const body = { name: 'hook', url: 'http://127.0.0.1:9/hook', events: ['export.ready'] };
		const first = await t.call('POST', '/webhooks', { body, idempotencyKey: 'hook-key' });
		const replay = await t.call('POST', '/webhooks', { body, idempotencyKey: 'hook-key' });
		expect(replay.body).toEqual(first.body);
		expect((await t.call('DELETE', `/webhooks/${first.body.webhook_id}`)).status).toBe(200);
		const again = await t.call('POST', '/webhooks', { body, idempotencyKey: 'hook-key' });
		expect(again.status).toBe(201);
		expect(again.body.webhook_id).toBe(first.body.webhook_id);
		expect(again.body.secret).not.toBe(first.body.secret);
		expect((await t.call('GET', `/webhooks/${first.body.webhook_id}`)).status).toBe(200);
	});
});
