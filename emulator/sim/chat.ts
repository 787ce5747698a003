import type { Emulator } from '../core/context.js';
import type { ChatEventRec, ChatSessionRec, ChatTurnRec, JsonObject } from '../core/types.js';
import { collectCandidates } from '../search/candidates.js';
import { rankByText } from '../search/result-view.js';
import { resultIdOf } from './run-views.js';

/**
 * Agentic search turns, answered synchronously: the "agent" runs one text search over the
 * turn's scope and writes a short answer citing the best segments. The turn's SSE events
 * (started → tool_call → delta… → completed) are recorded so they can be streamed afterwards.
 */

const CITATIONS = 3;

export function runTurn(
	emu: Emulator,
	session: ChatSessionRec,
	message: string,
	scope: { index_ids?: string[]; prompt_run_ids?: string[] } | null,
): ChatTurnRec {
	const now = emu.nowIso();
	const turn: ChatTurnRec = {
		turn_id: emu.ids.next('turn'),
		session_id: session.session_id,
		status: 'running',
		user_message: { content: message },
		assistant_message: null,
		scope,
		error: null,
		created_at: now,
		completed_at: null,
		events: [],
	};
	const record = (event: string, data: JsonObject) =>
		turn.events.push({ id: String(turn.events.length + 1), event, data } satisfies ChatEventRec);
	record('turn.started', {
		turn_id: turn.turn_id,
		session_id: session.session_id,
		status: 'running',
	});

	const indexIds = scope?.index_ids?.length
		? scope.index_ids
		: emu.store.indexes.values().map((index) => index.index_id);
	const { candidates } = collectCandidates(emu, { indexIds, runIds: scope?.prompt_run_ids });
	const hits = rankByText(emu, candidates, message).slice(0, CITATIONS);
	record('turn.tool_call', {
		turn_id: turn.turn_id,
		tool: 'semantic_search',
		arguments: { query: message, index_ids: indexIds },
		result_count: hits.length,
	});

	const citations = hits.map(({ candidate, score }) => ({
		result_id: resultIdOf(candidate.run.run_id, candidate.segment.segment_id),
		video_id: candidate.video.video_id,
		video_name: candidate.video.title,
		segment_id: candidate.segment.segment_id,
		start_time: candidate.segment.start_time,
		end_time: candidate.segment.end_time,
		run_id: candidate.run.run_id,
		score,
	}));
	const content = hits.length
		? `I found ${hits.length} relevant moment(s): ${citations.map((c) => `"${c.video_name}" at ${c.start_time}s–${c.end_time}s`).join('; ')}.`
		: 'I could not find anything matching that in the selected media.';
	for (const chunk of content.match(/.{1,40}(\s|$)/g) ?? [content])
		record('turn.delta', { turn_id: turn.turn_id, content: chunk });

	turn.status = 'completed';
	turn.assistant_message = { content, citations };
	turn.completed_at = emu.nowIso();
	record('turn.completed', { turn: renderTurn(turn) });
	session.turns.push(turn);
	session.updated_at = turn.completed_at;
	session.title ??= message.slice(0, 60);
	return turn;
}

export function renderTurn(turn: ChatTurnRec): JsonObject {
	return {
		turn_id: turn.turn_id,
		session_id: turn.session_id,
		status: turn.status,
		user_message: turn.user_message,
		assistant_message: turn.assistant_message,
		scope: turn.scope,
		error: turn.error,
		created_at: turn.created_at,
		completed_at: turn.completed_at,
	};
}

export function renderSession(session: ChatSessionRec, withTurns: boolean): JsonObject {
	const view: JsonObject = {
		session_id: session.session_id,
		title: session.title,
		created_at: session.created_at,
		updated_at: session.updated_at,
		turn_count: session.turns.length,
	};
	if (withTurns) view.turns = session.turns.map(renderTurn);
	return view;
}
