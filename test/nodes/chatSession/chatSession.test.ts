import { describe, expect, it } from 'vitest';

import { runNode, type RecordedRequest } from '../../support/run-node';
import { failureOf, path, sseFrame, streamBody } from '../../support/node-fixtures';

const session = {
	session_id: 'chat_1',
	title: 'Research',
	created_at: '2026-04-20T10:00:00Z',
	updated_at: '2026-04-20T10:00:00Z',
};
const chat = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'chatSession',
	operation,
	...parameters,
});

describe('Chat session: CRUD', () => {
	it('create sends {} without a title and an Idempotency-Key', async () => {
		const { requests, output } = await runNode({
			parameters: chat('create', { title: '', options: {} }),
			respond: () => ({ statusCode: 201, body: session }),
		});
		expect(`${requests[0].method} ${path(requests[0].url)}`).toBe('POST /chat/sessions');
		expect(requests[0].body).toEqual({});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
		expect(output[0].json).toEqual(session);
		const titled = await runNode({
			parameters: chat('create', { title: 'Research', options: {} }),
			respond: () => ({ statusCode: 201, body: session }),
		});
		expect(titled.requests[0].body).toEqual({ title: 'Research' });
	});

	it('list passes the limit; get, rename and delete address the session', async () => {
		const list = await runNode({
			parameters: chat('getAll', { returnAll: false, limit: 5 }),
			respond: () => ({ body: [session] }),
		});
		expect(new URL(list.requests[0].url).search).toBe('?limit=5');
		const get = await runNode({
			parameters: chat('get', { sessionId: 'chat_1' }),
			respond: () => ({ body: { ...session, turns: [] } }),
		});
		expect(`${get.requests[0].method} ${path(get.requests[0].url)}`).toBe(
			'GET /chat/sessions/chat_1',
		);
		const rename = await runNode({
			parameters: chat('rename', { sessionId: 'chat_1', title: 'Renamed' }),
			respond: () => ({ body: session }),
		});
		expect(`${rename.requests[0].method} ${path(rename.requests[0].url)}`).toBe(
			'PATCH /chat/sessions/chat_1',
		);
		expect(rename.requests[0].body).toEqual({ title: 'Renamed' });
		// The contract does not mark this PATCH as de-duplicated: no key, so no automatic retry either.
		expect(rename.requests[0].headers['idempotency-key']).toBeUndefined();
		const del = await runNode({
			parameters: chat('delete', { sessionId: 'chat_1' }),
			respond: () => ({ body: { message: 'deleted' } }),
		});
		expect(`${del.requests[0].method} ${path(del.requests[0].url)}`).toBe(
			'DELETE /chat/sessions/chat_1',
		);
	});

	it('refuses a missing session id or title before sending', async () => {
		for (const [parameters, message] of [
			[chat('get', { sessionId: '' }), 'Chat Session is required'],
			[chat('rename', { sessionId: 'chat_1', title: ' ' }), 'Title is required'],
		] as const) {
			const requests: RecordedRequest[] = [];
			await expect(
				runNode({ parameters, respond: (r) => (requests.push(r), { body: {} }) }),
			).rejects.toThrow(message);
			expect(requests).toHaveLength(0);
		}
	});
});

describe('Chat session: Ask (create turn)', () => {
	const turn = {
		turn_id: 'turn_1',
		session_id: 'chat_1',
		status: 'completed',
		assistant_message: { content: 'Clip 3 at 00:42.' },
		error: null,
	};

	it('sends the message with the narrowed scope and returns the turn', async () => {
		const { requests, output } = await runNode({
			parameters: chat('ask', {
				sessionId: 'chat_1',
				message: 'Which clips show a red car?',
				scope: { indexIds: 'idx_1,idx_2', promptRunIds: 'run_9' },
				options: {},
			}),
			respond: () => ({ body: { turn } }),
		});
		expect(`${requests[0].method} ${path(requests[0].url)}`).toBe(
			'POST /chat/sessions/chat_1/turns',
		);
		expect(requests[0].body).toEqual({
			message: 'Which clips show a red car?',
			scope: { index_ids: ['idx_1', 'idx_2'], prompt_run_ids: ['run_9'] },
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
		expect(output[0].json).toEqual(turn);
	});

	it('sends no scope when none is given', async () => {
		const { requests } = await runNode({
			parameters: chat('ask', { sessionId: 'chat_1', message: 'hi', scope: {}, options: {} }),
			respond: () => ({ body: { turn } }),
		});
		expect(requests[0].body).toEqual({ message: 'hi' });
	});

	it('a failed turn fails the item with the agent’s reason', async () => {
		const run = runNode({
			parameters: chat('ask', { sessionId: 'chat_1', message: 'hi', scope: {}, options: {} }),
			respond: () => ({
				body: {
					turn: {
						...turn,
						status: 'failed',
						assistant_message: null,
						error: { message: 'LLM budget exhausted' },
					},
				},
			}),
		});
		await expect(run).rejects.toThrow('The search agent could not answer: LLM budget exhausted');
	});

	it('refuses an empty message before sending', async () => {
		const requests: RecordedRequest[] = [];
		const run = runNode({
			parameters: chat('ask', { sessionId: 'chat_1', message: '', scope: {}, options: {} }),
			respond: (r) => (requests.push(r), { body: {} }),
		});
		await expect(run).rejects.toThrow('Message is required');
		expect(requests).toHaveLength(0);
	});
});

describe('Chat session: turn events (SSE)', () => {
	const frames = [
		sseFrame({ id: '1', event: 'turn.started', data: { turn_id: 'turn_1' } }),
		sseFrame({ id: '2', event: 'turn.delta', data: { content: 'Clip ' } }),
		sseFrame({ id: '3', event: 'turn.delta', data: { content: '3.' } }),
		sseFrame({
			id: '4',
			event: 'turn.completed',
			data: { turn_id: 'turn_1', status: 'completed' },
		}),
		sseFrame({ id: '5', event: 'turn.delta', data: { content: 'never read' } }),
	];

	it('reads until turn.completed, one item per event, asking for an event stream', async () => {
		// Split mid-frame to show events are reassembled across chunks.
		const text = frames.join('');
		const { requests, output } = await runNode({
			parameters: chat('getTurnEvents', {
				sessionId: 'chat_1',
				turnId: 'turn_1',
				maxWaitSeconds: 30,
				lastEventId: '',
			}),
			respond: () => ({
				headers: { 'content-type': 'text/event-stream' },
				body: streamBody(text.slice(0, 50), text.slice(50)),
			}),
		});
		expect(`${requests[0].method} ${path(requests[0].url)}`).toBe(
			'GET /chat/sessions/chat_1/turns/turn_1/events',
		);
		expect(requests[0].headers.accept).toBe('text/event-stream');
		expect(requests[0].headers['last-event-id']).toBeUndefined();
		expect(requests[0].options.encoding).toBe('stream');
		expect(output.map((item) => item.json)).toEqual([
			{ event_id: '1', event_type: 'turn.started', data: { turn_id: 'turn_1' } },
			{ event_id: '2', event_type: 'turn.delta', data: { content: 'Clip ' } },
			{ event_id: '3', event_type: 'turn.delta', data: { content: '3.' } },
			{
				event_id: '4',
				event_type: 'turn.completed',
				data: { turn_id: 'turn_1', status: 'completed' },
			},
		]);
	});

	it('resumes after a Last-Event-ID and also stops at turn.failed', async () => {
		const { requests, output } = await runNode({
			parameters: chat('getTurnEvents', {
				sessionId: 'chat_1',
				turnId: 'turn_1',
				maxWaitSeconds: 30,
				lastEventId: '2',
			}),
			respond: () => ({
				body: streamBody(
					sseFrame({ id: '3', event: 'turn.failed', data: { error: { message: 'tool error' } } }),
					frames[4],
				),
			}),
		});
		expect(requests[0].headers['last-event-id']).toBe('2');
		expect(output.map((item) => item.json.event_type)).toEqual(['turn.failed']);
	});

	it('a refused stream fails with the API’s message', async () => {
		const run = runNode({
			parameters: chat('getTurnEvents', {
				sessionId: 'chat_1',
				turnId: 'nope',
				maxWaitSeconds: 30,
				lastEventId: '',
			}),
			respond: () => ({
				statusCode: 404,
				headers: { 'content-type': 'application/json', 'x-request-id': 'req_9' },
				body: streamBody('{"error":{"code":"resource_turn_not_found","message":"Turn not found"}}'),
			}),
		});
		const error = await failureOf(run);
		expect(error.message).toContain('Turn not found');
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('Request ID: req_9');
	});
});
