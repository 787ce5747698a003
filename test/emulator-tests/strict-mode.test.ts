import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers.js';

describe('strict mode (unknown request keys → 422 naming the key)', () => {
	const running: TestEmulator[] = [];
	const start = async (strict?: boolean) => {
		const t = await startTestEmulator(strict === undefined ? {} : { strict });
		running.push(t);
		return t;
	};
	afterEach(async () => {
		await Promise.all(running.splice(0).map((t) => t.close()));
	});

	it('is on by default for in-process emulators and rejects a misspelt body field', async () => {
		const t = await start();
		const res = await t.call('POST', '/indexes', { body: { name: 'a', descripton: 'typo' } });
		expect(res.status).toBe(422);
		expect(res.body.error.details).toMatchObject({ field: 'descripton', location: 'body' });
		expect(res.body.error.message).toContain('descripton');
	});

	it('names nested keys with their dotted path', async () => {
		const t = await start();
		const seeded = t.emu.control.seed.index({ media: 1, segmentsPerMedia: 1 });
		const res = await t.call('POST', '/prompt-runs/estimate', {
			body: {
				prompt_id: seeded.prompt_id,
				target: { type: 'index', index_id: seeded.index_id, video_id: 'x' },
			},
		});
		expect(res.status).toBe(422);
		expect(res.body.error.details.field).toBe('target.video_id');
	});

	it('rejects an array sent as ids[]= instead of repeated keys, and accepts repeated keys', async () => {
		const t = await start();
		const seeded = t.emu.control.seed.index({ media: 2, segmentsPerMedia: 1 });
		const [a, b] = seeded.video_ids as [string, string];
		const url = `/indexes/${seeded.index_id}/videos`;
		const bracketed = await t.call('GET', `${url}?limit=5&unknown_flag=1`);
		expect(bracketed.status).toBe(422);
		expect(bracketed.body.error.details).toMatchObject({
			field: 'unknown_flag',
			location: 'query',
		});
		// The processing stream is the one route with an array query parameter (§20).
		const wrongArray = await t.call(
			'GET',
			`/processing/events/stream?video_ids[]=${a}&video_ids[]=${b}`,
		);
		expect(wrongArray.status).toBe(422);
		expect(wrongArray.body.error.details.field).toBe('video_ids[]');
		const controller = new AbortController();
		const repeated = await fetch(
			`${t.emu.baseUrl}/processing/events/stream?video_ids=${a}&video_ids=${b}`,
			{
				headers: { 'x-api-key': t.emu.apiKey },
				signal: controller.signal,
			},
		);
		expect(repeated.status).toBe(200);
		controller.abort();
	});

	it('leaves free-form objects alone (a JSON schema is stored as a whole)', async () => {
		const t = await start();
		const res = await t.call('POST', '/prompts', {
			body: {
				name: 'free-form',
				prompt_text: 'describe every scene',
				json_schema: { type: 'object', properties: { anything_goes: { type: 'string' } } },
			},
		});
		expect(res.status).toBe(201);
	});

	it('is off when asked (npm start) and can be switched at runtime', async () => {
		const t = await start(false);
		expect((await t.call('POST', '/indexes', { body: { name: 'a', extra: 1 } })).status).toBe(201);
		t.emu.control.config.update({ strict: true });
		expect((await t.call('POST', '/indexes', { body: { name: 'b', extra: 1 } })).status).toBe(422);
	});
});
