import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import { created, ok, STREAMED } from '../core/reply.js';
import { route } from '../core/route.js';
import type { ChatSessionRec } from '../core/types.js';
import { Fields, isRecord } from '../core/validation.js';
import { renderSession, renderTurn, runTurn } from '../sim/chat.js';
import { deleted, findIndex, findRun } from './lookups.js';

/** Chat sessions (docs/api/conventions.md#chat-sessions): CRUD, blocking turns, and a replayable SSE stream of a turn's events. */

function findSession(emu: Emulator, sessionId: string): ChatSessionRec {
	const session = emu.store.chatSessions.get(sessionId);
	if (!session) throw notFound('chat_session', sessionId);
	return session;
}

export function registerChatRoutes(router: Router, emu: Emulator): void {
	route(router, emu, { method: 'POST', path: '/chat/sessions', scope: 'search' }, ({ body }) => {
		// Per docs/api/conventions.md#request-conventions, the deployed API refuses a bodyless create; `{}` works.
		if (body === undefined) throw invalid('body', 'an explicit JSON object body ({}) is required');
		const f = Fields.body(body);
		const now = emu.nowIso();
		const session: ChatSessionRec = {
			session_id: emu.ids.next('chatSession'),
			title: f.optStr('title', { max: 200 }) ?? null,
			created_at: now,
			updated_at: now,
			turns: [],
		};
		emu.store.chatSessions.set(session.session_id, session);
		return created(renderSession(session, false));
	});

	route(router, emu, { method: 'GET', path: '/chat/sessions', scope: 'search' }, ({ query }) => {
		const limit = query.int('limit', 1, 200, 50);
		return ok(
			emu.store.chatSessions
				.newestFirst()
				.slice(0, limit)
				.map((s) => renderSession(s, false)),
		);
	});

	route(
		router,
		emu,
		{ method: 'GET', path: '/chat/sessions/:session_id', scope: 'search' },
		({ params }) => ok(renderSession(findSession(emu, params.session_id as string), true)),
	);

	route(
		router,
		emu,
		{ method: 'PATCH', path: '/chat/sessions/:session_id', scope: 'search' },
		({ params, body }) => {
			const session = findSession(emu, params.session_id as string);
			session.title = Fields.body(body).str('title', { min: 1, max: 200 });
			session.updated_at = emu.nowIso();
			return ok(renderSession(session, false));
		},
	);

	route(
		router,
		emu,
		{ method: 'DELETE', path: '/chat/sessions/:session_id', scope: 'search' },
		({ params }) => {
			const session = findSession(emu, params.session_id as string);
			emu.store.chatSessions.delete(session.session_id);
			return ok(deleted('Chat session'));
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/chat/sessions/:session_id/turns', scope: 'search' },
		({ params, body }) => {
			const session = findSession(emu, params.session_id as string);
			const f = Fields.body(body);
			const message = f.str('message', { min: 1, max: 4000 });
			let scope: { index_ids?: string[]; prompt_run_ids?: string[] } | null = null;
			if (f.has('scope')) {
				if (!isRecord(f.raw('scope'))) throw invalid('scope', 'must be an object');
				const s = new Fields(f.raw('scope'), 'scope');
				scope = {
					index_ids: s.optStrArray('index_ids'),
					prompt_run_ids: s.optStrArray('prompt_run_ids'),
				};
				scope.index_ids?.forEach((id) => findIndex(emu, id));
				scope.prompt_run_ids?.forEach((id) => findRun(emu, id));
			}
			return created({ turn: renderTurn(runTurn(emu, session, message, scope)) });
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/chat/sessions/:session_id/turns/:turn_id/events', scope: 'search' },
		({ req, res, params }) => {
			const session = findSession(emu, params.session_id as string);
			const turn = session.turns.find((t) => t.turn_id === params.turn_id);
			if (!turn) throw notFound('turn', params.turn_id as string);
			const after = Number(req.headers['last-event-id'] ?? 0);
			const connection = emu.sims.sse.connect(req, res, 'turn.stream_error');
			// Turns are answered synchronously, so the stream replays what happened and closes.
			connection.send(
				turn.events.filter((event) => Number(event.id) > (Number.isFinite(after) ? after : 0)),
			);
			connection.end();
			return STREAMED;
		},
	);
}
