/** `/workflow/search` and its pages: a search over a scope, kept as a snapshot that later pages read from. */
import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import { decodeCursorValue, encodeCursor } from '../core/pagination.js';
import { ok } from '../core/reply.js';
import { route } from '../core/route.js';
import type { JsonObject } from '../core/types.js';
import { Fields } from '../core/validation.js';
import { collectCandidates, type Candidate, type SearchScope } from '../search/candidates.js';
import { evaluateAll, parseCondition } from '../search/filter.js';
import { rankByText, renderSearchResult } from '../search/result-view.js';
import { SEARCHABLE_RUN_STATUSES, segmentMetadata } from '../sim/run-views.js';
import { findIndex, findVideo } from './lookups.js';
import { destination } from './workflow-destination.js';

const CANDIDATE_LIMIT = 1000;
const SNAPSHOT_KEEP = 200;

function searchScope(emu: Emulator, f: Fields): SearchScope {
	const keys = ['index_id', 'index_name', 'video_ids', 'prompt_run_ids'].filter((key) =>
		f.has(key),
	);
	if (keys.length > 1)
		throw invalid(keys[1] as string, `send only one scope (${keys.join(', ')} given)`);
	const runIds = f.optStrArray('prompt_run_ids', { min: 1 });
	if (runIds) return { indexIds: [], runIds };
	const videoIds = f.optStrArray('video_ids', { min: 1 });
	if (videoIds) {
		const runs = new Set<string>();
		for (const id of videoIds)
			for (const runId of findVideo(emu, id).run_ids)
				if (SEARCHABLE_RUN_STATUSES.has(emu.store.runs.get(runId)?.status ?? '')) runs.add(runId);
		return { indexIds: [], runIds: [...runs], videoIds };
	}
	const indexId = f.optStr('index_id', { min: 1 });
	if (indexId) return { indexIds: [findIndex(emu, indexId).index_id] };
	const indexName = f.optStr('index_name', { min: 1 });
	if (indexName)
		return { indexIds: [destination(emu, undefined, indexName, false).index!.index_id] };
	return { indexIds: null };
}

function toVideoLevel(hits: JsonObject[]): JsonObject[] {
	const best = new Map<string, JsonObject>();
	for (const hit of hits)
		if (!best.has(hit.video_id as string))
			best.set(hit.video_id as string, {
				...hit,
				result_type: 'video',
				result_id: `${hit.video_id}:${hit.run_id}`,
				segment_id: null,
				start_time: null,
				end_time: null,
			});
	return [...best.values()];
}

function snapshotPage(emu: Emulator, snapshotId: string, offset: number): JsonObject {
	const snapshot = emu.store.snapshots.get(snapshotId);
	if (!snapshot) throw notFound('search_snapshot', snapshotId);
	const data = snapshot.hits.slice(offset, offset + snapshot.page_size);
	const next = offset + data.length;
	const hasMore = next < snapshot.hits.length;
	return {
		data,
		pagination: {
			limit: snapshot.page_size,
			has_more: hasMore,
			next_cursor: hasMore ? encodeCursor('workflow-search', `${snapshotId}:${next}`) : null,
		},
		snapshot_id: snapshotId,
		warnings: snapshot.warnings,
		candidate_limit: CANDIDATE_LIMIT,
	};
}

export function registerWorkflowSearchRoutes(router: Router, emu: Emulator): void {
	route(router, emu, { method: 'POST', path: '/workflow/search', scope: 'search' }, ({ body }) => {
		const f = Fields.body(body);
		const query = f.optStr('query', { min: 1, max: 2000 });
		const rawFilters = f.optArray('filters');
		if (!query && !rawFilters?.length) throw invalid('query', 'send query, filters or both');
		if (rawFilters && (rawFilters.length < 1 || rawFilters.length > 4))
			throw invalid('filters', 'must contain 1 to 4 filters');
		const filters =
			rawFilters?.map((item, i) => parseCondition(item, `filters[${i}]`, false)) ?? [];
		const level = f.enumOf('result_level', ['segment', 'video'] as const, 'segment');
		const limit = f.int('limit', 1, 50, 10);
		const { candidates, warnings } = collectCandidates(emu, searchScope(emu, f));
		let pool: Array<{ candidate: Candidate; score: number }> = query
			? rankByText(emu, candidates, query)
			: candidates.map((candidate) => ({ candidate, score: 1 }));
		if (filters.length)
			pool = pool.filter(({ candidate }) =>
				evaluateAll(filters, segmentMetadata(emu, candidate.run, candidate.segment).metadata),
			);
		if (pool.length > CANDIDATE_LIMIT) {
			warnings.push(`results truncated to the first ${CANDIDATE_LIMIT} candidates`);
			pool = pool.slice(0, CANDIDATE_LIMIT);
		}
		let hits = pool.map(({ candidate, score }) =>
			renderSearchResult(emu, candidate, { similarity_score: score }, query),
		);
		if (level === 'video') hits = toVideoLevel(hits);
		const snapshotId = emu.ids.next('snapshot');
		emu.store.snapshots.set(snapshotId, {
			snapshot_id: snapshotId,
			hits,
			page_size: limit,
			warnings,
			created_at: emu.now(),
		});
		if (emu.store.snapshots.size > SNAPSHOT_KEEP)
			emu.store.snapshots.delete(emu.store.snapshots.keys().next().value as string);
		return ok(snapshotPage(emu, snapshotId, 0));
	});

	route(
		router,
		emu,
		{ method: 'GET', path: '/workflow/search/page', scope: 'search' },
		({ query }) => {
			const cursor = query.optStr('cursor');
			if (!cursor) throw invalid('cursor', 'is required');
			const value = decodeCursorValue('workflow-search', cursor);
			const match = typeof value === 'string' ? /^(snap_[0-9a-f]+):(\d+)$/.exec(value) : null;
			if (!match) throw invalid('cursor', 'malformed cursor');
			return ok(snapshotPage(emu, match[1] as string, Number(match[2])));
		},
	);
}
