import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { endpointRequest } from '../../shared/contract/endpoint-request';
import type { WebhookEventEnvelope } from '../../shared/contract/schemas/webhook-event';
import { VideoVectorApiError } from '../../shared/http/api-error';
import type { ApiRequest } from '../../shared/http/types';
import { sendOnce } from './single-attempt';

/**
 * "Fetch Full Object": the envelope only names the affected resource (docs/api/conventions.md#webhook-delivery), so the trigger loads
 * it. This runs while VideoVector waits for the answer (10 s, then it retries the delivery), hence
 * one attempt with a short timeout; a failed fetch still starts the workflow, with the reason.
 */
export const FULL_OBJECT_TIMEOUT_MS = 5_000;

interface ObjectSource {
	idKey: string;
	request(id: string): ApiRequest;
}

/** By event family (the part before the first dot). */
const SOURCES: Record<string, ObjectSource> = {
	prompt_run: {
		idKey: 'run_id',
		request: (id) => endpointRequest('prompt_runs.get', { params: { run_id: id } }),
	},
	export: {
		idKey: 'export_id',
		request: (id) => endpointRequest('exports.get', { params: { export_id: id } }),
	},
	import_job: {
		idKey: 'job_id',
		request: (id) => endpointRequest('import_jobs.get', { params: { job_id: id } }),
	},
	media: {
		idKey: 'video_id',
		request: (id) => endpointRequest('videos.get', { params: { video_id: id } }),
	},
};

/** The GET that loads what `envelope` is about, if it is about a resource the API can return. */
export function fullObjectRequest(
	envelope: Pick<WebhookEventEnvelope, 'event' | 'data'>,
): ApiRequest | undefined {
	const source = SOURCES[envelope.event.split('.', 1)[0] ?? ''];
	const id = source ? envelope.data[source.idKey] : undefined;
	return source && typeof id === 'string' && id !== '' ? source.request(id) : undefined;
}

/** `{object}` with the resource, or `{object: null, object_error}` when it could not be loaded. */
export async function fetchFullObject(
	context: IWebhookFunctions,
	envelope: WebhookEventEnvelope,
): Promise<IDataObject> {
	const request = fullObjectRequest(envelope);
	if (request === undefined) return { object: null };
	return await sendOnce(context, request, FULL_OBJECT_TIMEOUT_MS).then(
		(response) => ({ object: response.body as IDataObject }),
		(error: unknown) => {
			const message = error instanceof Error ? error.message : String(error);
			const status = error instanceof VideoVectorApiError ? error.status : null;
			context.logger.warn(
				`VideoVector Trigger: could not fetch the full object for ${envelope.event} (${message})`,
			);
			return { object: null, object_error: { message, http_code: status } };
		},
	);
}
