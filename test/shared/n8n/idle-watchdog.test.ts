/**
 * The one idle watchdog shared by the bounded SSE read (counts events) and the event-stream trigger
 * (counts bytes): it fires only after a full quiet period, restarting postpones it, stopping and
 * disabling keep it silent. Then both policies through the chunk reader the trigger uses.
 */
import { describe, expect, it } from 'vitest';

import { startIdleWatchdog } from '../../../shared/n8n/idle-watchdog';
import {
	readNextChunk,
	type StreamChunk,
} from '../../../triggers/VideoVectorSseTrigger/chunk-reader';

const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('startIdleWatchdog', () => {
	it('fires after the idle time with no activity', async () => {
		const watchdog = startIdleWatchdog(30);
		expect(watchdog.signal.aborted).toBe(false);
		await pause(120);
		expect(watchdog.signal.aborted).toBe(true);
	});

	it('does not fire while activity keeps restarting it', async () => {
		const watchdog = startIdleWatchdog(200);
		for (let beat = 0; beat < 6; beat++) {
			await pause(50);
			watchdog.restart();
		}
		expect(watchdog.signal.aborted).toBe(false);
		watchdog.stop();
	});

	it('never fires once stopped', async () => {
		const watchdog = startIdleWatchdog(20);
		watchdog.stop();
		await pause(80);
		expect(watchdog.signal.aborted).toBe(false);
	});

	it.each([undefined, 0, -5])('is disabled for idle time %s', async (idleMs) => {
		const watchdog = startIdleWatchdog(idleMs);
		watchdog.restart();
		await pause(50);
		expect(watchdog.signal.aborted).toBe(false);
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
		await pause(20);
		stream.push(': heartbeat\n\n');
		await expect(read).resolves.toEqual({ kind: 'chunk', chunk: ': heartbeat\n\n' });
	});

	it('reports idle when not a byte arrives within the watchdog time', async () => {
		const stream = manualStream();
		await expect(readNextChunk(stream.chunks, 30, new AbortController().signal)).resolves.toEqual({
			kind: 'idle',
		});
	});

	it('reports the trigger closing before the watchdog fires', async () => {
		const stream = manualStream();
		const closing = new AbortController();
		const read = readNextChunk(stream.chunks, 10_000, closing.signal);
		closing.abort();
		await expect(read).resolves.toEqual({ kind: 'aborted' });
	});
});
