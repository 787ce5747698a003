import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrompt, startTestEmulator, type TestEmulator } from './helpers.js';

describe('validation and error shape (docs/api/conventions.md#errors)', () => {
	let t: TestEmulator;
	let indexId: string;
	let promptId: string;
	beforeAll(async () => {
		t = await startTestEmulator();
		indexId = t.emu.control.seed.index({ media: 2, run: false }).index_id as string;
		promptId = await createPrompt(t);
	});
	afterAll(() => t.close());

	const expect422 = async (method: string, path: string, body: unknown, field: string) => {
		const res = await t.call(method, path, { body });
		expect(res.status, res.text).toBe(422);
		expect(res.body.error.code).toBe('validation_failed');
		expect(res.body.error.details.field).toBe(field);
		expect(Object.keys(res.body.error).sort()).toEqual([
			'code',
			'details',
			'message',
			'request_id',
			'timestamp',
		]);
	};

	it('names video_segment_duration when fixed segmentation has no duration', async () => {
		await expect422(
			'POST',
			'/prompt-runs/execute',
			{
				prompt_id: promptId,
				target: { type: 'index', index_id: indexId },
				video_segmentation_type: 'fixed',
			},
			'video_segment_duration',
		);
		await expect422(
			'POST',
			'/prompt-runs/execute',
			{
				prompt_id: promptId,
				target: { type: 'index', index_id: indexId },
				video_segmentation_type: 'fixed',
				video_segment_duration: 301,
			},
			'video_segment_duration',
		);
		await expect422(
			'POST',
			'/prompt-runs/execute',
			{
				prompt_id: promptId,
				target: { type: 'index', index_id: indexId },
				video_segment_duration: 10,
			},
			'video_segment_duration',
		);
	});

	it('names nested fields of the execute target', async () => {
		await expect422(
			'POST',
			'/prompt-runs/execute',
			{ prompt_id: promptId, target: { type: 'index' } },
			'target.index_id',
		);
		await expect422(
			'POST',
			'/prompt-runs/execute',
			{ prompt_id: promptId, target: { type: 'videos', video_ids: [] } },
			'target.video_ids',
		);
		await expect422(
			'POST',
			'/prompt-runs/execute',
			{ prompt_id: promptId, target: { type: 'somewhere' } },
			'target.type',
		);
		await expect422(
			'POST',
			'/prompt-runs/execute',
			{
				prompt_id: promptId,
				target: { type: 'index', index_id: indexId },
				processing_model: 'gpt-9',
			},
			'processing_model',
		);
	});

	it('validates prompts, webhooks and listing limits', async () => {
		await expect422(
			'POST',
			'/prompts',
			{ name: 'ok name', prompt_text: 'short', json_schema: { type: 'object', properties: {} } },
			'prompt_text',
		);
		await expect422(
			'POST',
			'/prompts',
			{ name: 'ok name', prompt_text: 'long enough text', json_schema: { type: 'string' } },
			'json_schema',
		);
		await expect422('POST', '/indexes', {}, 'name');
		await expect422(
			'POST',
			'/webhooks',
			{ name: 'w', url: 'http://example.com/hook', events: ['export.ready'] },
			'url',
		);
		await expect422(
			'POST',
			'/webhooks',
			{ name: 'w', url: 'https://example.com/hook', events: ['export.done'] },
			'events[0]',
		);
		for (const limit of ['0', '101', 'abc']) {
			const res = await t.call('GET', `/indexes/${indexId}/videos`, { query: { limit } });
			expect(res.status).toBe(422);
			expect(res.body.error.details.field).toBe('limit');
		}
		const cursor = await t.call('GET', `/indexes/${indexId}/videos`, {
			query: { cursor: 'not-a-cursor' },
		});
		expect(cursor.status).toBe(422);
		expect(cursor.body.error.details.field).toBe('cursor');
	});

	it('answers malformed JSON with 400 and unknown ids with resource_<type>_not_found', async () => {
		const bad = await t.call('POST', '/indexes', {
			rawBody: '{"name": ',
			headers: { 'content-type': 'application/json' },
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.code).toBe('invalid_json');
		const missingPrompt = await t.call('POST', '/prompt-runs/execute', {
			body: { prompt_id: 'prompt_nope', target: { type: 'index', index_id: indexId } },
		});
		expect(missingPrompt.status).toBe(404);
		expect(missingPrompt.body.error.code).toBe('resource_prompt_not_found');
		expect((await t.call('GET', '/videos/vid_nope')).body.error.code).toBe(
			'resource_video_not_found',
		);
		expect((await t.call('GET', '/webhooks/wh_nope')).body.error.code).toBe(
			'resource_webhook_not_found',
		);
	});

	it('checks every filter operator/type/value rule', async () => {
		const cases: Array<[unknown, string]> = [
			[[], 'conditions'],
			[
				[
					{ field: 'a', operator: 'equals', value: 'x', type: 'string' },
					{ field: 'a', operator: 'equals', value: 'x', type: 'string' },
					{ field: 'a', operator: 'equals', value: 'x', type: 'string' },
					{ field: 'a', operator: 'equals', value: 'x', type: 'string' },
					{ field: 'a', operator: 'equals', value: 'x', type: 'string' },
				],
				'conditions',
			],
			[
				[{ field: 'a', operator: 'greater_than', value: 1, type: 'string' }],
				'conditions[0].operator',
			],
			[[{ field: 'a', operator: 'is_empty', value: 'x', type: 'string' }], 'conditions[0].value'],
			[[{ field: 'a', operator: 'equals', value: '  ', type: 'string' }], 'conditions[0].value'],
			[[{ field: 'a', operator: 'equals', value: 1.5, type: 'integer' }], 'conditions[0].value'],
			[[{ field: 'a', operator: 'equals', value: 'yes', type: 'boolean' }], 'conditions[0].value'],
			[
				[{ field: 'a', operator: 'length_greater', value: -1, type: 'array' }],
				'conditions[0].value',
			],
			[[{ field: 'a', operator: 'item_contains', value: 3, type: 'array' }], 'conditions[0].value'],
			[
				[{ field: 'a', operator: 'equals', value: 'x', type: 'string', extra: true }],
				'conditions[0].extra',
			],
			[[{ field: 'a', operator: 'equals', value: 'x', type: 'date' }], 'conditions[0].type'],
		];
		for (const [conditions, field] of cases)
			await expect422('POST', `/search/filter/${indexId}`, { conditions }, field);
	});

	it('rejects SQL beyond the supported grammar', async () => {
		await expect422('POST', `/search/sql/${indexId}`, { query: 'DELETE FROM results' }, 'query');
		await expect422(
			'POST',
			`/search/sql/${indexId}`,
			{ query: 'SELECT nope FROM results' },
			'query',
		);
	});
});
