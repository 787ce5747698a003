import type { RunningEmulator } from '../../../emulator/app';
import { apiCall } from '../../../triggers/webhook/support/emulator-api';

/**
 * What the example tests do at the emulator directly (as another client of the same account):
 * set up media, start runs and exports, and read back the authoritative state to compare with
 * what the workflows reported.
 */

export async function emulatorApi<T>(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<T> {
	const answer = await apiCall(emulator, method, path, { body });
	if (answer.status < 200 || answer.status > 299) {
		throw new Error(`${method} ${path} -> ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
	}
	return answer.body as T;
}

export interface PromptRun {
	run_id: string;
	prompt_id: string;
	prompt_name?: string;
	status: string;
	total_segments: number;
	completed_segments: number;
	[counter: string]: unknown;
}

export interface SeededIndex {
	indexId: string;
	promptId: string;
	videoIds: string[];
}

/** A prompt that extracts a scene description per segment (what the example runs execute). */
export async function createScenePrompt(emulator: RunningEmulator): Promise<string> {
	const prompt = await emulatorApi<{ prompt_id: string }>(emulator, 'POST', '/prompts', {
		name: 'Scene description',
		prompt_text: 'Describe the scene, the people and the objects in this segment.',
		json_schema: {
			type: 'object',
			properties: { scene: { type: 'object', properties: { location: { type: 'string' }, mood: { type: 'string' } } } },
		},
	});
	return prompt.prompt_id;
}

/** An index with `media` healthy videos and `failing` videos whose every segment fails (`[fail]` titles). */
export async function indexWithMedia(
	emulator: RunningEmulator,
	promptId: string,
	media: { healthy: number; failing?: number; name?: string },
): Promise<SeededIndex> {
	const seeded = emulator.control.seed.index({ media: media.healthy, segmentsPerMedia: 3, run: false, name: media.name });
	if (!seeded.index_id) throw new Error('the emulator seeded no index');
	const videoIds = [...seeded.video_ids];
	for (let n = 0; n < (media.failing ?? 0); n++) {
		const video = await emulatorApi<{ video_id: string }>(emulator, 'POST', '/videos', {
			title: `[fail] broken clip ${n + 1}`,
			video_uri: `gs://videovector-e2e/broken-${n + 1}.mp4`,
			index_id: seeded.index_id,
		});
		videoIds.push(video.video_id);
	}
	return { indexId: seeded.index_id, promptId, videoIds };
}

/** Starts a prompt run over the whole index with fixed 10 s segments; resolves to its id. */
export async function startRun(emulator: RunningEmulator, index: SeededIndex): Promise<string> {
	const run = await emulatorApi<PromptRun>(emulator, 'POST', '/prompt-runs/execute', {
		prompt_id: index.promptId,
		target: { type: 'index', index_id: index.indexId },
		video_segmentation_type: 'fixed',
		video_segment_duration: 10,
	});
	return run.run_id;
}

export function getRun(emulator: RunningEmulator, runId: string): Promise<PromptRun> {
	return emulatorApi<PromptRun>(emulator, 'GET', `/prompt-runs/${encodeURIComponent(runId)}`);
}

/** Sum of a run counter over videos, audios and images (`total`, `completed`, `failed`, `partial`). */
export function mediaCount(run: PromptRun, kind: 'total' | 'completed' | 'failed' | 'partial'): number {
	return ['videos', 'audios', 'images'].reduce((sum, media) => sum + (Number(run[`${kind}_${media}`]) || 0), 0);
}

/** Requests the emulator logged for `method` on paths matching `pattern`, with the status it answered. */
export function loggedRequests(emulator: RunningEmulator, method: string, pattern: RegExp): Array<{ path: string; status: number | null }> {
	return emulator.control.requests
		.list({ method })
		.filter((request) => pattern.test(request.path))
		.map((request) => ({ path: request.path, status: request.status }));
}
