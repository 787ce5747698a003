/**
 * Everything of `shared/` that may ship inside the n8n community package: imports only `zod`,
 * `node:crypto` and relative files, and touches no restricted globals. The Node-only helpers in
 * `shared/server/` (undici) are deliberately not exported here.
 */
export * from './contract/endpoint-request';
export * from './contract/endpoint-spec';
export * from './contract/endpoints';
export { findInTable, matchPath, type EndpointMatch, type PathParamNames, type PathParams } from './contract/path-template';
export * from './contract/schemas';

export * from './http/api-error';
export * from './http/backoff';
export { extractErrorFields, type ErrorFields } from './http/error-body';
export { toNetworkError } from './http/network-error';
export * from './http/page-shape';
export * from './http/pagination';
export * from './http/redact';
export * from './http/retry-after';
export * from './http/retry-policy';
export * from './http/send-with-retries';
export * from './http/types';

export * from './sse/parser';
export * from './sse/processing-event';

export * from './webhooks/api-signature';
export { type HeaderInput, type RawBody } from './webhooks/bytes';
export * from './webhooks/standard-webhooks';
