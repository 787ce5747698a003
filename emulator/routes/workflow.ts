import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import { decodeCursorValue, encodeCursor, pageArray, type Page } from '../core/pagination.js';
import { accepted, created, ok } from '../core/reply.js';
import { route } from '../core/route.js';
import type {
	IndexRec,
	JsonObject,
	PromptRec,
	RunMediaRec,
	RunRec,
	SegmentRec,
} from '../core/types.js';
import { Fields, isRecord } from '../core/validation.js';
import { collectCandidates, type Candidate, type SearchScope } from '../search/candidates.js';
import { evaluateAll, parseCondition, type Condition } from '../search/filter.js';
import { rankByText, renderSearchResult } from '../search/result-view.js';
import { renderImportJob } from '../sim/import-jobs.js';
import { mimeTypeOf } from '../sim/media.js';
import {
	renderRun,
	renderSegmentResult,
	renderVideoResult,
	SEARCHABLE_RUN_STATUSES,
	segmentMetadata,
	TERMINAL_RUN_STATUSES,
} from '../sim/run-views.js';
import { createIndex } from './indexes.js';
import { findIndex, findPrompt, findRun, findVideo, writableIndex } from './lookups.js';
import { mintMediaGrant } from './media-content.js';
import { createPrompt, renderPrompt } from './prompts.js';
import { parseSettings } from './run-request.js';
import { mediaFromUpload, optionalText } from './uploads.js';
import { definePrompt } from './workflow-define.js';

/** The simplified `/workflow/*` surface used by the n8n node (docs/api/conventions.md#workflow-surface). */

const CANDIDATE_LIMIT = 1000;
const SNAPSHOT_KEEP = 200;

/** index_id XOR index_name (create-or-resolve by name) XOR neither (playground). */
function destination(
	emu: Emulator,
	indexId: string | undefined,
	indexName: string | undefined,
	create: boolean,
): { index: IndexRec | null; created: boolean } {
	if (indexId && indexName)
		throw invalid('index_name', 'send at most one of index_id and index_name');
	if (indexId) return { index: writableIndex(emu, indexId), created: false };
	if (!indexName) return { index: null, created: false };
	const existing = emu.store.indexes
		.values()
		.find((index) => index.name === indexName && !index.deletion);
	if (existing) return { index: existing, created: false };
	if (!create) throw notFound('index', indexName);
	return { index: createIndex(emu, indexName), created: true };
}

/** SDK field names (docs/api/conventions.md#workflow-surface) mapped onto the execute-style names the run parser reads. */
function normaliseProcessFields(raw: JsonObject): JsonObject {
	const out = { ...raw };
	const alias = (from: string, to: string, map: (v: unknown) => unknown = (v) => v) => {
		if (raw[from] === undefined || raw[from] === null) return;
		const mapped = map(raw[from]);
		if (raw[to] !== undefined && raw[to] !== null && raw[to] !== mapped)
			throw invalid(from, `conflicts with ${to}`);
		out[to] = mapped;
	};
	alias('segmentation_mode', 'video_segmentation_type');
	alias('fixed_segment_duration_seconds', 'video_segment_duration');
	alias('advanced_transcription', 'enable_transcription');
	alias('create_image_embeddings', 'enable_image_embedding');
	return out;
}

function selectionConditions(prompt: PromptRec | undefined): Condition[] | null | 'invalid' {
	const filter = prompt?.selection_filter;
	if (!filter) return null;
	const list = (filter.conditions ?? filter.filters) as unknown;
	if (!Array.isArray(list) || list.length === 0) return 'invalid';
	try {
		return list.map((item, i) =>
			parseCondition(item, `selection_filter.conditions[${i}]`, isRecord(item) && 'type' in item),
		);
	} catch {
		return 'invalid';
	}
}

interface RunItem {
	run: RunRec;
	media: RunMediaRec;
	segment: SegmentRec | null;
}

function runItems(run: RunRec, level: 'segment' | 'video', videoId?: string): RunItem[] {
	const items: RunItem[] = [];
	for (const id of run.media_order) {
		if (videoId && id !== videoId) continue;
		const media = run.media.get(id) as RunMediaRec;
		if (level === 'video') {
			if (media.video_result) items.push({ run, media, segment: null });
			continue;
		}
		for (const segment of media.segments)
			if (segment.status === 'completed') items.push({ run, media, segment });
	}
	return items;
}

function itemMetadata(emu: Emulator, item: RunItem): unknown {
	return item.segment
		? segmentMetadata(emu, item.run, item.segment).metadata
		: renderVideoResult(emu, item.run, item.media)?.metadata;
}

function renderItem(emu: Emulator, item: RunItem): JsonObject {
	return item.segment
		? renderSegmentResult(emu, item.run, item.segment)
		: (renderVideoResult(emu, item.run, item.media) as JsonObject);
}

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

export function registerWorkflowRoutes(router: Router, emu: Emulator): void {
	route(
		router,
		emu,
		{ method: 'POST', path: '/workflow/upload', scope: 'write', body: 'multipart' },
		async ({ multipart }) => {
			const body = multipart!;
			const target = destination(
				emu,
				optionalText(body, 'index_id', 255),
				optionalText(body, 'index_name', 255),
				true,
			);
			const video = await mediaFromUpload(
				emu,
				body,
				optionalText(body, 'title', 255),
				target.index?.index_id ?? null,
			);
			return created({
				video: {
					video_id: video.video_id,
					index_id: video.index_id,
					title: video.title,
					status: video.status,
					media_type: video.media_type,
					video_uri: video.video_uri,
					message: 'Upload complete',
				},
				destination: {
					type: target.index ? 'index' : 'playground',
					index_id: target.index?.index_id ?? null,
					index_created: target.created,
				},
			});
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/workflow/attachments', scope: 'write' },
		({ body }) => {
			const f = Fields.body(body);
			const raw = f.optArray('files');
			if (!raw || raw.length === 0) throw invalid('files', 'must be a non-empty array');
			const files = raw.map((item, i) => {
				if (!isRecord(item)) throw invalid(`files[${i}]`, 'must be an object');
				const file = new Fields(item, `files[${i}]`);
				const url = file.str('download_url', {
					min: 1,
					max: 4096,
					pattern: /^https?:\/\/[^\s]+$/i,
					patternHint: 'must be an http(s) URL',
				});
				return {
					download_url: url,
					file_id: file.str('file_id', { min: 1, max: 500 }),
					file_name: file.optStr('file_name', { min: 1, max: 500 }),
					mime_type: file.optStr('mime_type', { min: 1, max: 200 }),
				};
			});
			const target = destination(
				emu,
				f.optStr('index_id', { min: 1 }),
				f.optStr('index_name', { min: 1, max: 255 }),
				true,
			);
			const job = emu.sims.imports.createFromAttachments({
				index_id: target.index?.index_id ?? null,
				files,
				title: f.optStr('title', { min: 1, max: 255 }) ?? null,
			});
			return accepted(renderImportJob(job));
		},
	);

	route(router, emu, { method: 'POST', path: '/workflow/define', scope: 'write' }, ({ body }) => {
		const f = Fields.body(body);
		const definition = definePrompt(f.str('instruction', { min: 1, max: 4000 }));
		const save = f.bool('save', true);
		if (!save) return created({ prompt_id: null, saved: false, prompt: null, definition });
		const prompt = createPrompt(emu, definition);
		return created({
			prompt_id: prompt.prompt_id,
			saved: true,
			prompt: renderPrompt(prompt),
			definition,
		});
	});

	route(router, emu, { method: 'POST', path: '/workflow/process', scope: 'write' }, ({ body }) => {
		const f = new Fields(normaliseProcessFields(Fields.body(body).obj));
		const promptId = f.optStr('prompt_id', { min: 1 });
		const instruction = f.optStr('prompt_instruction', { min: 1, max: 4000 });
		if (!promptId === !instruction)
			throw invalid(
				promptId ? 'prompt_instruction' : 'prompt_id',
				'send exactly one of prompt_id and prompt_instruction',
			);
		const prompt = promptId
			? findPrompt(emu, promptId)
			: createPrompt(emu, definePrompt(instruction as string));
		const videoIds = f.optStrArray('video_ids', { min: 1 });
		const indexId = f.optStr('index_id', { min: 1 });
		const indexName = f.optStr('index_name', { min: 1 });
		if (videoIds && indexName) throw invalid('index_name', 'cannot be combined with video_ids');
		let resolved: {
			index_id: string | null;
			videos: ReturnType<typeof findVideo>[];
			target: JsonObject;
		};
		if (videoIds) {
			if (indexId) findIndex(emu, indexId);
			const videos = videoIds.map((id, i) => {
				const video = findVideo(emu, id);
				if (indexId && video.index_id !== indexId)
					throw invalid(`video_ids[${i}]`, `media ${id} is not in index ${indexId}`);
				return video;
			});
			resolved = {
				index_id: indexId ?? null,
				videos,
				target: { type: 'videos', video_ids: videoIds, ...(indexId ? { index_id: indexId } : {}) },
			};
		} else {
			const index = indexId || indexName ? destination(emu, indexId, indexName, false).index : null;
			const ids = index
				? emu.store.listingOf(index.index_id).all()
				: emu.store.playgroundVideos.all();
			const videos = ids
				.map((id) => emu.store.videos.get(id))
				.filter((v) => v !== undefined && !v.deletion) as ReturnType<typeof findVideo>[];
			resolved = {
				index_id: index?.index_id ?? null,
				videos,
				target: index ? { type: 'index', index_id: index.index_id } : { type: 'playground' },
			};
		}
		if (resolved.videos.length === 0)
			throw invalid(videoIds ? 'video_ids' : 'index_id', 'the scope contains no media to process');
		const run = emu.sims.runs.create({ prompt, settings: parseSettings(f, prompt), ...resolved });
		return accepted({
			run_id: run.run_id,
			run: renderRun(emu, run),
			prompt: { prompt_id: prompt.prompt_id, name: prompt.name },
			status_url: `/api/v2/prompt-runs/${run.run_id}`,
			results_url: `/api/v2/workflow/runs/${run.run_id}/results`,
			prompt_created_inline: !promptId,
		});
	});

	route(
		router,
		emu,
		{ method: 'GET', path: '/workflow/runs/:run_id/results', scope: 'read' },
		({ params, query }) => {
			const run = findRun(emu, params.run_id as string);
			const level = query.optEnum('result_level', ['segment', 'video'] as const) ?? 'segment';
			const view = query.optEnum('view', ['unfiltered', 'filtered', 'both'] as const) ?? 'both';
			const limit = query.int('limit', 1, 50, 20);
			const videoId = query.optStr('video_id') || undefined;
			if (videoId && !run.media.has(videoId)) throw notFound('video', videoId);
			const terminal = TERMINAL_RUN_STATUSES.has(run.status);
			const conditions = selectionConditions(emu.store.prompts.get(run.prompt_id));
			const selectionStatus =
				conditions === null
					? 'absent'
					: conditions === 'invalid'
						? 'failed'
						: terminal
							? 'completed'
							: 'pending';
			const items = terminal ? runItems(run, level, videoId) : [];
			const selected =
				Array.isArray(conditions) && selectionStatus === 'completed'
					? items.filter((item) => evaluateAll(conditions, itemMetadata(emu, item)))
					: [];
			const stream = (name: 'filtered' | 'unfiltered', list: RunItem[]): Page<JsonObject> =>
				pageArray(
					list,
					`workflow-results:${run.run_id}:${name}:${level}:${videoId ?? ''}`,
					query.optStr(`${name}_cursor`),
					limit,
					(item) => renderItem(emu, item),
					() => true,
					`${name}_cursor`,
				);
			return ok({
				run_id: run.run_id,
				status: run.status,
				result_level: level,
				selection_summary: {
					status: selectionStatus,
					selected_media_count: new Set(selected.map((i) => i.media.video_id)).size,
					selected_video_count: new Set(
						selected.filter((i) => i.media.media_type === 'video').map((i) => i.media.video_id),
					).size,
					selected_segment_count: selected.filter((i) => i.segment).length,
				},
				filtered:
					view !== 'unfiltered' && selectionStatus === 'completed'
						? stream('filtered', selected)
						: null,
				unfiltered: view !== 'filtered' && terminal ? stream('unfiltered', items) : null,
			});
		},
	);

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

	route(
		router,
		emu,
		{ method: 'POST', path: '/workflow/media-grants', scope: 'read', idempotency: false },
		({ body }) => {
			const f = Fields.body(body);
			const video = findVideo(emu, f.str('video_id', { min: 1 }));
			f.enumOf('intent', ['download'] as const, 'download');
			const runId = f.optStr('run_id', { min: 1 });
			const segmentId = f.optStr('segment_id', { min: 1 });
			if (segmentId && !runId) throw invalid('run_id', 'is required with segment_id');
			let filename =
				video.file?.filename ??
				`${video.title}.${video.media_type === 'video' ? 'mp4' : video.media_type === 'audio' ? 'mp3' : 'jpg'}`;
			if (runId) {
				const run = findRun(emu, runId);
				const media = run.media.get(video.video_id);
				if (!media) throw notFound('video', video.video_id);
				if (segmentId) {
					const segment = media.segments.find((s) => s.segment_id === segmentId);
					if (!segment) throw notFound('segment', segmentId);
					filename = `${video.title}_${segment.start_time}-${segment.end_time}.mp4`;
				}
			}
			const mime =
				video.file?.content_type && !segmentId ? video.file.content_type : mimeTypeOf(filename);
			const grant = mintMediaGrant(emu, {
				video_id: video.video_id,
				segment_id: segmentId ?? null,
				filename,
				mime_type: mime,
			});
			return ok({
				video_id: video.video_id,
				url: grant.url,
				filename,
				mime_type: mime,
				expires_at: grant.expires_at,
			});
		},
	);
}
