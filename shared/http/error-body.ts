/**
 * Reads the fields of an API error body, accepting every shape of docs/api/conventions.md#error-bodies in its stated order:
 * canonical `{error: {...}}`, top-level `{message, code}`, FastAPI `{detail}` (text, validation list
 * or object), then a non-JSON body. Pure and tolerant: missing pieces stay undefined.
 */

export interface ErrorFields {
	code?: string;
	message?: string;
	field?: string;
	requestId?: string;
	retryAfterSeconds?: unknown;
	details?: unknown;
}

type Json = Record<string, unknown>;

const LOCATION_PREFIXES = new Set(['body', 'query', 'path', 'header', 'cookie']);
const MAX_LISTED_PROBLEMS = 5;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** `["body", "target", "video_ids", 2]` → `target.video_ids[2]`. */
export function formatLocation(loc: unknown): string | undefined {
	if (!Array.isArray(loc) || loc.length === 0) return undefined;
	const parts = loc.length > 1 && LOCATION_PREFIXES.has(String(loc[0])) ? loc.slice(1) : loc;
	let out = '';
	for (const part of parts) {
		if (typeof part === 'number') out += `[${part}]`;
		else if (typeof part === 'string') out += out === '' ? part : `.${part}`;
	}
	return out === '' ? undefined : out;
}

/** The offending field named by a details object, a validation list, or a single `{loc}`/`{field}` item. */
export function fieldFrom(details: unknown): string | undefined {
	if (Array.isArray(details)) return details.length > 0 ? fieldFrom(details[0]) : undefined;
	if (!isObject(details)) return undefined;
	const direct = text(details.field) ?? formatLocation(details.loc);
	if (direct !== undefined) return direct;
	if (Array.isArray(details.fields) && details.fields.length > 0) return text(details.fields[0]);
	return fieldFrom(details.errors);
}

function describeValidationList(items: unknown[]): string {
	const lines = items.slice(0, MAX_LISTED_PROBLEMS).map((item) => {
		if (!isObject(item)) return String(item);
		const where = formatLocation(item.loc);
		const msg = text(item.msg) ?? text(item.message) ?? 'invalid value';
		return where === undefined ? msg : `${where}: ${msg}`;
	});
	const more =
		items.length > MAX_LISTED_PROBLEMS ? ` (+${items.length - MAX_LISTED_PROBLEMS} more)` : '';
	return `${lines.join('; ')}${more}`;
}

function fromEnvelope(error: Json, body: Json): ErrorFields {
	return {
		code: text(error.code) ?? text(error.error_code),
		message: text(error.message),
		details: error.details,
		field: fieldFrom(error.details) ?? text(error.field),
		requestId: text(error.request_id) ?? text(body.request_id),
		retryAfterSeconds: error.retry_after ?? body.retry_after,
	};
}

function fromTopLevel(body: Json): ErrorFields {
	return {
		code: text(body.code) ?? text(body.error_code),
		message: text(body.message) ?? text(body.error),
		details: body.details,
		field: fieldFrom(body.details) ?? text(body.field),
		requestId: text(body.request_id),
		retryAfterSeconds: body.retry_after,
	};
}

function fromFastApi(detail: unknown, body: Json): ErrorFields {
	const requestId = text(body.request_id);
	if (Array.isArray(detail)) {
		return {
			message: describeValidationList(detail),
			field: fieldFrom(detail),
			details: detail,
			requestId,
		};
	}
	if (isObject(detail)) {
		return {
			code: text(detail.code) ?? text(detail.error_code),
			message: text(detail.message) ?? text(detail.msg),
			field: fieldFrom(detail.details) ?? fieldFrom(detail),
			details: detail.details ?? detail,
			requestId: text(detail.request_id) ?? requestId,
		};
	}
	return { message: text(detail), requestId };
}

/** Extracts what the body says about the error; a string body is returned as the message. */
export function extractErrorFields(body: unknown): ErrorFields {
	if (typeof body === 'string') return { message: text(body) };
	if (!isObject(body)) return {};
	if (isObject(body.error)) return fromEnvelope(body.error, body);
	if (
		text(body.message) !== undefined ||
		text(body.code) !== undefined ||
		text(body.error_code) !== undefined
	) {
		return fromTopLevel(body);
	}
	if (body.detail !== undefined) return fromFastApi(body.detail, body);
	if (text(body.error) !== undefined) return fromTopLevel(body);
	return { requestId: text(body.request_id) };
}
