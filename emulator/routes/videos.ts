import type { Router } from 'express';
import { GIF_BYTES, JPEG_BYTES } from '../assets/media-bytes.js';
import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import { pageArray, pageCollection } from '../core/pagination.js';
import { accepted, created, ok } from '../core/reply.js';
import { route } from '../core/route.js';
import { Fields, isRecord } from '../core/validation.js';
import { renderMediaDeletion } from '../sim/deletions.js';
import { createMedia, mediaTypeOf, mimeTypeOf } from '../sim/media.js';
import { renderRun, renderSegment } from '../sim/run-views.js';
import { boundsFor, buildSegments } from '../sim/segmentation.js';
import { canonicalSegments, renderVideo, renderVideoWithDetails } from '../sim/video-views.js';
import { findConnector, findPrompt, findVideo, writableIndex } from './lookups.js';
import { mintMediaGrant } from './media-content.js';
import { mediaFromUpload, optionalText } from './uploads.js';

/** Videos / media (docs/api/conventions.md#media). Literal paths are registered before `/videos/:video_id`. */

const GCS_URI = /^gs:\/\/[^/]+\/.+/;

export function registerVideoRoutes(router: Router, emu: Emulator): void {
	route(
		router,
		emu,
		{ method: 'POST', path: '/videos/upload', scope: 'write', body: 'multipart' },
		async ({ multipart }) => {
			const body = multipart!;
			const title = optionalText(body, 'title', 255);
			if (title === undefined) throw invalid('title', 'is required');
			const indexId = optionalText(body, 'index_id', 255) ?? null;
			if (indexId) writableIndex(emu, indexId);
			const video = await mediaFromUpload(emu, body, title, indexId);
			return created({
				video_id: video.video_id,
				title: video.title,
				video_uri: video.video_uri,
				status: video.status,
				message: 'Upload complete',
				media_type: video.media_type,
				index_id: video.index_id,
			});
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/videos/batch', scope: 'read', idempotency: false },
		({ body }) => {
			const ids = Fields.body(body).strArray('video_ids', { min: 1, max: 100 });
			return ok(existing(emu, ids).map((video) => renderVideoWithDetails(emu, video)));
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/videos/batch/status', scope: 'read', idempotency: false },
		({ body }) => {
			const ids = Fields.body(body).strArray('video_ids', { min: 1, max: 100 });
			return ok(
				existing(emu, ids).map((video) => {
					const view = renderVideo(emu, video);
					return {
						video_id: video.video_id,
						status: view.status,
						processing_status: view.processing_status,
					};
				}),
			);
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/videos/batch/segments', scope: 'read', idempotency: false },
		({ body }) => {
			const f = Fields.body(body);
			const hasIds = f.has('video_ids');
			const hasTargets = f.has('targets');
			if (hasIds === hasTargets)
				throw invalid(hasIds ? 'targets' : 'video_ids', 'send exactly one of video_ids or targets');
			const targets: Array<{ video_id: string; run_id?: string }> = hasIds
				? f.strArray('video_ids', { min: 1, max: 50 }).map((video_id) => ({ video_id }))
				: parseTargets(f.optArray('targets') ?? []);
			const out = targets.flatMap(({ video_id, run_id }) => {
				const video = emu.store.videos.get(video_id);
				if (!video || video.deletion?.status === 'deleted') return [];
				const { run, segments } = canonicalSegments(emu, video, run_id);
				return [
					{
						video_id,
						run_id: run?.run_id ?? null,
						segments: segments.map((s) => renderSegment(emu, run, s)),
					},
				];
			});
			return ok(out);
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/videos/signed-url', scope: 'read', idempotency: false },
		({ body }) => {
			const f = Fields.body(body);
			const uri = f.str('gcs_uri', {
				min: 1,
				pattern: GCS_URI,
				patternHint: 'must be a gs://bucket/path URI',
			});
			f.optBool('force_refresh');
			const video = emu.store.videos.values().find((v) => v.video_uri === uri);
			const filename = uri.slice(uri.lastIndexOf('/') + 1) || 'media';
			const grant = mintMediaGrant(emu, {
				video_id: video?.video_id ?? '',
				segment_id: null,
				filename,
				mime_type: mimeTypeOf(filename),
			});
			return ok({ signed_url: grant.url, expires_at: grant.expires_at });
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/videos/segments/:segment_id/thumbnail', scope: 'read' },
		({ params }) => {
			const segmentId = params.segment_id as string;
			const located = emu.store.segments.get(segmentId);
			if (!located || !emu.store.videos.get(located.video_id)) throw notFound('segment', segmentId);
			return {
				status: 200,
				raw: JPEG_BYTES,
				contentType: 'image/jpeg',
				headers: { 'Cache-Control': 'private, max-age=300' },
			};
		},
	);

	route(router, emu, { method: 'POST', path: '/videos', scope: 'write' }, ({ body }) => {
		const f = Fields.body(body);
		const title = f.str('title', { min: 1, max: 255 });
		const uri = f.str('video_uri', {
			min: 1,
			pattern: GCS_URI,
			patternHint: 'must be a gs://bucket/path URI',
		});
		const indexId = f.str('index_id', { min: 1 });
		writableIndex(emu, indexId);
		const connectorId = f.optStr('source_connector_id', { min: 1 });
		if (connectorId && findConnector(emu, connectorId).provider !== 'gcs')
			throw invalid('source_connector_id', 'must be a GCS connector');
		const mediaType = mediaTypeOf(uri);
		if (!mediaType) throw invalid('video_uri', 'points at an unsupported media format');
		const video = createMedia(emu, {
			title,
			index_id: indexId,
			media_type: mediaType,
			video_uri: uri,
			source_connector_id: connectorId ?? null,
		});
		return created(renderVideo(emu, video));
	});

	route(router, emu, { method: 'GET', path: '/videos/:video_id', scope: 'read' }, ({ params }) =>
		ok(renderVideo(emu, findVideo(emu, params.video_id as string))),
	);

	route(
		router,
		emu,
		{ method: 'DELETE', path: '/videos/:video_id', scope: 'admin' },
		({ params }) => {
			const videoId = params.video_id as string;
			const finished = emu.store.mediaDeletions.get(videoId);
			if (finished?.status === 'deleted') return ok(renderMediaDeletion(videoId, finished));
			const deletion = emu.sims.deletions.deleteMedia(findVideo(emu, videoId));
			return accepted(renderMediaDeletion(videoId, deletion));
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/videos/:video_id/deletion', scope: 'read' },
		({ params }) => {
			const videoId = params.video_id as string;
			const deletion = emu.store.mediaDeletions.get(videoId);
			if (deletion) return ok(renderMediaDeletion(videoId, deletion));
			findVideo(emu, videoId);
			throw notFound('deletion', videoId);
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/videos/:video_id/process', scope: 'write', body: 'none' },
		({ params, query }) => {
			const video = findVideo(emu, params.video_id as string);
			const duration = query.int('segment_duration', 1, 300, 10);
			const promptId = query.optStr('prompt_id');
			const settings = {
				video_segmentation_type: 'fixed' as const,
				audio_segmentation_type: 'fixed' as const,
				video_segment_duration: duration,
				audio_segment_duration: duration,
				processing_model: 'gemini-2.5-flash',
				enable_transcription: true,
				enable_image_embedding: true,
			};
			if (promptId) {
				const run = emu.sims.runs.create({
					prompt: findPrompt(emu, promptId),
					index_id: video.index_id,
					target: { type: 'videos', video_ids: [video.video_id] },
					videos: [video],
					settings,
				});
				return accepted({ message: 'Processing started', run_id: run.run_id });
			}
			// Segmentation only: segments appear after the usual start delay, without metadata.
			video.status = 'PROCESSING';
			emu.clock.setTimeout(() => {
				const key = `legacy:${duration}`;
				const segments = buildSegments(boundsFor(emu.seed, video, settings), video.video_id, key);
				for (const segment of segments) {
					segment.status = 'completed';
					segment.completed_at = emu.nowIso();
					emu.store.segments.set(segment.segment_id, { video_id: video.video_id });
				}
				video.legacy_segments = segments;
				video.status = 'PROCESSED';
				video.updated_at = emu.nowIso();
			}, emu.config.simulation.runStartDelayMs);
			return accepted({ message: 'Segmentation started' });
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/videos/:video_id/segments', scope: 'read' },
		({ params, query }) => {
			const video = findVideo(emu, params.video_id as string);
			const runId = query.optStr('run_id') || undefined;
			query.optBool('latest_run');
			if (runId && !emu.store.runs.get(runId)) throw notFound('prompt_run', runId);
			const limit = query.int('limit', 1, 100, 50);
			const { run, segments } = canonicalSegments(emu, video, runId);
			return ok(
				pageArray(
					segments,
					`segments:${video.video_id}:${run?.run_id ?? 'legacy'}`,
					query.optStr('cursor'),
					limit,
					(s) => renderSegment(emu, run, s),
				),
			);
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/videos/:video_id/prompt-runs', scope: 'read' },
		({ params, query }) => {
			const video = findVideo(emu, params.video_id as string);
			const limit = query.int('limit', 1, 200, 200);
			const runs = [...video.run_ids]
				.reverse()
				.slice(0, limit)
				.map((id) => emu.store.runs.get(id))
				.filter((r) => r !== undefined);
			return ok(runs.map((run) => renderRun(emu, run)));
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/videos/:video_id/gif', scope: 'read' },
		({ params }) => {
			findVideo(emu, params.video_id as string);
			return {
				status: 200,
				raw: GIF_BYTES,
				contentType: 'image/gif',
				headers: { 'Cache-Control': 'private, max-age=300' },
			};
		},
	);

	route(router, emu, { method: 'GET', path: '/playground/videos', scope: 'read' }, ({ query }) => {
		const limit = query.int('limit', 1, 100, 50);
		return ok(
			pageCollection(
				emu.store.playgroundVideos,
				'videos:playground',
				query.optStr('cursor'),
				limit,
				true,
				(id) => {
					const video = emu.store.videos.get(id);
					return video ? renderVideo(emu, video) : undefined;
				},
			),
		);
	});
}

function existing(emu: Emulator, ids: string[]) {
	return ids
		.map((id) => emu.store.videos.get(id))
		.filter((v) => v !== undefined && v.deletion?.status !== 'deleted') as NonNullable<
		ReturnType<typeof emu.store.videos.get>
	>[];
}

function parseTargets(raw: unknown[]): Array<{ video_id: string; run_id?: string }> {
	if (raw.length < 1 || raw.length > 50) throw invalid('targets', 'must contain 1 to 50 targets');
	return raw.map((item, i) => {
		if (!isRecord(item)) throw invalid(`targets[${i}]`, 'must be an object');
		const f = new Fields(item, `targets[${i}]`);
		return { video_id: f.str('video_id', { min: 1 }), run_id: f.optStr('run_id', { min: 1 }) };
	});
}
