/**
 * Every failure leaves the emulator as the contract's canonical body (docs/api/conventions.md#error-bodies):
 * `{error: {code, message, details, request_id, timestamp}}`. Handlers throw ApiError; the
 * error middleware renders it. Messages never contain secrets.
 */

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details: Record<string, unknown> = {},
		readonly headers: Record<string, string> = {},
		/** Extra keys placed inside `error` (e.g. `retry_after` on 429). */
		readonly extras: Record<string, unknown> = {},
	) {
		super(message);
	}
}

export type ResourceType =
	| 'index'
	| 'video'
	| 'segment'
	| 'prompt'
	| 'prompt_run'
	| 'segment_retry'
	| 'connector'
	| 'import_job'
	| 'export'
	| 'webhook'
	| 'delivery'
	| 'api_key'
	| 'marker'
	| 'chat_session'
	| 'turn'
	| 'deletion'
	| 'video_result'
	| 'search_snapshot';

export function notFound(type: ResourceType, id: string): ApiError {
	return new ApiError(404, `resource_${type}_not_found`, `${type.replace(/_/g, ' ')} not found`, {
		resource_type: type,
		resource_id: id,
	});
}

/** 422 naming the offending field in `details.field` so clients can point at it. */
export function invalid(
	field: string,
	message: string,
	extra: Record<string, unknown> = {},
): ApiError {
	return new ApiError(422, 'validation_failed', `${field}: ${message}`, {
		field,
		reason: message,
		...extra,
	});
}

export function conflict(message: string, details: Record<string, unknown> = {}): ApiError {
	return new ApiError(409, 'conflict_state', message, details);
}

export function errorBody(error: ApiError, requestId: string, timestamp: string) {
	return {
		error: {
			code: error.code,
			message: error.message,
			details: error.details,
			request_id: requestId,
			timestamp,
			...error.extras,
		},
	};
}
