import express, { type Router } from 'express';
import { ApiError } from '../core/errors.js';
import type { EmulatorControl } from './control.js';

/**
 * `/_emulator/*`: the control API for out-of-process tests (no auth; loopback only). Bad input
 * answers 400 `control_invalid_request` with the reason.
 */

type Body = Record<string, unknown>;

function guard(run: (body: Body, query: Record<string, unknown>) => unknown, status = 200) {
	return (req: express.Request, res: express.Response, next: (error?: unknown) => void) => {
		try {
			const result = run((req.body ?? {}) as Body, req.query as Record<string, unknown>);
			if (result === undefined) res.status(204).end();
			else res.status(status).json(result);
		} catch (error) {
			if (error instanceof ApiError) return next(error);
			next(new ApiError(400, 'control_invalid_request', (error as Error).message));
		}
	};
}

export function controlRouter(control: EmulatorControl): Router {
	const router = express.Router();
	router.use(express.json({ limit: '1mb' }));

	router.get(
		'/health',
		guard(() => ({ ok: true })),
	);
	router.post(
		'/reset',
		guard((body) => {
			control.reset(body.seed === 'demo' ? 'demo' : 'empty');
			return { ok: true };
		}),
	);

	router.get(
		'/clock',
		guard(() => ({
			now: control.clock.iso(),
			now_ms: control.clock.now(),
			scale: control.clock.scale,
			pending_timers: control.clock.pending(),
		})),
	);
	router.post(
		'/clock',
		guard((body) => {
			if (body.scale !== undefined) control.clock.setScale(Number(body.scale));
			if (body.advance_ms !== undefined) control.clock.advance(Number(body.advance_ms));
			return { now: control.clock.iso(), scale: control.clock.scale };
		}),
	);
	router.post(
		'/clock/advance',
		guard((body) => {
			control.clock.advance(Number(body.ms));
			return { now: control.clock.iso() };
		}),
	);
	router.post(
		'/clock/run-all',
		guard((body) => ({
			fired: control.clock.runAll(
				body.max_timers === undefined ? undefined : Number(body.max_timers),
			),
			now: control.clock.iso(),
		})),
	);

	router.get(
		'/faults',
		guard(() => control.faults.list()),
	);
	router.put(
		'/faults',
		guard((body) => {
			control.faults.set(Array.isArray(body.rules) ? body.rules : []);
			if ('sse' in body) control.faults.sse((body.sse ?? null) as never);
			if ('webhooks' in body) control.faults.webhooks((body.webhooks ?? null) as never);
			return control.faults.list();
		}),
	);
	router.post(
		'/faults/rules',
		guard((body) => control.faults.add(body as never), 201),
	);
	router.delete('/faults/rules/:id', (req, res, next) => {
		if (!control.faults.remove(req.params.id as string))
			return next(new ApiError(404, 'resource_fault_rule_not_found', 'No fault rule with that id'));
		res.status(204).end();
	});
	router.delete(
		'/faults',
		guard(() => {
			control.faults.clear();
			return undefined;
		}),
	);

	router.post(
		'/sse/stream-error',
		guard((body) => ({
			closed: control.sse.streamError(
				body.code as string | undefined,
				body.message as string | undefined,
			),
		})),
	);
	router.post(
		'/sse/heartbeat',
		guard(() => ({ streams: control.sse.heartbeat() })),
	);
	router.post(
		'/events',
		guard(
			(body) => ({
				event_id: control.events.emit(String(body.event_type ?? 'test.event'), body as never),
			}),
			201,
		),
	);

	router.get(
		'/config',
		guard(() => control.config.get()),
	);
	router.patch(
		'/config',
		guard((body) => control.config.update(body as never)),
	);

	router.post(
		'/seed/index',
		guard((body) => control.seed.index(body as never), 201),
	);
	router.post(
		'/seed/demo',
		guard(() => {
			control.seed.demo();
			return { ok: true };
		}, 201),
	);

	router.get(
		'/counts',
		guard(() => control.counts()),
	);
	router.get(
		'/requests',
		guard((_body, query) =>
			control.requests.list({
				method: query.method as string | undefined,
				path: query.path as string | undefined,
			}),
		),
	);
	router.delete(
		'/requests',
		guard(() => {
			control.requests.clear();
			return undefined;
		}),
	);
	router.get('/uploads/:video_id', (req, res, next) => {
		const file = control.uploads.get(req.params.video_id as string);
		if (!file)
			return next(
				new ApiError(404, 'resource_upload_not_found', 'No stored upload for that media'),
			);
		res.json(file);
	});
	return router;
}
