import type { ApiResponse, QueryValue } from '../http/types';
import { buildUrl, checkConfig, defaultHeaders, type UndiciClientConfig } from './client-config';
import { createMultipartBody, type MultipartForm } from './multipart';
import { rawRequest, readApiResponse } from './raw-request';

export interface UploadRequest {
	/** e.g. `/workflow/upload`, `/videos/upload`, `/connectors/gcs`. */
	path: string;
	form: MultipartForm;
	query?: Record<string, QueryValue>;
	idempotencyKey?: string;
	headers?: Record<string, string>;
}

/**
 * Streams a multipart upload and returns the API's answer (any status, like a Transport). Not
 * retried here: a consumed stream cannot be replayed; callers that hold a file path may re-open
 * it and call again with the same Idempotency-Key.
 */
export async function uploadMultipart(
	config: UndiciClientConfig,
	upload: UploadRequest,
): Promise<ApiResponse> {
	checkConfig(config);
	const body = createMultipartBody(upload.form);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(upload.headers ?? {}))
		headers[name.toLowerCase()] = value;
	Object.assign(headers, defaultHeaders(config), { 'content-type': body.contentType });
	if (body.contentLength !== undefined) headers['content-length'] = String(body.contentLength);
	if (upload.idempotencyKey) headers['idempotency-key'] = upload.idempotencyKey;
	const label = `POST ${upload.path}`;
	const response = await rawRequest(config, {
		method: 'POST',
		url: buildUrl(config.baseUrl, upload.path, upload.query),
		headers,
		body: body.stream,
		label,
	});
	return readApiResponse(response, label);
}
