import type { Emulator } from '../core/context.js';
import { ApiError, conflict } from '../core/errors.js';
import type { ImportFileSpec, ImportJobRec, JsonObject } from '../core/types.js';
import { browse } from './fake-bucket.js';
import { createMedia, mediaTypeOf, mimeTypeOf } from './media.js';

/**
 * Import jobs: pending --importScanMs--> scanning --importScanMs--> importing --importFileMs per
 * file--> completed | failed. Files with some failures still end `completed` (webhook
 * `import_job.partial_completed`); a job where nothing could be imported ends `failed`.
 */

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export interface AttachmentFile {
	download_url: string;
	file_id: string;
	file_name?: string;
	mime_type?: string;
}

export class ImportJobSimulator {
	constructor(private readonly emu: Emulator) {}

	createFromConnector(input: {
		connector_id: string;
		index_id: string;
		source_prefix: string;
		file_pattern: string;
		recursive: boolean;
		import_mode: 'all' | 'new_only';
		automation: boolean;
	}): ImportJobRec {
		const job = this.base({ ...input, kind: 'connector', title: null, index_id: input.index_id });
		this.schedule(job, 'scan');
		return job;
	}

	createFromAttachments(input: {
		index_id: string | null;
		files: AttachmentFile[];
		title: string | null;
	}): ImportJobRec {
		const job = this.base({
			connector_id: null,
			index_id: input.index_id,
			source_prefix: '',
			file_pattern: '*',
			recursive: false,
			import_mode: 'all',
			automation: true,
			kind: 'attachments',
			title: input.title,
		});
		job.files = input.files.map((file) => attachmentSpec(file, input.title));
		this.schedule(job, 'scan');
		return job;
	}

	cancel(job: ImportJobRec): ImportJobRec {
		if (TERMINAL.has(job.status))
			throw conflict(`Import job is already ${job.status}`, {
				job_id: job.job_id,
				status: job.status,
			});
		job.status = 'cancelled';
		job.completed_at = this.emu.nowIso();
		job.progress.current_file = null;
		return job;
	}

	/** Only URL-attachment jobs that failed, were cancelled or have failed files can be retried. */
	retry(job: ImportJobRec): ImportJobRec {
		// Per docs/api/conventions.md#import-jobs, the deployed API refuses connector jobs with a 400 naming the attachment-job requirement.
		if (job.kind !== 'attachments')
			throw new ApiError(
				400,
				'invalid_request',
				`Import job ${job.job_id} cannot be retried: retry requires an attachment job (this is a connector import)`,
				{ job_id: job.job_id, kind: job.kind },
			);
		const retryable =
			job.kind === 'attachments' &&
			TERMINAL.has(job.status) &&
			(job.status !== 'completed' || job.failed_files.length > 0);
		if (!retryable)
			throw conflict('Only failed or cancelled URL-attachment imports can be retried', {
				job_id: job.job_id,
				status: job.status,
				kind: job.kind,
			});
		// Transient download failures get another chance; unsupported files fail again.
		const failedPaths = new Set(job.failed_files.map((f) => f.path));
		const failed = job.files.slice(0, job.next_file).filter((f) => failedPaths.has(f.path));
		const untouched = job.files.slice(job.next_file);
		job.files = [
			...failed.map((f): ImportFileSpec =>
				f.reason?.startsWith('Download failed') ? { ...f, outcome: 'import', reason: null } : f,
			),
			...untouched,
		];
		job.next_file = 0;
		job.failed_files = [];
		job.status = 'pending';
		job.completed_at = null;
		job.error_message = null;
		job.progress = { ...job.progress, failed: 0, current_file: null };
		this.schedule(job, 'scan');
		return job;
	}

	private base(input: {
		connector_id: string | null;
		index_id: string | null;
		source_prefix: string;
		file_pattern: string;
		recursive: boolean;
		import_mode: 'all' | 'new_only';
		automation: boolean;
		kind: ImportJobRec['kind'];
		title: string | null;
	}): ImportJobRec {
		const job: ImportJobRec = {
			job_id: this.emu.ids.next('importJob'),
			connector_id: input.connector_id,
			target_index_id: input.index_id,
			source_prefix: input.source_prefix,
			file_pattern: input.file_pattern,
			recursive: input.recursive,
			import_mode: input.import_mode,
			automation: input.automation,
			status: 'pending',
			created_at: this.emu.nowIso(),
			started_at: null,
			completed_at: null,
			error_message: null,
			files: [],
			next_file: 0,
			progress: {
				total_files: 0,
				imported: 0,
				failed: 0,
				skipped: 0,
				bytes_transferred: 0,
				current_file: null,
			},
			video_ids: [],
			failed_files: [],
			skipped_files: [],
			kind: input.kind,
			title: input.title,
		};
		this.emu.store.importJobs.set(job.job_id, job);
		return job;
	}

	private schedule(job: ImportJobRec, step: 'scan' | 'import' | 'file'): void {
		const sim = this.emu.config.simulation;
		const delay = step === 'file' ? sim.importFileMs : sim.importScanMs;
		this.emu.clock.setTimeout(() => this.step(job.job_id, step), delay);
	}

	private step(jobId: string, step: 'scan' | 'import' | 'file'): void {
		const job = this.emu.store.importJobs.get(jobId);
		if (!job || TERMINAL.has(job.status)) return;
		if (step === 'scan') {
			job.status = 'scanning';
			job.started_at ??= this.emu.nowIso();
			this.emit(job, 'import_job.started');
			this.schedule(job, 'import');
			return;
		}
		if (step === 'import') {
			if (job.kind === 'connector' && !this.planConnectorFiles(job)) return;
			job.status = 'importing';
			if (job.progress.total_files === 0) job.progress.total_files = job.files.length;
			this.schedule(job, 'file');
			return;
		}
		const file = job.files[job.next_file++];
		if (file) this.importFile(job, file);
		if (job.next_file < job.files.length) {
			job.progress.current_file = job.files[job.next_file]?.path ?? null;
			this.emit(job, 'import_job.progress');
			this.schedule(job, 'file');
			return;
		}
		this.finish(job);
	}

	private planConnectorFiles(job: ImportJobRec): boolean {
		const connector = job.connector_id
			? this.emu.store.connectors.get(job.connector_id)
			: undefined;
		if (!connector) {
			job.status = 'failed';
			job.error_message = 'Connector no longer exists';
			job.completed_at = this.emu.nowIso();
			this.emit(job, 'import_job.failed');
			return false;
		}
		const bucket = connector.bucket ?? connector.container ?? connector.connector_id;
		const listing = browse(bucket, {
			prefix: job.source_prefix,
			pattern: job.file_pattern,
			recursive: job.recursive,
		});
		const alreadyImported = new Set(
			(job.target_index_id ? this.emu.store.listingOf(job.target_index_id).all() : [])
				.map((id) => this.emu.store.videos.get(id)?.source_path)
				.filter((path): path is string => !!path),
		);
		job.files = listing.map((file): ImportFileSpec => {
			const sourcePath = `${connector.connector_id}:${file.path}`;
			const title = file.name.replace(/\.[^.]+$/, '');
			if (!mediaTypeOf(file.name))
				return {
					path: file.path,
					size_bytes: file.size_bytes,
					outcome: 'skip',
					reason: 'unsupported_format',
					title,
					content_type: file.content_type,
				};
			if (job.import_mode === 'new_only' && alreadyImported.has(sourcePath))
				return {
					path: file.path,
					size_bytes: file.size_bytes,
					outcome: 'skip',
					reason: 'already_imported',
					title,
					content_type: file.content_type,
				};
			if (file.name.startsWith('corrupt'))
				return {
					path: file.path,
					size_bytes: file.size_bytes,
					outcome: 'fail',
					reason: 'Could not decode media file',
					title,
					content_type: file.content_type,
				};
			return {
				path: file.path,
				size_bytes: file.size_bytes,
				outcome: 'import',
				reason: null,
				title,
				content_type: file.content_type,
			};
		});
		return true;
	}

	private importFile(job: ImportJobRec, file: ImportFileSpec): void {
		if (file.outcome === 'skip') {
			job.progress.skipped++;
			job.skipped_files.push({ path: file.path, reason: file.reason ?? 'skipped' });
			return;
		}
		if (file.outcome === 'fail') {
			job.progress.failed++;
			job.failed_files.push({ path: file.path, error: file.reason ?? 'import failed' });
			return;
		}
		const mediaType = mediaTypeOf(file.path) ?? 'video';
		const video = createMedia(this.emu, {
			title: file.title,
			index_id: job.target_index_id,
			media_type: mediaType,
			video_uri:
				job.kind === 'connector'
					? `gs://videovector-emulator-imports/${job.connector_id}/${file.path}`
					: undefined,
			source_connector_id: job.connector_id,
			source_path: job.connector_id ? `${job.connector_id}:${file.path}` : file.path,
		});
		job.video_ids.push(video.video_id);
		job.progress.imported++;
		job.progress.bytes_transferred += file.size_bytes;
	}

	private finish(job: ImportJobRec): void {
		job.completed_at = this.emu.nowIso();
		job.progress.current_file = null;
		if (job.progress.imported === 0 && job.progress.failed > 0) {
			job.status = 'failed';
			job.error_message = `${job.progress.failed} file(s) failed to import`;
			this.emit(job, 'import_job.failed');
			return;
		}
		job.status = 'completed';
		this.emit(
			job,
			job.progress.failed > 0 ? 'import_job.partial_completed' : 'import_job.completed',
		);
	}

	private emit(job: ImportJobRec, type: string): void {
		this.emu.bus.emit(type, {
			index_id: job.target_index_id,
			payload: {
				job_id: job.job_id,
				index_id: job.target_index_id,
				status: job.status,
				progress: { ...job.progress },
			},
		});
	}
}

function attachmentSpec(file: AttachmentFile, title: string | null): ImportFileSpec {
	let urlName = file.file_id;
	try {
		urlName = decodeURIComponent(
			new URL(file.download_url).pathname.split('/').pop() || file.file_id,
		);
	} catch {
		// validated by the route; keep the file id as a name
	}
	const name = file.file_name ?? urlName;
	const supported =
		mediaTypeOf(name) !== null || /^(video|audio|image)\//.test(file.mime_type ?? '');
	const base = {
		path: name,
		size_bytes: 1_000_000,
		title: title ?? name.replace(/\.[^.]+$/, ''),
		content_type: file.mime_type ?? mimeTypeOf(name),
	};
	// The emulator never downloads anything: URLs mentioning "fail" simulate an unreachable source.
	if (/fail/i.test(file.download_url))
		return { ...base, outcome: 'fail', reason: 'Download failed: HTTP 404 from source' };
	if (!supported) return { ...base, outcome: 'fail', reason: 'Unsupported media format' };
	return { ...base, outcome: 'import', reason: null };
}

export function renderImportJob(job: ImportJobRec): JsonObject {
	return {
		job_id: job.job_id,
		connector_id: job.connector_id,
		target_index_id: job.target_index_id,
		source_prefix: job.source_prefix,
		file_pattern: job.file_pattern,
		recursive: job.recursive,
		status: job.status,
		created_at: job.created_at,
		started_at: job.started_at,
		completed_at: job.completed_at,
		error_message: job.error_message,
		progress: { ...job.progress },
		video_ids: [...job.video_ids],
		failed_files: job.failed_files.map((f) => ({ ...f })),
		skipped_files: job.skipped_files.map((f) => ({ ...f })),
		automation: job.automation,
	};
}
