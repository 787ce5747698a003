import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiSession } from './api-session';
import { StreamingMultipartBody, type BinarySource } from './binary-multipart';
import { keyedEndpointRequest } from './keyed-request';

/** The two multipart media endpoints (contract §8 `/videos/upload`, §9 `/workflow/upload`). */
export type UploadEndpoint = 'videos.upload' | 'workflow.upload';

/**
 * Uploads `source` as the `file` part next to the text `fields` (empty values are left out).
 * `/workflow/upload` honours an Idempotency-Key, so it gets one and the shared policy may retry it
 * (the body re-streams from the start); `/videos/upload` has none and is sent exactly once.
 *
 * Memory stays flat only because API calls go out with redirects disabled (the shared transport's
 * `disableFollowRedirect`): axios then writes to a plain http request, whereas its redirect-following
 * transport keeps every written body chunk for a possible replay — n8n sets no size limit on that.
 */
export async function uploadMultipart(
	session: ApiSession<IExecuteFunctions>,
	endpoint: UploadEndpoint,
	fields: Record<string, string | undefined>,
	source: BinarySource,
): Promise<IDataObject> {
	const parts = Object.entries(fields).filter((entry): entry is [string, string] => !!entry[1]);
	const body = new StreamingMultipartBody(parts, 'file', source);
	const request = keyedEndpointRequest(session.context, session.itemIndex, endpoint, {
		body,
		// axios derives the same header from the body; set here so every HTTP layer sends it.
		headers: { 'Content-Type': body.type },
	});
	return await (await session.client()).request<IDataObject>(request);
}
