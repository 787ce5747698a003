/** `GET /workflow/runs/:run_id/results`: a run's results, unfiltered and through the prompt's selection filter. */
import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { pageArray, type Page } from '../core/pagination.js';
import { ok } from '../core/reply.js';
import { route } from '../core/route.js';
import type { JsonObject, PromptRec, RunMediaRec, RunRec, SegmentRec } from '../core/types.js';
import { isRecord } from '../core/validation.js';
import { evaluateAll, parseCondition, type Condition } from '../search/filter.js';
import {
	renderSegmentResult,
	renderVideoResult,
	segmentMetadata,
	TERMINAL_RUN_STATUSES,
} from '../sim/run-views.js';
import { findRun } from './lookups.js';

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

export function registerWorkflowResultRoutes(router: Router, emu: Emulator): void {
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
}
