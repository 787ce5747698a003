import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers.js';

/** Contract §23: facts recorded against the deployed API that the emulator follows. */
describe('contract §23 changes', () => {
	let t: TestEmulator;
	let seeded: { index_id: string; prompt_id: string; run_id: string; video_ids: string[] };
	beforeAll(async () => {
		t = await startTestEmulator();
		seeded = t.emu.control.seed.index({ media: 2, segmentsPerMedia: 1 }) as typeof seeded;
	});
	afterAll(() => t.close());

	it('§23.1: SQL catalog and chat-session create need a real {} body', async () => {
		expect((await t.call('POST', `/search/sql/${seeded.index_id}/catalog`)).status).toBe(422);
		const catalog = await t.call('POST', `/search/sql/${seeded.index_id}/catalog`, { body: {} });
		expect(catalog.status).toBe(200);
		expect(catalog.body.tables[0].default_query).toMatch(/^SELECT /);
		expect((await t.call('POST', '/chat/sessions')).status).toBe(422);
		expect((await t.call('POST', '/chat/sessions', { body: {} })).status).toBe(201);
	});

	it('§23.2: scope is checked before lookup (403 before 404)', async () => {
		const created = await t.call('POST', '/api-keys', {
			bearer: t.emu.bearerToken,
			body: { name: 'read only', scopes: ['read'] },
		});
		expect(created.status).toBe(201);
		const readKey = created.body.key as string;
		expect((await t.call('GET', '/indexes', { key: readKey })).status).toBe(200);
		const res = await t.call('DELETE', '/indexes/idx_does_not_exist', { key: readKey });
		expect(res.status).toBe(403);
	});

	it('§23.4: specific-media targets of indexed media need index_id', async () => {
		const body = {
			prompt_id: seeded.prompt_id,
			target: { type: 'videos', video_ids: [seeded.video_ids[0]] },
		};
		const missing = await t.call('POST', '/prompt-runs/estimate', { body });
		expect(missing.status).toBe(422);
		expect(missing.body.error.details.field).toBe('target.index_id');
		const given = await t.call('POST', '/prompt-runs/estimate', {
			body: { ...body, target: { ...body.target, index_id: seeded.index_id } },
		});
		expect(given.status).toBe(200);
	});

	it('§23.7: a completed download export carries its gs:// object with the download URL', async () => {
		const created = await t.call('POST', `/exports/index/${seeded.index_id}`, {
			body: {},
			idempotencyKey: 'export-23',
		});
		expect(created.status).toBeLessThan(300);
		t.emu.control.clock.runAll();
		const status = await t.call('GET', `/exports/${created.body.export_id}`);
		expect(status.body.status).toBe('completed');
		expect(status.body.download_url).toBe(`/api/v2/exports/${created.body.export_id}/download`);
		expect(status.body.gcs_uri).toMatch(/^gs:\/\//);
	});
});
