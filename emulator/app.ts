import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { API_KEY_PATTERN } from './core/auth.js';
import type { ConfigPatch, SeedMode } from './core/config.js';
import { Emulator } from './core/context.js';
import { ApiError, errorBody } from './core/errors.js';
import { faultError } from './core/faults.js';
import { redactHeaders, type LoggedRequest } from './core/request-log.js';
import { sha256Hex } from './core/rng.js';
import { createHmac } from 'node:crypto';
import { controlRouter } from './control/control-routes.js';
import { applySeed, createControl, type EmulatorControl } from './control/control.js';
import { registerApiRoutes } from './routes/index.js';
import { registerMediaContent } from './routes/media-content.js';
import { createSims } from './sim/index.js';

/**
 * The VideoVector API emulator: `startEmulator()` starts an in-process HTTP server on
 * 127.0.0.1 serving the contract under `/api/v2`, the control API under `/_emulator`, and
 * short-lived media URLs under `/_media`.
 */

export interface StartEmulatorOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** `demo` (default): sample data for a fresh user; `empty`: only the API key (tests). */
	seed?: SeedMode;
	/** Seed of every pseudo-random decision (ids, failures, faults). */
	randomSeed?: string | number;
	apiKey?: string;
	bearerToken?: string;
	/** Virtual ms per real ms (default 1; 0 = frozen, drive with control.clock.advance). */
	clockScale?: number;
	/** Virtual start time (default: now). */
	startTime?: string | number;
	/** Strict mode (default on, the library is what tests start; the CLI turns it off): unknown query/body keys → 422. */
	strict?: boolean;
	/** Where uploads are written (default: a fresh temp dir, removed on close). */
	uploadDir?: string;
	config?: ConfigPatch;
}

export interface RunningEmulator {
	/** `http://127.0.0.1:PORT/api/v2` */
	baseUrl: string;
	/** `http://127.0.0.1:PORT` */
	origin: string;
	port: number;
	apiKey: string;
	bearerToken: string;
	control: EmulatorControl;
	close(): Promise<void>;
}

/** The fixed demo credentials (contract shapes), used when none are configured. */
export const DEMO_API_KEY = `sk_live_${sha256Hex('videovector-emulator demo api key').slice(0, 48)}`;
export const DEMO_BEARER_TOKEN = (() => {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'usr_demo', iss: 'videovector-emulator', iat: 1767225600, exp: 4102444800 })}`;
	return `${unsigned}.${createHmac('sha256', 'videovector-emulator').update(unsigned).digest('base64url')}`;
})();

function buildApp(emu: Emulator, control: EmulatorControl): express.Express {
	const app = express();
	app.disable('x-powered-by');
	app.set('etag', false);

	app.use((_req: Request, res: Response, next: NextFunction) => {
		const requestId = emu.nextRequestId();
		res.locals.requestId = requestId;
		res.setHeader('X-Request-ID', requestId);
		next();
	});

	app.use('/_emulator', controlRouter(control));
	registerMediaContent(app, emu);

	const api = express.Router();
	api.use((req: Request, res: Response, next: NextFunction) => {
		const entry: LoggedRequest = emu.requestLog.record({
			at: emu.nowIso(),
			request_id: res.locals.requestId as string,
			method: req.method,
			path: req.path,
			query: { ...(req.query as Record<string, unknown>) },
			headers: redactHeaders(req.headers),
			body: null,
			status: null,
			received_ms: Date.now(),
			query_keys: [...new URLSearchParams(req.originalUrl.split('?')[1] ?? '').keys()],
		});
		res.locals.logEntry = entry;
		res.on('finish', () => {
			entry.status = res.statusCode;
		});
		next();
	});
	api.use(async (req: Request, res: Response, next: NextFunction) => {
		const decision = emu.faults.decide(req.method, req.path);
		if (decision.latencyMs > 0)
			await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
		await decision.gate;
		if (decision.action === 'reset') {
			req.socket.destroy();
			return;
		}
		// The route runs (the write is applied); sendFinalReply then loses its answer.
		if (decision.action === 'lost_answer') {
			res.locals.lostAnswer = decision.rule;
			return next();
		}
		if (decision.action !== 'none') return next(faultError(decision));
		next();
	});
	registerApiRoutes(api, emu);
	api.use((req: Request, _res: Response, next: NextFunction) =>
		next(
			new ApiError(404, 'route_not_found', `No route for ${req.method} ${req.path}`, {
				method: req.method,
				path: req.path,
			}),
		),
	);
	app.use('/api/v2', api);

	app.use((req: Request, _res: Response, next: NextFunction) =>
		next(new ApiError(404, 'route_not_found', `No route for ${req.method} ${req.path}`)),
	);
	app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
		const apiError =
			error instanceof ApiError
				? error
				: (error as { type?: string }).type === 'entity.parse.failed'
					? new ApiError(400, 'invalid_json', 'Request body is not valid JSON')
					: new ApiError(500, 'internal_error', 'Internal emulator error');
		if (!(error instanceof ApiError) && apiError.status === 500)
			console.error('[emulator] unhandled error', error);
		if (res.headersSent) {
			res.end();
			return;
		}
		const logEntry = res.locals.logEntry as LoggedRequest | undefined;
		if (logEntry) logEntry.error = { code: apiError.code, message: apiError.message };
		for (const [name, value] of Object.entries(apiError.headers)) res.setHeader(name, value);
		res
			.status(apiError.status)
			.json(errorBody(apiError, res.locals.requestId as string, emu.nowIso()));
	});
	return app;
}

function listen(server: Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
	const apiKey = options.apiKey ?? DEMO_API_KEY;
	if (!API_KEY_PATTERN.test(apiKey)) throw new Error('apiKey must match ^sk_live_[0-9a-f]{48}$');
	const bearerToken = options.bearerToken ?? DEMO_BEARER_TOKEN;
	const ownUploadDir = options.uploadDir === undefined;
	const uploadDir = options.uploadDir ?? (await mkdtemp(join(tmpdir(), 'videovector-emulator-')));
	const seed = options.seed ?? 'demo';
	const startTime =
		options.startTime === undefined
			? Date.now()
			: typeof options.startTime === 'number'
				? options.startTime
				: Date.parse(options.startTime);

	const emu = new Emulator({
		seedMode: seed,
		randomSeed: String(options.randomSeed ?? 'videovector-emulator'),
		apiKey,
		bearerToken,
		clockScale: options.clockScale ?? 1,
		startTime,
		uploadDir,
		config: { strict: options.strict ?? true, ...options.config },
	});
	emu.sims = createSims(emu);
	const control = createControl(emu);
	applySeed(emu, seed);

	const server = createServer(buildApp(emu, control));
	// Large uploads can legitimately take minutes: no overall request deadline.
	server.requestTimeout = 0;
	server.keepAliveTimeout = 5_000;
	const port = await listen(server, options.port ?? 0);
	emu.origin = `http://127.0.0.1:${port}`;

	let closing: Promise<void> | undefined;
	const close = () => {
		closing ??= (async () => {
			emu.sims.sse.closeAll();
			emu.clock.dispose();
			await emu.sims.webhooks.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			if (ownUploadDir) await rm(uploadDir, { recursive: true, force: true });
		})();
		return closing;
	};

	return { baseUrl: emu.baseUrl, origin: emu.origin, port, apiKey, bearerToken, control, close };
}
