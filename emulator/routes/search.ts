import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid } from '../core/errors.js';
import { pageArray } from '../core/pagination.js';
import { ok } from '../core/reply.js';
import { route } from '../core/route.js';
import { sha256Hex, stableStringify } from '../core/rng.js';
import type { JsonObject } from '../core/types.js';
import { Fields } from '../core/validation.js';
import { collectCandidates, type Candidate, type SearchScope } from '../search/candidates.js';
import { evaluateAll, parseConditions } from '../search/filter.js';
import { decodeImage, imageFields, rankByImage } from '../search/image.js';
import { rankByText, renderSearchResult } from '../search/result-view.js';
import { catalog, execute, generate } from '../search/sql.js';
import { findIndex } from './lookups.js';
import { segmentMetadata } from '../sim/run-views.js';

/** Search (docs/api/conventions.md#search). Route order: `/search/filter/playground` and the SQL sub-paths come first. */

const RRF_K = 60;

function indexScope(emu: Emulator, primary: string, f: Fields): SearchScope {
	findIndex(emu, primary);
	const extra = f.optStrArray('index_ids') ?? [];
	for (const id of extra) findIndex(emu, id);
	return { indexIds: [...new Set([primary, ...extra])], runIds: f.optStrArray('run_ids') };
}

function textSearch(
	emu: Emulator,
	candidates: Candidate[],
	query: string,
	topK: number,
	searchFields?: string[],
): JsonObject[] {
	return rankByText(emu, candidates, query, searchFields)
		.slice(0, topK)
		.map(({ candidate, score }) =>
			renderSearchResult(
				emu,
				candidate,
				{ similarity_score: score, reranked_score: score },
				query,
				searchFields,
			),
		);
}

function filterResponse(emu: Emulator, scope: SearchScope, f: Fields): JsonObject {
	const conditions = parseConditions(f.raw('conditions'));
	const pageSize = f.int('page_size', 1, 100, 50);
	const cursor = f.optStr('cursor');
	const { candidates } = collectCandidates(emu, scope);
	const matching = candidates.filter((c) =>
		evaluateAll(conditions, segmentMetadata(emu, c.run, c.segment).metadata),
	);
	const listing = `filter:${sha256Hex(stableStringify({ conditions, scope }))}`;
	const page = pageArray(matching, listing, cursor, pageSize, (c) =>
		renderSearchResult(emu, c, { similarity_score: 1 }),
	);
	return {
		results: page.data,
		next_page_token: page.pagination.next_cursor,
		total_shown: page.data.length,
		total_matched: matching.length,
		...page,
	};
}

export function registerSearchRoutes(router: Router, emu: Emulator): void {
	const search = { scope: 'search' as const, idempotency: false as const };

	route(
		router,
		emu,
		{ method: 'POST', path: '/indexes/:index_id/search', ...search },
		({ params, body }) => {
			const f = Fields.body(body);
			const query = f.str('query', { min: 1, max: 2000 });
			const topK = f.int('top_k', 1, 100, 30);
			const scope = indexScope(emu, params.index_id as string, f);
			return ok(
				textSearch(
					emu,
					collectCandidates(emu, scope).candidates,
					query,
					topK,
					f.optStrArray('search_fields'),
				),
			);
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/indexes/:index_id/image-search', ...search },
		({ params, body }) => {
			const f = Fields.body(body);
			const image = decodeImage('image_data', f.raw('image_data'));
			const topK = f.int('top_k', 1, 100, 20);
			const { candidates } = collectCandidates(emu, indexScope(emu, params.index_id as string, f));
			return ok(
				rankByImage(candidates, image)
					.slice(0, topK)
					.map(({ candidate, score }) =>
						renderSearchResult(emu, candidate, {
							similarity_score: score,
							...imageFields(candidate, score),
						}),
					),
			);
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/indexes/:index_id/multimodal-search', ...search },
		({ params, body }) => {
			const f = Fields.body(body);
			const text = f.optStr('text_query', { min: 1, max: 2000 });
			const image = f.has('image_data')
				? decodeImage('image_data', f.raw('image_data'))
				: undefined;
			if (text === undefined && image === undefined)
				throw invalid('text_query', 'send text_query, image_data or both');
			const topK = f.int('top_k', 1, 100, 20);
			const textWeight = f.optNumber('text_weight', 0, 1) ?? 0.5;
			const imageWeight = f.optNumber('image_weight', 0, 1) ?? 0.5;
			const scope = indexScope(emu, params.index_id as string, f);
			const { candidates } = collectCandidates(emu, scope);
			const textRanked = text
				? rankByText(emu, candidates, text, f.optStrArray('search_fields'))
				: [];
			const imageRanked = image ? rankByImage(candidates, image) : [];
			const fused = new Map<Candidate, JsonObject & { fused_score: number }>();
			const entry = (candidate: Candidate) => {
				let value = fused.get(candidate);
				if (!value) {
					value = {
						fused_score: 0,
						text_score: null,
						image_score: null,
						text_rank: null,
						image_rank: null,
					};
					fused.set(candidate, value);
				}
				return value;
			};
			textRanked.forEach(
				({ candidate, score }, i) =>
					(Object.assign(entry(candidate), { text_score: score, text_rank: i + 1 }).fused_score +=
						textWeight / (RRF_K + i + 1)),
			);
			imageRanked.forEach(
				({ candidate, score }, i) =>
					(Object.assign(entry(candidate), { image_score: score, image_rank: i + 1 }).fused_score +=
						imageWeight / (RRF_K + i + 1)),
			);
			const ranked = [...fused.entries()].sort(
				(a, b) =>
					b[1].fused_score - a[1].fused_score ||
					((a[1].text_rank as number) ?? 1e9) - ((b[1].text_rank as number) ?? 1e9),
			);
			return ok(
				ranked.slice(0, topK).map(([candidate, scores]) => {
					const matchType =
						scores.text_rank && scores.image_rank
							? 'both'
							: scores.text_rank
								? 'text_only'
								: 'image_only';
					const fusedScore = Math.round(scores.fused_score * 1e6) / 1e6;
					return renderSearchResult(
						emu,
						candidate,
						{
							...scores,
							fused_score: fusedScore,
							similarity_score: fusedScore,
							match_type: matchType,
							...imageFields(candidate, (scores.image_score as number) ?? 0),
						},
						text,
					);
				}),
			);
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/search/filter/playground', ...search },
		({ body }) => {
			const f = Fields.body(body);
			return ok(filterResponse(emu, { indexIds: null, runIds: f.optStrArray('run_ids') }, f));
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/search/filter/:index_id', ...search },
		({ params, body }) => {
			const f = Fields.body(body);
			return ok(filterResponse(emu, indexScope(emu, params.index_id as string, f), f));
		},
	);

	route(router, emu, { method: 'POST', path: '/search/multi-run', ...search }, ({ body }) => {
		const f = Fields.body(body);
		const query = f.str('query', { min: 1, max: 2000 });
		const runIds = f.optStrArray('run_ids', { min: 1 });
		const indexId = f.optStr('index_id', { min: 1 });
		if (!runIds && !indexId) throw invalid('run_ids', 'send run_ids or index_id');
		const aggregation = f.enumOf('aggregation', ['best', 'all', 'weighted'] as const, 'best');
		const topK = f.int('top_k', 1, 50, 5);
		if (indexId) findIndex(emu, indexId);
		const { candidates } = collectCandidates(emu, { indexIds: indexId ? [indexId] : [], runIds });
		const ranked = rankByText(emu, candidates, query);
		if (aggregation === 'all')
			return ok(
				ranked
					.slice(0, topK)
					.map(({ candidate, score }) =>
						renderSearchResult(emu, candidate, { similarity_score: score }, query),
					),
			);
		const runCount = new Set(candidates.map((c) => c.run.run_id)).size || 1;
		const bySegment = new Map<string, { candidate: Candidate; best: number; sum: number }>();
		for (const { candidate, score } of ranked) {
			const key = `${candidate.video.video_id}|${candidate.segment.start_time}|${candidate.segment.end_time}`;
			const current = bySegment.get(key);
			if (!current) bySegment.set(key, { candidate, best: score, sum: score });
			else current.sum += score;
		}
		const merged = [...bySegment.values()].map((v) => ({
			...v,
			score: aggregation === 'best' ? v.best : Math.round((v.sum / runCount) * 10_000) / 10_000,
		}));
		merged.sort((a, b) => b.score - a.score);
		return ok(
			merged
				.slice(0, topK)
				.map(({ candidate, score }) =>
					renderSearchResult(emu, candidate, { similarity_score: score, aggregation }, query),
				),
		);
	});

	route(
		router,
		emu,
		{ method: 'POST', path: '/playground/search', ...search },
		({ body, query: qs }) => {
			const f = Fields.body(body);
			const query = f.str('query', { min: 1, max: 2000 });
			const topK = f.int('top_k', 1, 100, 30);
			const runId = qs.optStr('run_id');
			const { candidates } = collectCandidates(emu, {
				indexIds: null,
				runIds: runId ? [runId] : undefined,
			});
			return ok(
				textSearch(
					emu,
					candidates.filter((c) => c.video.index_id === null),
					query,
					topK,
				),
			);
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/search/sql/:index_id/catalog', ...search },
		({ params, body }) => {
			if (body === undefined)
				throw invalid('body', 'an explicit JSON object body ({}) is required');
			const f = Fields.body(body);
			return ok(
				catalog(collectCandidates(emu, indexScope(emu, params.index_id as string, f)).candidates),
			);
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/search/sql/:index_id/generate', scope: 'search' },
		({ params, body }) => {
			const f = Fields.body(body);
			const instruction = f.str('instruction', { min: 1, max: 2000 });
			const existing = f.optStr('existing_query', { max: 10_000 });
			return ok(
				generate(
					collectCandidates(emu, indexScope(emu, params.index_id as string, f)).candidates,
					instruction,
					existing,
				),
			);
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/search/sql/:index_id', ...search },
		({ params, body }) => {
			const f = Fields.body(body);
			const query = f.str('query', { min: 1, max: 10_000 });
			const limit = f.int('result_limit', 1, 2000, 100);
			return ok(
				execute(
					emu,
					collectCandidates(emu, indexScope(emu, params.index_id as string, f)).candidates,
					query,
					limit,
				),
			);
		},
	);
}
