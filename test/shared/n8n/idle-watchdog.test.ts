/**
 * The one idle watchdog shared by the bounded SSE read (counts events) and the event-stream trigger
 * (counts bytes): it fires only after a full quiet period, restarting postpones it, stopping and
 * disabling keep it silent. Then both policies through the chunk reader the trigger uses.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { startIdleWatchdog } from '../../../shared/n8n/idle-watchdog';
import {
	readNextChunk,
	type StreamChunk,
} from '../../../triggers/VideoVectorSseTrigger/chunk-reader';

// The watchdog counts on n8n-workflow's `sleep` (setTimeout underneath): fake timers make "200 ms
// of quiet" a fact the test sets, not a pause a CPU-starved event loop could stretch past it.
const pause = async (ms: number) => await vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	vi.useRealTimers();
});

describe('startIdleWatchdog', () => {
	it('fires after the idle time with no activity', async () => {
		const watchdog = startIdleWatchdog(30);
		await pause(29);
		expect(watchdog.signal.aborted).toBe(false);
		await pause(1);
		expect(watchdog.signal.aborted).toBe(true);
	});

	it('does not fire while activity keeps restarting it, and fires after a full quiet period', async () => {
		const watchdog = startIdleWatchdog(200);
		for (let beat = 0; beat < 6; beat++) {
			await pause(150);
			watchdog.restart();
		}
		expect(watchdog.signal.aborted).toBe(false);
		await pause(199);
		expect(watchdog.signal.aborted).toBe(false);
		await pause(1);
		expect(watchdog.signal.aborted).toBe(true);
	});

	it('never fires once stopped', async () => {
		const watchdog = startIdleWatchdog(20);
		watchdog.stop();
		await pause(80);
		expect(watchdog.signal.aborted).toBe(false);
		expect(vi.getTimerCount()).toBe(0);
	});

	it.each([undefined, 0, -5])('is disabled for idle time %s', async (idleMs) => {
		const watchdog = startIdleWatchdog(idleMs);
		watchdog.restart();
		await pause(50);
		expect(watchdog.signal.aborted).toBe(false);
		expect(vi.getTimerCount()).toBe(0);
	});
});

/** An iterator whose chunks arrive only when the test pushes them. */
function manualStream(): { chunks: AsyncIterator<StreamChunk>; push(chunk: StreamChunk): void } {
	const waiting: Array<(result: IteratorResult<StreamChunk>) => void> = [];
	return {
		chunks: { next: async () => await new Promise((resolve) => waiting.push(resolve)) },
		push: (chunk) => waiting.shift()?.({ done: false, value: chunk }),
	};
}

describe('readNextChunk (the trigger counts every byte)', () => {
	it('a heartbeat comment is a chunk, so it keeps the connection alive', async () => {
		const stream = manualStream();
		const read = readNextChunk(stream.chunks, 200, new AbortController().signal);
		await pause(199);
		stream.push(': heartbeat\n\n');
		await expect(read).resolves.toEqual({ kind: 'chunk', chunk: ': heartbeat\n\n' });
	});

	it('reports idle when not a byte arrives within the watchdog time', async () => {
		const stream = manualStream();
		const read = readNextChunk(stream.chunks, 30, new AbortController().signal);
		await pause(30);
		await expect(read).resolves.toEqual({ kind: 'idle' });
	});

	it('reports the trigger closing before the watchdog fires', async () => {
		const stream = manualStream();
		const closing = new AbortController();
		const read = readNextChunk(stream.chunks, 10_000, closing.signal);
		closing.abort();
		await expect(read).resolves.toEqual({ kind: 'aborted' });
	});
});
