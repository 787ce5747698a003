import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers.js';

describe('pagination (docs/api/conventions.md#pagination)', () => {
	let t: TestEmulator;
	let bigIndex: string;
	let runIndex: { index_id: string; run_id: string; video_ids: string[] };
	let hugeIndex: { index_id: string; video_ids: string[] };
	beforeAll(async () => {
		t = await startTestEmulator();
		// Seeding 100,000 media blocks the shared event loop for seconds under load. Done before any
		// request, no pooled keep-alive socket can expire during the block and be reset under a request.
		hugeIndex = t.emu.control.seed.index({ media: 100_000, run: false }) as typeof hugeIndex;
		bigIndex = t.emu.control.seed.index({ media: 10_000, run: false }).index_id as string;
		runIndex = t.emu.control.seed.index({ media: 6, segmentsPerMedia: 4 }) as typeof runIndex;
	});
	afterAll(() => t.close());

	it('walks 10,000 media in pages of 100 with no duplicates or gaps', async () => {
		const seen = new Set<string>();
		let cursor: string | undefined;
		let pages = 0;
		for (;;) {
			const res = await t.call('GET', `/indexes/${bigIndex}/videos`, {
				query: cursor ? { limit: 100, cursor } : { limit: 100 },
			});
			expect(res.status).toBe(200);
			pages++;
			for (const video of res.body.data) {
				expect(seen.has(video.video_id)).toBe(false);
				seen.add(video.video_id);
			}
			expect(res.body.pagination.limit).toBe(100);
			if (!res.body.pagination.has_more) {
				expect(res.body.pagination.next_cursor).toBeNull();
				break;
			}
			expect(res.body.pagination.next_cursor).not.toBe(cursor);
			cursor = res.body.pagination.next_cursor;
		}
		expect(seen.size).toBe(10_000);
		expect(pages).toBe(100);
	});

	it('defaults to 50, rejects out-of-range limits and cursors from another listing', async () => {
		const first = await t.call('GET', `/indexes/${bigIndex}/videos`);
		expect(first.body.data).toHaveLength(50);
		expect(
			(await t.call('GET', `/indexes/${bigIndex}/videos`, { query: { limit: 101 } })).status,
		).toBe(422);
		const foreign = await t.call('GET', `/indexes/${runIndex.index_id}/videos`, {
			query: { cursor: first.body.pagination.next_cursor },
		});
		expect(foreign.status).toBe(422);
		expect(foreign.body.error.details.field).toBe('cursor');
	});

	it('keeps a walk stable when media are added meanwhile', async () => {
		const { index_id } = t.emu.control.seed.index({ media: 5, run: false });
		const page1 = await t.call('GET', `/indexes/${index_id}/videos`, { query: { limit: 3 } });
		t.emu.control.seed.index({ media: 0, run: false });
		await t.call('POST', '/videos', {
			body: { title: 'late', video_uri: 'gs://bucket/late.mp4', index_id },
		});
		const page2 = await t.call('GET', `/indexes/${index_id}/videos`, {
			query: { limit: 3, cursor: page1.body.pagination.next_cursor },
		});
		const ids = [...page1.body.data, ...page2.body.data].map(
			(v: { video_id: string }) => v.video_id,
		);
		expect(new Set(ids).size).toBe(5);
		expect(page2.body.pagination.has_more).toBe(false);
	});

	it('pages run results per media', async () => {
		const all: string[] = [];
		let cursor: string | undefined;
		do {
			const res = await t.call('GET', `/prompt-runs/${runIndex.run_id}/results`, {
				query: {
					video_id: runIndex.video_ids[0] as string,
					limit: 3,
					...(cursor ? { cursor } : {}),
				},
			});
			all.push(...res.body.data.map((r: { segment_id: string }) => r.segment_id));
			cursor = res.body.pagination.next_cursor ?? undefined;
		} while (cursor);
		expect(all).toHaveLength(4);
		expect(new Set(all).size).toBe(4);
	});

	it('pages filter search in the body and returns both legacy and new keys', async () => {
		const conditions = [{ field: 'summary', operator: 'is_not_empty', type: 'string' }];
		const first = await t.call('POST', `/search/filter/${runIndex.index_id}`, {
			body: { conditions, page_size: 10, run_ids: [runIndex.run_id] },
		});
		expect(first.status).toBe(200);
		expect(first.body.results).toHaveLength(10);
		expect(first.body.data).toEqual(first.body.results);
		expect(first.body.total_shown).toBe(10);
		expect(first.body.next_page_token).toBe(first.body.pagination.next_cursor);
		const ids = new Set(first.body.results.map((r: { result_id: string }) => r.result_id));
		let token = first.body.next_page_token;
		while (token) {
			const next = await t.call('POST', `/search/filter/${runIndex.index_id}`, {
				body: { conditions, page_size: 10, cursor: token, run_ids: [runIndex.run_id] },
			});
			for (const r of next.body.results) ids.add(r.result_id);
			token = next.body.next_page_token;
		}
		expect(ids.size).toBe(24);
	});

	it('serves workflow search snapshots page by page', async () => {
		const first = await t.call('POST', '/workflow/search', {
			body: {
				filters: [{ field: 'summary', operator: 'is_not_empty' }],
				index_id: runIndex.index_id,
				limit: 5,
			},
		});
		expect(first.status).toBe(200);
		expect(first.body.snapshot_id).toMatch(/^snap_/);
		expect(first.body.candidate_limit).toBeGreaterThan(0);
		const ids = first.body.data.map((r: { result_id: string }) => r.result_id);
		let cursor = first.body.pagination.next_cursor;
		while (cursor) {
			const page = await t.call('GET', '/workflow/search/page', { query: { cursor } });
			expect(page.body.snapshot_id).toBe(first.body.snapshot_id);
			ids.push(...page.body.data.map((r: { result_id: string }) => r.result_id));
			cursor = page.body.pagination.next_cursor;
		}
		expect(ids).toHaveLength(24);
		expect(new Set(ids).size).toBe(24);
	});

	it('serves workflow run results as two independent streams', async () => {
		const promptId = (await t.call('GET', `/prompt-runs/${runIndex.run_id}`)).body.prompt_id;
		await t.call('PUT', `/prompts/${promptId}`, {
			body: {
				selection_filter: { conditions: [{ field: 'is_safe', operator: 'equals', value: true }] },
			},
		});
		const first = await t.call('GET', `/workflow/runs/${runIndex.run_id}/results`, {
			query: { limit: 10, view: 'both' },
		});
		expect(first.status).toBe(200);
		expect(first.body.selection_summary.status).toBe('completed');
		expect(first.body.unfiltered.data).toHaveLength(10);
		const selected = first.body.selection_summary.selected_segment_count;
		expect(
			first.body.filtered.data.every(
				(r: { metadata: { is_safe: boolean } }) => r.metadata.is_safe === true,
			),
		).toBe(true);
		let unfiltered = first.body.unfiltered.data.length;
		let filtered = first.body.filtered.data.length;
		let uc = first.body.unfiltered.pagination.next_cursor;
		let fc = first.body.filtered.pagination.next_cursor;
		while (uc || fc) {
			const view = uc && fc ? 'both' : uc ? 'unfiltered' : 'filtered';
			const page = await t.call('GET', `/workflow/runs/${runIndex.run_id}/results`, {
				query: {
					limit: 10,
					view,
					...(uc ? { unfiltered_cursor: uc } : {}),
					...(fc ? { filtered_cursor: fc } : {}),
				},
			});
			if (uc) {
				unfiltered += page.body.unfiltered.data.length;
				uc = page.body.unfiltered.pagination.next_cursor;
			}
			if (fc) {
				filtered += page.body.filtered.data.length;
				fc = page.body.filtered.pagination.next_cursor;
			}
		}
		expect(unfiltered).toBe(24);
		expect(filtered).toBe(selected);
	});

	it('seeds 100,000 items and serves a deep page', async () => {
		const { index_id, video_ids } = hugeIndex;
		const page = await t.call('GET', `/indexes/${index_id}/videos`, { query: { limit: 100 } });
		expect(page.body.data[0].video_id).toBe(video_ids[video_ids.length - 1]);
		expect(page.body.pagination.has_more).toBe(true);
	});
});
