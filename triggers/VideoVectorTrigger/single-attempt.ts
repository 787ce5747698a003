import { sendWithRetries } from '../../shared/http/send-with-retries';
import type { ApiRequest, ApiResponse } from '../../shared/http/types';
import { retryPolicy, type N8nApiContext } from '../../shared/n8n/api-client';
import { createN8nTransport, CREDENTIAL_TYPE } from '../../shared/n8n/n8n-transport';

/**
 * One request, no retries, capped at `timeoutMs`: for calls someone is waiting on where a fallback
 * beats a slow success — VideoVector awaiting a delivery's answer (10 s), or the editor awaiting the
 * event list. Rejects with the shared (already redacted) API or network error.
 */
export async function sendOnce(
	context: N8nApiContext,
	request: ApiRequest,
	timeoutMs: number,
): Promise<ApiResponse> {
	const capped: Pick<N8nApiContext, 'helpers'> = {
		helpers: {
			httpRequestWithAuthentication: async (type, options) =>
				await context.helpers.httpRequestWithAuthentication.call(context, type, {
					...options,
					timeout: timeoutMs,
				}),
		},
	};
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const { transport, knownSecrets } = createN8nTransport(capped, credentials);
	return await sendWithRetries(transport, request, { ...retryPolicy, maxRetries: 0, knownSecrets });
}
