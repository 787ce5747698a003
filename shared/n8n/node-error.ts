import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	VideoVectorApiError,
	VideoVectorClientError,
	VideoVectorNetworkError,
} from '../http/api-error';

/**
 * The one place where API and network failures become n8n errors. The message names what the API said,
 * the description the offending field, HTTP status, error code and request id — what a user needs to fix
 * the input or to quote to support. Messages were redacted when the shared error was built.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof VideoVectorApiError) {
		const facts = [
			error.field ? `Field: ${error.field}` : undefined,
			`HTTP ${error.status}`,
			error.code ? `Code: ${error.code}` : undefined,
			error.requestId ? `Request ID: ${error.requestId}` : undefined,
			error.retryAfterMs !== undefined
				? `Retry after: ${Math.ceil(error.retryAfterMs / 1000)} s`
				: undefined,
		].filter(Boolean);
		return new NodeApiError(
			node,
			{
				message: error.message,
				code: error.code,
				field: error.field ?? null,
				requestId: error.requestId ?? null,
				status: error.status,
			} as JsonObject,
			{
				message: error.field ? `${error.message} (field: ${error.field})` : error.message,
				description: facts.join(' · '),
				httpCode: String(error.status),
				itemIndex,
			},
		);
	}
	if (error instanceof VideoVectorNetworkError) {
		return new NodeApiError(node, { message: error.message, code: error.code } as JsonObject, {
			message: error.message,
			description:
				'The VideoVector API could not be reached. Check the base URL and your network or proxy.',
			itemIndex,
		});
	}
	if (error instanceof VideoVectorClientError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: `Code: ${error.code}`,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}
