/**
 * The trigger against the emulator over real HTTP, with the stream cut at 100 seeded points —
 * between events and in the middle of one — while events keep being replayed and produced live.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator/app';
import type { SseFaultMode } from '../../../emulator/core/faults';
import { Rng } from '../../../emulator/core/rng';
import { N8nStandIn } from './support/n8n-stand-in';
import {
	credentialsOf,
	emitEvents,
	fastParameters,
	FROM_THE_START,
	lastEventIdHeader,
	STREAM_PATH,
	startStreamEmulator,
	streamRequests,
} from './support/stream-emulator';

let emulator: RunningEmulator;

beforeEach(async () => {
	emulator = await startStreamEmulator('sse-trigger-cuts');
	emulator.control.config.update({ requestLogLimit: 10_000 });
});

afterEach(async () => {
	await emulator.close();
});

const CUTS = 100;
const TOTAL_EVENTS = 1500;
const BACKLOG = 500;

describe('event stream trigger: cut connections', () => {
	it.each(['eachEvent', 'batch'] as const)(
		'delivers every event exactly once and in order across %s executions when the stream is cut at 100 seeded points',
		async (output) => {
			const rng = new Rng(`sse-cuts-${output}`);
			const expected = emitEvents(emulator, BACKLOG);
			const armed: SseFaultMode[] = [];
			const n8n = new N8nStandIn();
			const trigger = await n8n.activate({
				parameters: fastParameters({
					output,
					batchSize: 7,
					options: { startAfterEventId: FROM_THE_START },
				}),
				credentials: credentialsOf(emulator),
				// Before each connect, arm the cut for that connection: after 0–12 complete events, at a frame boundary or half-way into the next frame.
				intercept: async (options, send) => {
					if (options.url.endsWith(STREAM_PATH) && armed.length < CUTS) {
						const mode = rng.pick(['cut', 'cut_mid_event'] as const);
						armed.push(mode);
						emulator.control.faults.sse({ afterEvents: rng.int(0, 12), mode, connections: 1 });
					} else if (options.url.endsWith(STREAM_PATH)) {
						emulator.control.faults.sse(null);
					}
					return await send(options);
				},
				// Live events keep arriving while the backlog is replayed and reconnects happen.
				execute: () => {
					if (expected.length < TOTAL_EVENTS && rng.bool(0.7))
						expected.push(...emitEvents(emulator, rng.int(1, 3)));
				},
			});
			await trigger.until(
				() => armed.length >= CUTS && n8n.executedIds().length >= expected.length,
				'every event to be executed',
			);
			if (expected.length < TOTAL_EVENTS)
				expected.push(...emitEvents(emulator, TOTAL_EVENTS - expected.length));
			await trigger.until(() => n8n.executedIds().length >= TOTAL_EVENTS, 'the last live events');

			expect(n8n.executedIds()).toEqual(expected);
			expect(n8n.duplicates).toEqual([]);
			expect(trigger.errors).toEqual([]);
			expect(armed).toContain('cut_mid_event');
			expect(armed).toContain('cut');
			if (output === 'batch')
				expect(
					Math.max(...n8n.executions.map((execution) => execution.items.length)),
				).toBeLessThanOrEqual(7);

			// Every reconnect resumed right after the last event handed to n8n at that moment.
			const requests = streamRequests(emulator);
			expect(requests.length).toBeGreaterThan(CUTS);
			expect(requests[0] && lastEventIdHeader(requests[0])).toBe(FROM_THE_START);
			for (const request of requests.slice(1))
				expect(expected).toContain(lastEventIdHeader(request));

			await trigger.close();
			await trigger.until(
				() => emulator.control.sse.openConnections() === 0,
				'the connection to close',
			);
		},
	);
});
