import express, { type Request, type Response, type Router } from 'express';
import { authenticate, requireScope, type Principal, type RouteAuth } from './auth.js';
import type { Emulator } from './context.js';
import { ApiError, errorBody } from './errors.js';
import { lostAnswerError, type FaultRule } from './faults.js';
import { checkIdempotencyKey, type IdempotencyOptions } from './idempotency.js';
import { discardFiles, parseMultipart, type MultipartBody } from './multipart.js';
import { STREAMED, type JsonReply, type Reply } from './reply.js';
import { redactValue, type LoggedRequest } from './request-log.js';
import { sha256Hex, stableStringify } from './rng.js';
import { assertNoUnknownKeys, KeyTracker, withTracker } from './strict-keys.js';
import type { Scope } from './types.js';
import { QueryFields } from './validation.js';

/**
 * One wrapper composes what every endpoint needs, in this order: authenticate → scope →
 * Idempotency-Key shape → body (JSON or streamed multipart) → idempotent replay or the handler →
 * response. Handlers only return a Reply or throw ApiError.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
	method: Method;
	/** Express path relative to /api/v2 (`/indexes/:index_id`). */
	path: string;
	/** Minimum scope for API keys; null = any authenticated caller. */
	scope: Scope | null;
	auth?: RouteAuth;
	body?: 'json' | 'multipart' | 'none';
	multipart?: { maxFileBytes?: Record<string, number> };
	/** Idempotency-Key handling; default on for POST/PUT/PATCH. */
	idempotency?: IdempotencyOptions | false;
}

export interface RequestContext {
	req: Request;
	res: Response;
	emu: Emulator;
	params: Record<string, string>;
	query: QueryFields;
	body: unknown;
	multipart: MultipartBody | null;
	principal: Principal;
	idempotencyKey: string | undefined;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

const jsonParser = express.json({ limit: '64mb' });

function parseJson(req: Request, res: Response): Promise<unknown> {
	return new Promise((resolve, reject) => {
		jsonParser(req, res, (error?: unknown) => {
			if (!error) return resolve(req.body);
			const type = (error as { type?: string }).type;
			if (type === 'entity.too.large')
				return reject(new ApiError(413, 'payload_too_large', 'Request body too large'));
			if (type === 'entity.parse.failed')
				return reject(new ApiError(400, 'invalid_json', 'Request body is not valid JSON'));
			reject(new ApiError(400, 'invalid_request_body', 'Request body could not be read'));
		});
	});
}

function bodySummary(multipart: MultipartBody): unknown {
	return {
		fields: Object.fromEntries(multipart.fields),
		files: multipart.files.map((file) => ({
			field: file.field,
			filename: file.filename,
			content_type: file.contentType,
			size: file.size,
			sha256: file.sha256,
		})),
	};
}

export function sendReply(
	res: Response,
	reply: Exclude<Reply, typeof STREAMED>,
	extraHeaders: Record<string, string> = {},
): void {
	for (const [name, value] of Object.entries({ ...(reply.headers ?? {}), ...extraHeaders }))
		res.setHeader(name, value);
	res.status(reply.status);
	if ('raw' in reply) {
		res.setHeader('Content-Type', reply.contentType);
		res.setHeader('Content-Length', String(reply.raw.length));
		res.end(reply.raw);
	} else if (reply.body === undefined) {
		res.end();
	} else {
		res.json(reply.body);
	}
}

export function route(router: Router, emu: Emulator, spec: RouteSpec, handler: Handler): void {
	const writes = spec.method === 'POST' || spec.method === 'PUT' || spec.method === 'PATCH';
	const bodyKind = spec.body ?? (writes ? 'json' : 'none');
	const idempotency = spec.idempotency === false || !writes ? null : (spec.idempotency ?? {});
	const method = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';

	router[method](
		spec.path,
		async (req: Request, res: Response, next: (error?: unknown) => void) => {
			let multipart: MultipartBody | null = null;
			try {
				const principal = authenticate(req.headers, spec.auth ?? 'api_key', {
					store: emu.store,
					bearerToken: emu.settings.bearerToken,
					now: () => emu.now(),
					nowIso: () => emu.nowIso(),
				});
				requireScope(principal, spec.scope);
				const idempotencyKey = idempotency
					? checkIdempotencyKey(req.headers['idempotency-key'])
					: undefined;

				let body: unknown;
				let fingerprint: string;
				if (bodyKind === 'multipart') {
					multipart = await parseMultipart(req, {
						dir: emu.settings.uploadDir,
						nextFileName: () => emu.nextUploadName(),
						maxFileBytes: spec.multipart?.maxFileBytes,
					});
					fingerprint = multipart.fingerprint;
					logBody(res, bodySummary(multipart));
				} else if (bodyKind === 'json') {
					body = await parseJson(req, res);
					fingerprint = sha256Hex(stableStringify(body ?? null));
					logBody(res, body ?? null);
				} else {
					fingerprint = '';
				}

				const ctx: RequestContext = {
					req,
					res,
					emu,
					params: req.params as Record<string, string>,
					query: new QueryFields(req.query as Record<string, unknown>),
					body,
					multipart,
					principal,
					idempotencyKey,
				};

				const handle =
					emu.config.strict && bodyKind !== 'multipart' ? strictly(handler, body) : handler;
				if (idempotency && idempotencyKey !== undefined) {
					const scopeKey = `${principal.idempotencyScope}\u0000${spec.method}\u0000${req.path}\u0000${idempotencyKey}`;
					const { reply, replayed } = await emu.idempotency.run(
						scopeKey,
						fingerprint,
						async () => asJson(await handle(ctx)),
						idempotency,
					);
					if (replayed && multipart) await discardFiles(multipart);
					await sendFinalReply(res, emu, reply, replayed ? { 'Idempotent-Replayed': 'true' } : {});
					return;
				}
				const reply = await handle(ctx);
				if (reply !== STREAMED) await sendFinalReply(res, emu, reply);
			} catch (error) {
				if (multipart) await discardFiles(multipart).catch(() => undefined);
				next(error);
			}
		},
	);
}

/**
 * Runs the handler under a key tracker and rejects keys it never read. The check runs after the
 * handler (its reads define the accepted keys), so in strict mode a rejected write may already be
 * applied; strict mode is a test aid that makes client bugs loud, see the README.
 */
function strictly(handler: Handler, body: unknown): Handler {
	return async (ctx) => {
		const tracker = new KeyTracker();
		const reply = await withTracker(tracker, () => handler(ctx));
		if (reply !== STREAMED) assertNoUnknownKeys(tracker, ctx.req.originalUrl, body);
		return reply;
	};
}

/** Sends the route's answer, unless a `lost_answer` fault is armed for this request (the write already happened). */
async function sendFinalReply(
	res: Response,
	emu: Emulator,
	reply: Exclude<Reply, typeof STREAMED>,
	extraHeaders: Record<string, string> = {},
): Promise<void> {
	const lost = res.locals.lostAnswer as FaultRule | undefined;
	if (!lost) return sendReply(res, reply, extraHeaders);
	const mode = lost.lostAs ?? 'reset';
	if (mode === 'reset') {
		res.req.socket.destroy();
		return;
	}
	if (mode === 'bad_gateway') {
		const error = lostAnswerError();
		res.status(error.status).json(errorBody(error, res.locals.requestId as string, emu.nowIso()));
		return;
	}
	// Held past the client's deadline; if the client still listens it gets the real answer.
	await new Promise((resolve) => setTimeout(resolve, lost.latencyMs));
	if (!res.req.socket.destroyed) sendReply(res, reply, extraHeaders);
}

function logBody(res: Response, body: unknown): void {
	const entry = res.locals.logEntry as LoggedRequest | undefined;
	if (entry) entry.body = redactValue(body);
}

function asJson(reply: Reply): JsonReply {
	if (reply === STREAMED || 'raw' in reply)
		throw new Error('idempotent routes must return JSON replies');
	return reply;
}
