import type { Emulator } from '../core/context.js';
import { notFound } from '../core/errors.js';
import type { RunRec, SegmentRec, VideoRec } from '../core/types.js';
import { SEARCHABLE_RUN_STATUSES } from '../sim/run-views.js';

/**
 * What a search looks at: completed segment results of searchable runs (`completed` or
 * `completed_with_failures`, docs/api/conventions.md#workflow-surface) over live media in scope. Explicit `run_ids` pin the runs;
 * otherwise every searchable run of the scoped indexes counts.
 */

export interface Candidate {
	run: RunRec;
	segment: SegmentRec;
	video: VideoRec;
}

export interface SearchScope {
	/** Index ids; null means the caller's playground (index-less media). */
	indexIds: string[] | null;
	runIds?: string[];
	videoIds?: string[];
}

export function collectCandidates(
	emu: Emulator,
	scope: SearchScope,
): { candidates: Candidate[]; warnings: string[] } {
	const warnings: string[] = [];
	const runs: RunRec[] = [];
	if (scope.runIds && scope.runIds.length > 0) {
		for (const runId of scope.runIds) {
			const run = emu.store.runs.get(runId);
			if (!run) throw notFound('prompt_run', runId);
			if (SEARCHABLE_RUN_STATUSES.has(run.status)) runs.push(run);
			else warnings.push(`run ${runId} is ${run.status} and not searchable yet`);
		}
	} else if (scope.indexIds === null) {
		for (const run of emu.store.runs.values())
			if (run.index_id === null && SEARCHABLE_RUN_STATUSES.has(run.status)) runs.push(run);
	} else {
		for (const indexId of scope.indexIds) {
			for (const runId of emu.store.runsOfIndex(indexId).all()) {
				const run = emu.store.runs.get(runId);
				if (run && SEARCHABLE_RUN_STATUSES.has(run.status) && !runs.includes(run)) runs.push(run);
			}
		}
	}
	const indexSet = scope.indexIds === null ? null : new Set(scope.indexIds);
	const videoSet = scope.videoIds?.length ? new Set(scope.videoIds) : null;
	const candidates: Candidate[] = [];
	for (const run of runs) {
		for (const videoId of run.media_order) {
			if (videoSet && !videoSet.has(videoId)) continue;
			const video = emu.store.videos.get(videoId);
			if (!video || video.deletion?.status === 'deleted') continue;
			if (
				!scope.runIds?.length &&
				(indexSet ? !indexSet.has(video.index_id ?? '') : video.index_id !== null)
			)
				continue;
			for (const segment of run.media.get(videoId)?.segments ?? [])
				if (segment.status === 'completed') candidates.push({ run, segment, video });
		}
	}
	if (runs.length === 0) warnings.push('no searchable prompt runs in scope');
	return { candidates, warnings };
}
