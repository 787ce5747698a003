import { describe, expect, it } from 'vitest';

import { TEST_BASE_URL } from '../../support/run-node';
import { byId, runBinaryNode } from './support/run-binary-node';

describe('Media → Get Many: the media of an index or of the playground', () => {
	const pages: Record<string, unknown> = {
		first: {
			data: [{ video_id: 'p1' }, { video_id: 'p2' }],
			pagination: { has_more: true, next_cursor: 'n2' },
		},
		n2: { data: [{ video_id: 'p3' }], pagination: { has_more: false, next_cursor: null } },
	};
	const respond = (request: { url: string }) => ({
		body: pages[new URL(request.url).searchParams.get('cursor') ?? 'first'],
	});

	it('in the playground follows cursors through every page with Return All', async () => {
		const { requests, output } = await runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'getAll',
				mediaIn: 'playground',
				returnAll: true,
			},
			respond,
		});
		expect(requests.map((r) => r.url)).toEqual([
			`${TEST_BASE_URL}/playground/videos?limit=100`,
			`${TEST_BASE_URL}/playground/videos?limit=100&cursor=n2`,
		]);
		expect(output.map((item) => item.json.video_id)).toEqual(['p1', 'p2', 'p3']);
	});

	it('in an index stops at the limit without fetching further pages', async () => {
		const { requests, output } = await runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'getAll',
				mediaIn: 'index',
				indexId: byId('idx_1'),
				returnAll: false,
				limit: 2,
			},
			respond,
		});
		expect(requests.map((r) => r.url)).toEqual([`${TEST_BASE_URL}/indexes/idx_1/videos?limit=2`]);
		expect(output.map((item) => item.json.video_id)).toEqual(['p1', 'p2']);
	});
});
