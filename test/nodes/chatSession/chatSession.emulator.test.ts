/** Chat sessions over real HTTP against the emulator: a blocking turn, then its event stream. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app.js';
import { failureOf } from '../../support/node-fixtures';
import { emulatorRunner } from '../../support/emulator-run';

let emulator: RunningEmulator;
let indexId: string;
const { apiKey, one } = emulatorRunner(() => emulator);

beforeAll(async () => {
	emulator = await startEmulator({ seed: 'empty', randomSeed: 'node-chat', clockScale: 0 });
	indexId = emulator.control.seed.index({ name: 'Clips', media: 3, run: true }).index_id as string;
});

afterAll(async () => {
	await emulator?.close();
});

describe('Chat sessions against the emulator', () => {
	it('asks within a scope, then reads the turn’s events until it completed, and resumes after an event id', async () => {
		const session = await one({
			resource: 'chatSession',
			operation: 'create',
			title: '',
			options: {},
		});
		const sessionId = session.session_id as string;
		const turn = await one({
			resource: 'chatSession',
			operation: 'ask',
			sessionId,
			message: 'people talking in a room',
			scope: { indexIds: indexId },
			options: {},
		});
		expect(turn).toMatchObject({
			session_id: sessionId,
			status: 'completed',
			scope: { index_ids: [indexId] },
		});
		expect(String((turn.assistant_message as { content: string }).content)).not.toBe('');

		const events = (
			await apiKey({
				resource: 'chatSession',
				operation: 'getTurnEvents',
				sessionId,
				turnId: turn.turn_id,
				maxWaitSeconds: 10,
				lastEventId: '',
			})
		).output.map((i) => i.json);
		expect(events[0].event_type).toBe('turn.started');
		expect(events.at(-1)).toMatchObject({
			event_type: 'turn.completed',
			data: { turn: { turn_id: turn.turn_id, status: 'completed' } },
		});
		const text = events
			.filter((e) => e.event_type === 'turn.delta')
			.map((e) => (e.data as { content: string }).content)
			.join('');
		expect(text).toBe((turn.assistant_message as { content: string }).content);
		expect(emulator.control.sse.openConnections()).toBe(0);

		const resumed = (
			await apiKey({
				resource: 'chatSession',
				operation: 'getTurnEvents',
				sessionId,
				turnId: turn.turn_id,
				maxWaitSeconds: 10,
				lastEventId: events[1].event_id,
			})
		).output.map((i) => i.json);
		expect(resumed).toEqual(events.slice(2));

		const withTurns = await one({ resource: 'chatSession', operation: 'get', sessionId });
		expect(withTurns.turns).toHaveLength(1);
	});

	it('renames, lists and deletes a session', async () => {
		const session = await one({
			resource: 'chatSession',
			operation: 'create',
			title: 'Draft',
			options: {},
		});
		const sessionId = session.session_id as string;
		expect(
			await one({ resource: 'chatSession', operation: 'rename', sessionId, title: 'Final' }),
		).toMatchObject({ title: 'Final' });
		const { output } = await apiKey({
			resource: 'chatSession',
			operation: 'getAll',
			returnAll: true,
		});
		expect(output.map((i) => i.json.session_id)).toContain(sessionId);
		await one({ resource: 'chatSession', operation: 'delete', sessionId });
		expect(
			(await failureOf(apiKey({ resource: 'chatSession', operation: 'get', sessionId }))).httpCode,
		).toBe('404');
	});
});
