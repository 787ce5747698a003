import { describe, expect, it } from 'vitest';

import { runNode, type RecordedRequest } from '../../support/run-node';
import { path } from '../../support/node-fixtures';

const marker = {
	marker_id: 'mk_1',
	color: '#f59e0b',
	note: 'check',
	target_type: 'prompt_run',
	target_id: 'run_1',
};

describe('Marker', () => {
	it('upsert PUTs the target with colour and note, without Idempotency-Key', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'marker',
				operation: 'upsert',
				targetType: 'prompt_run',
				targetId: ' run_1 ',
				fieldPath: 'ignored',
				color: '#f59e0b',
				note: 'check',
			},
			respond: () => ({ body: marker }),
		});
		expect(requests[0].method).toBe('PUT');
		expect(path(requests[0].url)).toBe('/markers');
		expect(requests[0].body).toEqual({
			target_type: 'prompt_run',
			target_id: 'run_1',
			color: '#f59e0b',
			note: 'check',
		});
		expect(requests[0].headers['idempotency-key']).toBeUndefined();
		expect(output[0].json).toEqual(marker);
	});

	it('upsert on a field sends the field path and leaves out empty colour and note', async () => {
		const { requests } = await runNode({
			parameters: {
				resource: 'marker',
				operation: 'upsert',
				targetType: 'field',
				targetId: 'run_1',
				fieldPath: 'scene.objects',
				color: '',
				note: '',
			},
			respond: () => ({ body: marker }),
		});
		expect(requests[0].body).toEqual({
			target_type: 'field',
			target_id: 'run_1',
			field_path: 'scene.objects',
		});
	});

	it.each([
		[{ targetType: 'field', targetId: 'run_1', fieldPath: '' }, 'Field Path is required'],
		[{ targetType: 'prompt', targetId: '' }, 'Target ID is required'],
	])('upsert refuses missing target fields before sending', async (override, message) => {
		const requests: RecordedRequest[] = [];
		const run = runNode({
			parameters: {
				resource: 'marker',
				operation: 'upsert',
				color: '',
				note: '',
				fieldPath: '',
				...override,
			},
			respond: (r) => (requests.push(r), { body: {} }),
		});
		await expect(run).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});

	it('list passes the filters and trims to the limit', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'marker',
				operation: 'getAll',
				returnAll: false,
				limit: 1,
				filters: { targetType: 'prompt', targetId: 'prompt_1' },
			},
			respond: () => ({ body: [marker, { ...marker, marker_id: 'mk_2' }] }),
		});
		const url = new URL(requests[0].url);
		expect(url.pathname).toBe('/api/v2/markers');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			target_type: 'prompt',
			target_id: 'prompt_1',
		});
		expect(output.map((i) => i.json.marker_id)).toEqual(['mk_1']);
	});

	it('delete addresses the marker by id', async () => {
		const { requests } = await runNode({
			parameters: { resource: 'marker', operation: 'delete', markerId: 'mk_1' },
			respond: () => ({ body: { message: 'deleted' } }),
		});
		expect(`${requests[0].method} ${path(requests[0].url)}`).toBe('DELETE /markers/mk_1');
	});
});
