import { z } from 'zod/v3';

import { id, openEnum, optNumber, optString } from './common';
import { EXPORT_QUEUE_STATUSES, EXPORT_STATUSES } from './statuses';

const DESTINATION_TYPES = ['download', 'connector'] as const;

/** Export (docs/api/conventions.md#exports). `download_url` here is a relative API path, never a bearer URL. */
export const exportSchema = z
	.object({
		export_id: id,
		user_id: optString,
		export_type: openEnum(['index', 'prompt_run'] as const).nullish(),
		target_id: optString,
		status: openEnum(EXPORT_STATUSES),
		queue_status: openEnum(EXPORT_QUEUE_STATUSES).nullish(),
		attempts: optNumber,
		max_attempts: optNumber,
		available_at: optString,
		started_at: optString,
		completed_at: optString,
		updated_at: optString,
		created_at: optString,
		download_url: optString,
		file_size_bytes: optNumber,
		error_message: optString,
		last_error: optString,
		destination_type: openEnum(DESTINATION_TYPES).nullish(),
		destination_connector_id: optString,
		destination_base_path: optString,
		destination_subpath: optString,
		destination_uri: optString,
		gcs_uri: optString,
		export_params: z.record(z.unknown()).nullish(),
	})
	.passthrough();
export type Export = z.infer<typeof exportSchema>;

/** `{export_id, status}` from the two create endpoints (202). */
export const exportCreatedSchema = z
	.object({ export_id: id, status: openEnum(EXPORT_STATUSES) })
	.passthrough();

/** Shape of a minted download token (docs/api/conventions.md#exports). */
export const DOWNLOAD_TOKEN_PATTERN = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * True when `url` is a minted export download URL as docs/api/conventions.md#exports defines it: the export's download path
 * with `token` as the only query key, holding a well-formed token of 32–2048 characters. Plain
 * string parsing keeps this usable where no URL class is typed (the n8n build has no DOM/Node lib).
 */
export function isMintedDownloadUrl(url: string, exportId: string): boolean {
	const match = /^https?:\/\/[^/?#]+(\/[^?#]*)\?([^#]*)$/.exec(url);
	if (match === null) return false;
	const [, path, query] = match as unknown as [string, string, string];
	if (!path.endsWith(`/exports/${encodeURIComponent(exportId)}/download`)) return false;
	if (query.includes('&') || !query.startsWith('token=')) return false;
	// Token characters never need percent-encoding, so the raw value is the token.
	const token = query.slice('token='.length);
	return token.length >= 32 && token.length <= 2048 && DOWNLOAD_TOKEN_PATTERN.test(token);
}

/**
 * DownloadUrl (docs/api/conventions.md#exports). MCP insists on exactly five keys; extra keys are tolerated here (the fixture
 * adds `expires_in`) because rejecting them would break downloads without making them safer.
 */
export const downloadUrlSchema = z
	.object({
		export_id: id,
		status: openEnum(EXPORT_STATUSES),
		destination_type: openEnum(DESTINATION_TYPES).nullish(),
		destination_connector_id: optString,
		download_url: z.string().nullable(),
	})
	.passthrough()
	.refine(
		(body) => body.download_url === null || isMintedDownloadUrl(body.download_url, body.export_id),
		{
			message: 'download_url is not a minted export download URL',
			path: ['download_url'],
		},
	);
export type DownloadUrl = z.infer<typeof downloadUrlSchema>;
