import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	VideoVectorApiError,
	VideoVectorClientError,
	VideoVectorNetworkError,
} from '../http/api-error';
import { hintForStatus } from './error-hints';
import { parameterForField } from './parameter-names';

/**
 * The one place where API and network failures become n8n errors. The message names what the API said
 * and the node parameter to change (not the API's field name); the description says what to do about
 * the status, then the HTTP status, error code and request id to quote to support. Messages were
 * redacted when the shared error was built.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof VideoVectorApiError) {
		const parameter = error.field ? parameterForField(error.field) : undefined;
		const retryAfterSeconds =
			error.retryAfterMs !== undefined ? Math.ceil(error.retryAfterMs / 1000) : undefined;
		const facts = [
			`HTTP ${error.status}`,
			error.code ? `Code: ${error.code}` : undefined,
			error.requestId ? `Request ID: ${error.requestId}` : undefined,
		].filter(Boolean);
		const hint = hintForStatus({ status: error.status, parameter, retryAfterSeconds });
		return new NodeApiError(
			node,
			{
				message: error.message,
				code: error.code,
				field: error.field ?? null,
				parameter: parameter ?? null,
				requestId: error.requestId ?? null,
				status: error.status,
			} as JsonObject,
			{
				message: parameter ? `${error.message} (parameter: ${parameter})` : error.message,
				description: `${hint} (${facts.join(' · ')})`,
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
