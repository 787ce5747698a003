import { stat } from 'node:fs/promises';
import type { Emulator } from '../core/context.js';
import { invalid } from '../core/errors.js';
import type { MultipartBody, UploadedFile } from '../core/multipart.js';
import type { VideoRec } from '../core/types.js';
import { checkString } from '../core/validation.js';
import { createMedia, mimeTypeOf, requireSupportedMedia } from '../sim/media.js';

/** Multipart helpers shared by `/videos/upload`, `/workflow/upload` and the GCS connector. */

export function field(body: MultipartBody, name: string): string | undefined {
	const values = body.fields.get(name);
	return values?.[values.length - 1];
}

export function fieldList(body: MultipartBody, name: string): string[] {
	return body.fields.get(name) ?? [];
}

export function requireFile(body: MultipartBody, name: string): UploadedFile {
	const file = body.files.find((f) => f.field === name);
	if (!file) throw invalid(name, 'is required (a file part)');
	return file;
}

export function optionalText(body: MultipartBody, name: string, max: number): string | undefined {
	const value = field(body, name);
	if (value === undefined || value === '') return undefined;
	return checkString(name, value, { min: 1, max });
}

/** Turns the streamed file into a media record; the temp file becomes its storage. */
export async function mediaFromUpload(
	emu: Emulator,
	body: MultipartBody,
	title: string | undefined,
	indexId: string | null,
): Promise<VideoRec> {
	const file = requireFile(body, 'file');
	const mediaType = requireSupportedMedia('file', file.filename);
	const size = (await stat(file.path)).size;
	return createMedia(emu, {
		title: title ?? file.filename.replace(/\.[^.]+$/, ''),
		index_id: indexId,
		media_type: mediaType,
		file: {
			path: file.path,
			size,
			sha256: file.sha256,
			filename: file.filename,
			content_type:
				file.contentType === 'application/octet-stream'
					? mimeTypeOf(file.filename)
					: file.contentType,
		},
	});
}
