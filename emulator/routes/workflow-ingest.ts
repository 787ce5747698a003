/** `/workflow/upload` and `/workflow/attachments`: media into an index or the playground (docs/api/conventions.md#workflow-surface). */
import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid } from '../core/errors.js';
import { accepted, created } from '../core/reply.js';
import { route } from '../core/route.js';
import { Fields, isRecord } from '../core/validation.js';
import { renderImportJob } from '../sim/import-jobs.js';
import { mediaFromUpload, optionalText } from './uploads.js';
import { destination } from './workflow-destination.js';

export function registerWorkflowIngestRoutes(router: Router, emu: Emulator): void {
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
}
