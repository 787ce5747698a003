/** `POST /workflow/media-grants`: a short-lived download URL for a medium or one segment of it. */
import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import { ok } from '../core/reply.js';
import { route } from '../core/route.js';
import { Fields } from '../core/validation.js';
import { mimeTypeOf } from '../sim/media.js';
import { findRun, findVideo } from './lookups.js';
import { mintMediaGrant } from './media-content.js';

export function registerWorkflowMediaGrantRoutes(router: Router, emu: Emulator): void {
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
