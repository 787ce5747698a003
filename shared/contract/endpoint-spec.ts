import type { HttpMethod } from '../http/types';

/** Who may call an endpoint (docs/api/conventions.md#authentication-and-scopes): `jwt` = bearer session only, `none` = public. */
export type EndpointAuth = 'api_key' | 'jwt' | 'none';

/** `upload` = multipart file body, `download` = non-JSON byte response (docs/api/conventions.md#sources-and-confidence). */
export type EndpointBinary = 'none' | 'upload' | 'download';

/** One row of `endpoints.json`; `idempotent` means safe to auto-retry (with an Idempotency-Key when it is a POST/PATCH). */
export interface EndpointSpec {
	readonly resource: string;
	readonly operation: string;
	readonly method: HttpMethod;
	/** Template relative to the base URL, with `{name}` placeholders. */
	readonly path: string;
	readonly auth: EndpointAuth;
	readonly idempotent: boolean;
	readonly paginated: boolean;
	readonly binary: EndpointBinary;
	/** Upstream source tags (docs/api/conventions.md#sources-and-confidence), kept for documentation only. */
	readonly source: string;
}
