/**
 * Resuming across deactivation and n8n restarts, played with n8n's real persistence rules: static
 * data reaches the database only when the trigger emits, and an execution can be lost when n8n stops
 * while it is still queued. The trigger resumes after the last finished unit and emits the unit that
 * was in flight again under the same deduplication key, so n8n runs it exactly when it was lost.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator/app';
import { BodyTap } from './support/body-tap';
import { N8nStandIn, type Execution } from './support/n8n-stand-in';
import {
	credentialsOf,
	emitEvents,
	fastParameters,
	lastEventIdHeader,
	startStreamEmulator,
	streamRequests,
} from './support/stream-emulator';

let emulator: RunningEmulator;

beforeEach(async () => {
	emulator = await startStreamEmulator('sse-trigger-resume');
});

afterEach(async () => {
	await emulator.close();
});

/** Lets a test keep one execution running (n8n busy) until it says so. */
class ExecutionGate {
	private holding = false;
	private release: (() => void) | undefined;
	held: Execution | undefined;
	/** Runs as the held execution starts, before anything else can happen. */
	onHold: (() => void) | undefined;

	holdNext(): void {
		this.holding = true;
	}

	readonly execute = async (execution: Execution): Promise<void> => {
		if (!this.holding) return;
		this.holding = false;
		this.held = execution;
		this.onHold?.();
		await new Promise<void>((resolve) => {
			this.release = resolve;
		});
	};

	open(): void {
		this.release?.();
	}
}

async function activate(
	n8n: N8nStandIn,
	gate: ExecutionGate,
	parameters = fastParameters(),
	tap?: BodyTap,
) {
	const trigger = await n8n.activate({
		parameters,
		credentials: credentialsOf(emulator),
		execute: gate.execute,
		...(tap ? { intercept: tap.intercept } : {}),
	});
	await trigger.until(() => emulator.control.sse.openConnections() === 1, 'the stream to open');
	return trigger;
}

describe('event stream trigger: resume after deactivation and restarts', () => {
	it.each([
		['was stored before the stop', false],
		['was lost in the stop', true],
	])('runs every event exactly once when the execution in flight %s', async (_label, lost) => {
		const n8n = new N8nStandIn();
		const gate = new ExecutionGate();
		const first = await activate(n8n, gate);
		const done = emitEvents(emulator, 5);
		await first.until(() => n8n.executions.length === 5, 'the first events');
		gate.holdNext();
		const inFlight = emitEvents(emulator, 1);
		await first.until(() => gate.held !== undefined, 'the sixth execution to start');

		// n8n stops: the trigger is closed while its execution still runs.
		await first.close();
		if (lost) n8n.loseExecution(gate.held as Execution);
		gate.open();
		expect(n8n.storedStaticData).toEqual({ lastEventId: inFlight[0], resumeAfterEventId: done[4] });
		const whileDown = emitEvents(emulator, 4);

		const second = await activate(n8n, gate);
		await second.until(() => n8n.executions.length === 10, 'the replay');
		const live = emitEvents(emulator, 2);
		await second.until(() => n8n.executions.length === 12, 'new events');

		expect(n8n.executedIds()).toEqual([...done, ...inFlight, ...whileDown, ...live]);
		expect(n8n.duplicates.map((execution) => execution.items[0].event_id)).toEqual(
			lost ? [] : inFlight,
		);
		expect(lastEventIdHeader(streamRequests(emulator)[1])).toBe(done[4]);
		await second.close();
	});

	it('replays a batch that was in flight with the same events, so n8n recognises it', async () => {
		const n8n = new N8nStandIn();
		const gate = new ExecutionGate();
		const parameters = fastParameters({ output: 'batch', batchSize: 5 });
		const first = await activate(n8n, gate, parameters);
		const done = emitEvents(emulator, 4);
		await first.until(() => n8n.executedIds().length === 4, 'the first batch');
		gate.holdNext();
		// One server flush of three events: one batch of three.
		const inFlight = emitEvents(emulator, 3);
		await first.until(() => gate.held !== undefined, 'the second batch to start');
		await first.close();
		gate.open();
		const whileDown = emitEvents(emulator, 6);

		// The replay arrives in server batches of five, which cut across the old batch.
		const second = await activate(n8n, gate, parameters);
		// 13 distinct events, of which the in-flight three were emitted twice (executed or refused).
		const emitted = () =>
			n8n.executedIds().length + n8n.duplicates.flatMap((execution) => execution.items).length;
		await second.until(() => emitted() >= 16, 'the replay');

		expect(n8n.executedIds()).toEqual([...done, ...inFlight, ...whileDown]);
		expect(n8n.duplicates[0].items.map((item) => item.event_id)).toEqual(inFlight);
		const sizes = n8n.executions.map((execution) => execution.items.length);
		expect(sizes.slice(0, 2)).toEqual([4, 3]);
		expect(Math.max(...sizes)).toBeLessThanOrEqual(5);
		await second.close();
	});

	it('resumes after a clean deactivation without running any event twice', async () => {
		const n8n = new N8nStandIn();
		const gate = new ExecutionGate();
		const first = await activate(n8n, gate);
		const before = emitEvents(emulator, 3);
		await first.until(() => n8n.executions.length === 3, 'the events');
		await first.close();
		const whileInactive = emitEvents(emulator, 3);

		const second = await activate(n8n, gate);
		await second.until(() => n8n.executions.length === 6, 'the missed events');
		expect(n8n.executedIds()).toEqual([...before, ...whileInactive]);
		// The last unit is re-emitted once, and n8n refuses it by its key.
		expect(n8n.duplicates.map((execution) => execution.items[0].event_id)).toEqual([before[2]]);
		await second.close();
	});

	it('starts after the configured event id on the first activation only', async () => {
		const old = emitEvents(emulator, 4);
		const n8n = new N8nStandIn();
		const gate = new ExecutionGate();
		const parameters = fastParameters({ options: { startAfterEventId: old[1] } });
		const first = await activate(n8n, gate, parameters);
		await first.until(() => n8n.executions.length === 2, 'the replay after the start position');
		await first.close();

		const second = await activate(n8n, gate, parameters);
		const fresh = emitEvents(emulator, 1);
		await second.until(() => n8n.executions.length === 3, 'the new event');
		expect(n8n.executedIds()).toEqual([old[2], old[3], ...fresh]);
		expect(streamRequests(emulator).map(lastEventIdHeader)).toEqual([old[1], old[2]]);
		await second.close();
	});
});

describe('event stream trigger: n8n without execution deduplication keys', () => {
	it('resumes after the last emitted event, so a clean restart repeats nothing', async () => {
		const n8n = new N8nStandIn();
		const activateLegacy = async () => {
			const trigger = await n8n.activate({
				parameters: fastParameters(),
				credentials: credentialsOf(emulator),
				legacyEmit: true,
			});
			await trigger.until(() => emulator.control.sse.openConnections() === 1, 'the stream to open');
			return trigger;
		};
		const first = await activateLegacy();
		const before = emitEvents(emulator, 3);
		await first.until(() => n8n.executions.length === 3, 'the events');
		await first.close();
		const whileInactive = emitEvents(emulator, 2);

		const second = await activateLegacy();
		await second.until(() => n8n.executions.length === 5, 'the missed events');
		expect(n8n.executedIds()).toEqual([...before, ...whileInactive]);
		expect(n8n.executions.every((execution) => execution.deduplicationKey === undefined)).toBe(
			true,
		);
		expect(lastEventIdHeader(streamRequests(emulator)[1])).toBe(before[2]);
		await second.close();
	});
});

describe('event stream trigger: backpressure', () => {
	it('starts the next execution only when n8n has finished the previous one', async () => {
		const n8n = new N8nStandIn();
		const gate = new ExecutionGate();
		const tap = new BodyTap();
		const trigger = await activate(n8n, gate, fastParameters(), tap);
		gate.holdNext();
		let pullsWhenHeld = -1;
		gate.onHold = () => {
			pullsWhenHeld = tap.pulls;
		};
		const ids = emitEvents(emulator, 50);
		await trigger.until(() => gate.held !== undefined, 'the first execution');
		// Delivering and reading on involve no I/O or timer, only promise continuations: once a
		// setImmediate has run, a trigger that did not wait for the held execution would have started
		// the rest of its chunk and asked the stream for more.
		await new Promise((resolve) => setImmediate(resolve));
		expect(n8n.executions).toHaveLength(1);
		expect(tap.pulls).toBe(pullsWhenHeld);

		gate.open();
		await trigger.until(() => n8n.executions.length === 50, 'the other executions');
		expect(n8n.executedIds()).toEqual(ids);
		await trigger.close();
	});
});
