import { describe, expect, it } from 'vitest';

import { runNode } from '../../support/run-node';
import { byId, record, route } from '../../support/node-fixtures';

const base = { resource: 'promptRun', promptId: byId('prompt_1'), options: {} };
const indexTarget = { target: 'index', indexId: byId('idx_1') };

describe('Prompt Run: execute and estimate share one request form', () => {
	it('omits every unset setting so the prompt’s saved execution_config applies', async () => {
		const { requests, output } = await runNode({
			parameters: {
				...base,
				...indexTarget,
				operation: 'execute',
			},
			respond: () => ({ statusCode: 202, body: { run_id: 'run_1', status: 'pending' } }),
		});
		expect(requests[0].method).toBe('POST');
		expect(route(requests[0].url)).toBe('/prompt-runs/execute');
		expect(requests[0].body).toEqual({
			prompt_id: 'prompt_1',
			target: { type: 'index', index_id: 'idx_1' },
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(output).toEqual([
			{ json: { run_id: 'run_1', status: 'pending' }, pairedItem: { item: 0 } },
		]);
	});

	it('sends segmentation, durations and processing options the user chose', async () => {
		const parameters = {
			...base,
			target: 'videos',
			videoIds: 'vid_1, vid_2,vid_1',
			indexId: byId('idx_9'),
			options: {
				videoSegmentation: 'fixed',
				videoSegmentDuration: 15,
				audioSegmentation: 'content_aware',
				processingModel: 'gemini-2.5-pro',
				enableTranscription: false,
				enableImageEmbedding: true,
				idempotencyKey: 'batch-7',
			},
		};
		const expected = {
			prompt_id: 'prompt_1',
			target: { type: 'videos', video_ids: ['vid_1', 'vid_2'], index_id: 'idx_9' },
			video_segmentation_type: 'fixed',
			video_segment_duration: 15,
			audio_segmentation_type: 'content_aware',
			processing_model: 'gemini-2.5-pro',
			enable_transcription: false,
			enable_image_embedding: true,
		};
		const executed = await runNode({
			parameters: { ...parameters, operation: 'execute' },
			respond: () => ({ body: { run_id: 'r' } }),
		});
		expect(executed.requests[0].body).toEqual(expected);
		expect(executed.requests[0].headers['idempotency-key']).toBe('batch-7');

		const estimated = await runNode({
			parameters: { ...parameters, operation: 'estimate' },
			respond: () => ({ body: { estimated_mt: 12, sufficient_balance: true } }),
		});
		expect(estimated.requests[0].method).toBe('POST');
		expect(route(estimated.requests[0].url)).toBe('/prompt-runs/estimate');
		expect(estimated.requests[0].body).toEqual(expected);
		expect(estimated.requests[0].headers['idempotency-key']).toBeUndefined();
		expect(estimated.output[0].json).toEqual({ estimated_mt: 12, sufficient_balance: true });
	});

	it('targets playground media and media without a containing index', async () => {
		const playground = await runNode({
			parameters: { ...base, operation: 'execute', target: 'playground' },
			respond: () => ({ body: {} }),
		});
		expect(playground.requests[0].body).toEqual({
			prompt_id: 'prompt_1',
			target: { type: 'playground' },
		});

		const loose = await runNode({
			parameters: {
				...base,
				operation: 'estimate',
				target: 'videos',
				videoIds: ['vid_a', 'vid_b'],
				indexId: byId(''),
			},
			respond: () => ({ body: {} }),
		});
		expect(loose.requests[0].body).toEqual({
			prompt_id: 'prompt_1',
			target: { type: 'videos', video_ids: ['vid_a', 'vid_b'] },
		});
	});

	it.each([
		[
			'fixed video segmentation without a duration',
			{ options: { videoSegmentation: 'fixed' } },
			/Fixed video segmentation needs Options → Video Segment Duration \(Seconds\)/,
		],
		[
			'a video duration of 0',
			{ options: { videoSegmentation: 'fixed', videoSegmentDuration: 0 } },
			/Video Segment Duration \(Seconds\) must be a whole number from 1 to 300 \(got 0\)/,
		],
		[
			'an audio duration above 300',
			{ options: { audioSegmentation: 'fixed', audioSegmentDuration: 301 } },
			/Audio Segment Duration \(Seconds\) must be a whole number from 1 to 300/,
		],
		[
			'a fractional duration',
			{ options: { audioSegmentation: 'fixed', audioSegmentDuration: 2.5 } },
			/Audio Segment Duration/,
		],
		[
			'media target without IDs',
			{ target: 'videos', videoIds: ' , ' },
			/Media IDs: give at least one ID/,
		],
		['an index target without an index', { indexId: byId('') }, /Index is required/],
	])('refuses %s before any request', async (_case, override, message) => {
		for (const operation of ['execute', 'estimate']) {
			const { requests, respond } = record();
			const run = runNode({
				parameters: { ...base, ...indexTarget, operation, ...override },
				respond,
			});
			await expect(run).rejects.toThrow(message);
			expect(requests).toHaveLength(0);
		}
	});
});
