/**
 * Builds the OpenAPI 3.1 description of the VideoVector API from what the project already owns:
 * the endpoint table (docs/api/upstream/endpoints.json → shared/contract/endpoints.ts), the zod
 * response schemas (shared/contract/schemas) and the scopes the emulator enforces. Pure: the same
 * inputs give byte-identical output, which is what the drift test compares.
 */
import { zodToJsonSchema } from 'zod-to-json-schema';
import type { z } from 'zod/v3';

import type { EndpointSpec } from '../../shared/contract/endpoint-spec';
import * as schemas from '../../shared/contract/schemas';
import type { ApiScope } from './probe-scopes';
import { SUCCESS_RESPONSES, type SuccessResponse } from './responses';

type Json = Record<string, unknown>;

export const SERVER_URL = 'https://api.vectormethods.com/api/v2';
const WRITES = ['POST', 'PUT', 'PATCH'];

/** Every exported `…Schema` zod value becomes a named component (`indexSchema` → `Index`). */
function namedSchemas(): Record<string, z.ZodTypeAny> {
	const named: Record<string, z.ZodTypeAny> = {};
	for (const [exportName, value] of Object.entries(schemas)) {
		if (
			!exportName.endsWith('Schema') ||
			typeof (value as { safeParse?: unknown }).safeParse !== 'function'
		)
			continue;
		const base = exportName.slice(0, -'Schema'.length);
		named[base.charAt(0).toUpperCase() + base.slice(1)] = value as z.ZodTypeAny;
	}
	return Object.fromEntries(Object.entries(named).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * JSON Schema (2019-09 dialect, which OpenAPI 3.1's 2020-12 accepts). Every schema is converted
 * whole, then any part equal to a named component becomes a `$ref` to it, so each shape is written
 * once and refs only ever point at whole components.
 */
class SchemaConverter {
	readonly components: Record<string, Json> = {};
	private readonly byText = new Map<string, string>();

	constructor() {
		const inline = Object.entries(namedSchemas()).map(
			([name, schema]) => [name, convert(schema)] as const,
		);
		for (const [name, json] of inline)
			if (!this.byText.has(JSON.stringify(json))) this.byText.set(JSON.stringify(json), name);
		for (const [name, json] of inline) this.components[name] = this.share(json, name);
	}

	/** A schema that refers to the named components instead of repeating them. */
	ref(schema: z.ZodTypeAny): Json {
		return this.share(convert(schema)) as Json;
	}

	private share(node: unknown, self?: string): any {
		if (typeof node !== 'object' || node === null) return node;
		const name = this.byText.get(JSON.stringify(node));
		if (name && name !== self) return { $ref: `#/components/schemas/${name}` };
		if (Array.isArray(node)) return node.map((item) => this.share(item));
		return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, this.share(value)]));
	}
}

function convert(schema: z.ZodTypeAny): Json {
	const out = zodToJsonSchema(schema, {
		target: 'jsonSchema2019-09',
		$refStrategy: 'none',
		// Clients parse what the server sends, so a transformed field is described by its input.
		effectStrategy: 'input',
	}) as Json;
	delete out.$schema;
	return out;
}

function pathParameters(path: string): Json[] {
	return [...path.matchAll(/\{([a-z_]+)\}/g)].map((match) => ({
		name: match[1],
		in: 'path',
		required: true,
		schema: { type: 'string', minLength: 1 },
		description: 'An opaque id returned by the API.',
	}));
}

const PAGE_PARAMETERS: Json[] = [
	{
		name: 'cursor',
		in: 'query',
		required: false,
		schema: { type: 'string' },
		description: '`pagination.next_cursor` of the previous page.',
	},
	{
		name: 'limit',
		in: 'query',
		required: false,
		schema: { type: 'integer', minimum: 1 },
		description: 'Items per page.',
	},
];

const IDEMPOTENCY_KEY: Json = {
	name: 'Idempotency-Key',
	in: 'header',
	required: false,
	schema: { type: 'string', minLength: 1, maxLength: 255 },
	description:
		'Same key and same body within the retention window replays the first answer without a second side effect; same key with another body is a 409.',
};

const errorResponse = (description: string): Json => ({
	description,
	content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

/** Failures every endpoint shares, in the API's error envelope. */
const ERROR_RESPONSES: Json = {
	Unauthorized: errorResponse('Missing, invalid, revoked or expired credential'),
	Forbidden: errorResponse('The API key lacks the scope, or the endpoint needs a user session'),
	RateLimited: {
		...errorResponse('Rate limited; honour Retry-After'),
		headers: { 'Retry-After': { schema: { type: 'string' } } },
	},
	Error: errorResponse('Any other error'),
};

function security(endpoint: EndpointSpec, scope: ApiScope | undefined): Json[] {
	if (endpoint.auth === 'none') return [];
	if (endpoint.auth === 'jwt') return [{ BearerJwt: [] }];
	// A user session may call every API-key endpoint; the scope applies to API keys.
	return [{ ApiKey: scope ? [scope] : [] }, { BearerJwt: [] }];
}

function requestBody(endpoint: EndpointSpec): Json | undefined {
	if (!WRITES.includes(endpoint.method)) return undefined;
	if (endpoint.binary === 'upload') {
		return {
			required: true,
			content: {
				'multipart/form-data': {
					schema: {
						type: 'object',
						properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
						additionalProperties: true,
					},
				},
			},
		};
	}
	return {
		required: false,
		content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
	};
}

function successContent(response: SuccessResponse, converter: SchemaConverter): Json | undefined {
	if (response.status === 204) return undefined;
	if (response.contentType)
		return {
			[response.contentType]: {
				schema: { type: 'string', contentMediaType: response.contentType },
			},
		};
	return { 'application/json': { schema: response.schema ? converter.ref(response.schema) : {} } };
}

function responses(endpoint: EndpointSpec, key: string, converter: SchemaConverter): Json {
	const success = SUCCESS_RESPONSES[key as keyof typeof SUCCESS_RESPONSES] ?? { status: 200 };
	const content = successContent(success, converter);
	const result: Json = {
		[String(success.status)]: {
			description:
				success.schema || success.contentType || success.status === 204
					? 'Success'
					: 'Success (JSON the project does not model)',
			...(content ? { content } : {}),
		},
	};
	if (endpoint.auth !== 'none') {
		result['401'] = { $ref: '#/components/responses/Unauthorized' };
		result['403'] = { $ref: '#/components/responses/Forbidden' };
	}
	result['429'] = { $ref: '#/components/responses/RateLimited' };
	result.default = { $ref: '#/components/responses/Error' };
	return result;
}

function operation(
	endpoint: EndpointSpec,
	scope: ApiScope | undefined,
	converter: SchemaConverter,
): Json {
	const key = `${endpoint.resource}.${endpoint.operation}`;
	const parameters = [...pathParameters(endpoint.path)];
	if (endpoint.paginated) parameters.push(...PAGE_PARAMETERS);
	const idempotencyKey = endpoint.idempotent && WRITES.includes(endpoint.method);
	if (idempotencyKey) parameters.push(IDEMPOTENCY_KEY);
	const body = requestBody(endpoint);
	return {
		operationId: key,
		tags: [endpoint.resource],
		summary: `${endpoint.resource} ${endpoint.operation}`,
		...(parameters.length ? { parameters } : {}),
		...(body ? { requestBody: body } : {}),
		responses: responses(endpoint, key, converter),
		security: security(endpoint, scope),
		'x-auth': endpoint.auth,
		...(scope ? { 'x-scope': scope } : {}),
		'x-idempotent': endpoint.idempotent,
		'x-idempotency-key': idempotencyKey,
		'x-paginated': endpoint.paginated,
		'x-binary': endpoint.binary,
	};
}

export function buildOpenApiDocument(
	endpoints: readonly EndpointSpec[],
	scopes: ReadonlyMap<string, ApiScope>,
	version: string,
): Json {
	const converter = new SchemaConverter();
	const paths: Record<string, Json> = {};
	for (const endpoint of endpoints) {
		const item = (paths[endpoint.path] ??= {});
		item[endpoint.method.toLowerCase()] = operation(
			endpoint,
			scopes.get(`${endpoint.resource}.${endpoint.operation}`),
			converter,
		);
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'VideoVector API',
			version,
			description:
				'Generated by `npm run docs:api` from the endpoint table and zod schemas of n8n-nodes-videovector. ' +
				'`x-scope` is the API-key scope the emulator enforces; `x-idempotent` marks requests that are safe to retry ' +
				'(with an Idempotency-Key on writes). Where the real service is undocumented, the emulator README records the choice made.',
		},
		servers: [{ url: SERVER_URL }],
		tags: [...new Set(endpoints.map((e) => e.resource))].map((name) => ({ name })),
		paths,
		components: {
			securitySchemes: {
				ApiKey: {
					type: 'apiKey',
					in: 'header',
					name: 'X-API-Key',
					description: 'An API key (`sk_live_…`) with scopes search ⊂ read ⊂ write ⊂ admin.',
				},
				BearerJwt: {
					type: 'http',
					scheme: 'bearer',
					bearerFormat: 'JWT',
					description: 'A user-session token.',
				},
			},
			responses: ERROR_RESPONSES,
			schemas: converter.components,
		},
	};
}
