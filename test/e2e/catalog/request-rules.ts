import { type EndpointKey, findEndpoint } from '../../../shared/contract/endpoints';

/** One request as the emulator's request log recorded it. */
export interface RecordedRequest {
	method: string;
	path: string;
	query_keys: string[];
	headers: Record<string, string | string[]>;
	body: unknown;
	status: number | null;
	received_ms: number;
	error?: { code: string; message: string };
}

/** Writes that carry an Idempotency-Key (docs/api/conventions.md#idempotency-keys). */
const KEYED: ReadonlySet<EndpointKey> = new Set<EndpointKey>([
	'indexes.create',
	'indexes.delete',
	'videos.delete',
	'prompts.create',
	'prompts.update',
	'prompts.delete',
	'prompt_runs.execute',
	'prompt_runs.cancel',
	'prompt_runs.retrySegment',
	'connectors.createS3',
	'connectors.createGcs',
	'connectors.createAzure',
	'connectors.test',
	'import_jobs.create',
	'import_jobs.cancel',
	'exports.createIndexExport',
	'exports.createPromptRunExport',
	'webhooks.create',
	'webhooks.update',
	'webhooks.test',
	'chat_sessions.create',
	'chat_sessions.createTurn',
	'search.sqlGenerate',
]);

/** POSTs that need a real `{}` JSON body on the wire (docs/api/conventions.md#request-conventions). */
const EMPTY_OBJECT_BODY: ReadonlySet<EndpointKey> = new Set<EndpointKey>([
	'search.sqlCatalog',
	'chat_sessions.create',
]);

/** Per docs/api/conventions.md#request-conventions, bodyless POSTs send no body. */
const BODYLESS = /\/(cancel|retry|test|rotate-secret|rotate|revoke|download-url)$/;

function header(request: RecordedRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

/** What is wrong with one recorded request, by the endpoint table and docs/api/conventions.md#request-conventions and docs/api/conventions.md#idempotency-keys. */
export function requestProblems(request: RecordedRequest): string[] {
	const where = `${request.method} ${request.path}`;
	const match = findEndpoint(request.method, request.path);
	if (!match) return [`${where}: not an endpoint of the contract`];
	const key = match.key;
	const problems: string[] = [];
	// A stream the client closed after reading has no final status; only a refused one is a problem.
	const stream = /\/(events|stream)$/.test(match.endpoint.path);
	if ((request.status === null && !stream) || (request.status !== null && request.status >= 400)) {
		problems.push(
			`${where}: HTTP ${request.status ?? 'no answer'}${request.error ? ` ${request.error.code}: ${request.error.message}` : ''}`,
		);
	}
	for (const name of request.query_keys) {
		if (/[[\]]/.test(name))
			problems.push(`${where}: query key "${name}" (arrays must repeat the plain key)`);
	}
	const contentType = header(request, 'content-type') ?? '';
	const hasBody = request.body !== null && request.body !== undefined;
	const multipart = contentType.startsWith('multipart/form-data');
	if (hasBody && !multipart && !contentType.startsWith('application/json'))
		problems.push(`${where}: body sent as "${contentType}", not application/json`);
	if (EMPTY_OBJECT_BODY.has(key) && !hasBody)
		problems.push(`${where}: no JSON body on the wire; the contract needs at least {}`);
	if (request.method === 'POST' && BODYLESS.test(match.endpoint.path) && hasBody)
		problems.push(
			`${where}: sent a body (${JSON.stringify(request.body)}); the contract says no body`,
		);
	const idempotencyKey = header(request, 'idempotency-key');
	if (
		KEYED.has(key) ||
		(key.startsWith('workflow.') &&
			request.method === 'POST' &&
			key !== 'workflow.createMediaGrant')
	) {
		if (!idempotencyKey)
			problems.push(
				`${where}: no Idempotency-Key on a write that needs one (docs/api/conventions.md#idempotency-keys)`,
			);
	}
	if (key === 'exports.createDownloadUrl' && idempotencyKey)
		problems.push(`${where}: Idempotency-Key on download-url minting`);
	if (idempotencyKey && idempotencyKey.length > 255)
		problems.push(`${where}: Idempotency-Key longer than 255 characters`);
	return problems;
}
