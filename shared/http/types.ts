/**
 * The one request/response shape every part of the kit speaks.
 *
 * Nodes and triggers implement a `Transport` on top of n8n's `httpRequestWithAuthentication`;
 * tests, benchmarks, the emulator's own clients and the receiver implement it on top of undici
 * (`shared/server/undici-transport.ts`). Policy (retries, pagination, error shaping) is written
 * once against this interface, so it behaves the same everywhere.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export type QueryScalar = string | number | boolean;
/** Arrays are sent as repeated keys (`?video_ids=a&video_ids=b`); null/undefined are omitted. */
export type QueryValue = QueryScalar | QueryScalar[] | null | undefined;

export interface ApiRequest {
	method: HttpMethod;
	/** Path relative to the base URL (which already ends in `/api/v2`), e.g. `/indexes/idx_1`. */
	path: string;
	query?: Record<string, QueryValue>;
	/** JSON body; `undefined` means no body at all (bodyless POSTs such as cancel). */
	body?: unknown;
	headers?: Record<string, string>;
	/** Sent as `Idempotency-Key`; makes a POST/PATCH safe to retry. */
	idempotencyKey?: string;
}

export interface ApiResponse<T = unknown> {
	status: number;
	/** Header names lower-cased. */
	headers: Record<string, string>;
	/** Parsed JSON when the body is JSON, the raw text otherwise, `undefined` when empty (204). */
	body: T;
}

/**
 * Sends one request. Resolves for every HTTP status (non-2xx included) so the caller decides
 * what is an error; rejects only when no response arrived (network error, timeout, abort).
 */
export type Transport = (request: ApiRequest) => Promise<ApiResponse>;

/** Waits `ms` milliseconds; injected so nodes can use n8n-workflow's `sleep` and tests a fake clock. */
export type Sleep = (ms: number) => Promise<void>;
