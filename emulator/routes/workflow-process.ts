/** `/workflow/define` and `/workflow/process`: a prompt from an instruction, and a run over a scope of media. */
import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid } from '../core/errors.js';
import { accepted, created } from '../core/reply.js';
import { route } from '../core/route.js';
import type { JsonObject } from '../core/types.js';
import { Fields } from '../core/validation.js';
import { renderRun } from '../sim/run-views.js';
import { findIndex, findPrompt, findVideo } from './lookups.js';
import { createPrompt, renderPrompt } from './prompts.js';
import { parseSettings } from './run-request.js';
import { destination } from './workflow-destination.js';
import { definePrompt } from './workflow-define.js';

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

export function registerWorkflowProcessRoutes(router: Router, emu: Emulator): void {
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
}
