import type { Emulator } from '../core/context.js';
import { invalid } from '../core/errors.js';
import { stableFraction } from '../core/rng.js';
import type { MediaType, StoredFile, VideoRec } from '../core/types.js';

/** Creating media records (register by URI, upload, import, seed) and their deterministic traits. */

const EXTENSIONS: Record<string, MediaType> = {
	mp4: 'video',
	avi: 'video',
	mkv: 'video',
	mov: 'video',
	webm: 'video',
	mp3: 'audio',
	wav: 'audio',
	flac: 'audio',
	m4a: 'audio',
	ogg: 'audio',
	aac: 'audio',
	jpg: 'image',
	jpeg: 'image',
	png: 'image',
	webp: 'image',
	gif: 'image',
	bmp: 'image',
	tiff: 'image',
	heic: 'image',
	heif: 'image',
};

const MIME: Record<string, string> = {
	mp4: 'video/mp4',
	avi: 'video/x-msvideo',
	mkv: 'video/x-matroska',
	mov: 'video/quicktime',
	webm: 'video/webm',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	flac: 'audio/flac',
	m4a: 'audio/mp4',
	ogg: 'audio/ogg',
	aac: 'audio/aac',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	gif: 'image/gif',
	bmp: 'image/bmp',
	tiff: 'image/tiff',
	heic: 'image/heic',
	heif: 'image/heif',
};

export function extensionOf(name: string): string {
	const match = /\.([A-Za-z0-9]+)$/.exec(name);
	return match ? (match[1] as string).toLowerCase() : '';
}

/** Media type from a file name, or null when the format is unsupported (the format list in docs/api/conventions.md#media). */
export function mediaTypeOf(name: string): MediaType | null {
	return EXTENSIONS[extensionOf(name)] ?? null;
}

export function mimeTypeOf(name: string): string {
	return MIME[extensionOf(name)] ?? 'application/octet-stream';
}

export function requireSupportedMedia(field: string, filename: string): MediaType {
	const type = mediaTypeOf(filename);
	if (!type)
		throw invalid(field, `unsupported media format '${extensionOf(filename) || filename}'`, {
			supported: Object.keys(EXTENSIONS),
		});
	return type;
}

/** Videos last 20–120 s, audio 30–180 s, images 0: derived from the id so it never changes. */
export function durationFor(seed: string, videoId: string, type: MediaType): number {
	if (type === 'image') return 0;
	const f = stableFraction(seed, videoId, 'duration');
	const [min, max] = type === 'video' ? [20, 120] : [30, 180];
	return Math.round((min + f * (max - min)) * 10) / 10;
}

export interface NewMedia {
	title: string;
	index_id: string | null;
	media_type: MediaType;
	video_uri?: string;
	file?: StoredFile | null;
	source_connector_id?: string | null;
	source_path?: string | null;
	duration_seconds?: number;
	/** Skip the media.created event (bulk seeding). */
	silent?: boolean;
}

export function createMedia(emu: Emulator, input: NewMedia): VideoRec {
	const videoId = emu.ids.next('video');
	const now = emu.nowIso();
	const video: VideoRec = {
		video_id: videoId,
		title: input.title,
		video_uri:
			input.video_uri ??
			`gs://videovector-emulator-managed/${emu.userId}/${videoId}/${input.file?.filename ?? 'media'}`,
		status: 'NOT_PROCESSED',
		created_at: now,
		updated_at: now,
		duration_seconds: input.duration_seconds ?? durationFor(emu.seed, videoId, input.media_type),
		media_type: input.media_type,
		index_id: input.index_id,
		source_connector_id: input.source_connector_id ?? null,
		source_path: input.source_path ?? null,
		file: input.file ?? null,
		run_ids: [],
		legacy_segments: null,
	};
	emu.store.addVideo(video);
	if (!input.silent) {
		emu.bus.emit('media.created', {
			video_id: videoId,
			index_id: input.index_id,
			payload: {
				video_id: videoId,
				index_id: input.index_id,
				title: video.title,
				media_type: video.media_type,
				status: video.status,
			},
		});
	}
	return video;
}

/** A live (not deleted, not being deleted) media item or a 404. */
export function liveVideo(emu: Emulator, videoId: string): VideoRec | undefined {
	const video = emu.store.videos.get(videoId);
	return video && video.deletion?.status !== 'deleted' ? video : undefined;
}
