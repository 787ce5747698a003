import { sleep } from 'n8n-workflow';

import { ABORTED, unlessAborted } from '../../shared/n8n/abort-timer';

export type StreamChunk = Uint8Array | string;

/**
 * What waiting for the next piece of the stream ended with. `idle`: no byte (not even a heartbeat
 * comment) arrived within the watchdog time, so the connection is presumed dead; `broken`: the
 * connection failed; `aborted`: the trigger is closing.
 */
export type ChunkRead =
	| { kind: 'chunk'; chunk: StreamChunk }
	| { kind: 'end' }
	| { kind: 'idle' }
	| { kind: 'broken'; error: unknown }
	| { kind: 'aborted' };

const END: ChunkRead = { kind: 'end' };
const IDLE: ChunkRead = { kind: 'idle' };
const CLOSING: ChunkRead = { kind: 'aborted' };

/**
 * Reads the next chunk, racing it against the heartbeat watchdog. Community nodes may not use timers,
 * so the watchdog is n8n-workflow's abortable `sleep`, cancelled as soon as the chunk wins: nothing is
 * left pending. `watchdogMs` 0 disables the watchdog.
 */
export async function readNextChunk(
	chunks: AsyncIterator<StreamChunk>,
	watchdogMs: number,
	signal: AbortSignal,
): Promise<ChunkRead> {
	const next = chunks.next().then(
		(result): ChunkRead => (result.done ? END : { kind: 'chunk', chunk: result.value }),
		(error: unknown): ChunkRead => ({ kind: 'broken', error }),
	);
	if (watchdogMs <= 0) return await closingOr(next, signal);
	const watchdog = new AbortController();
	// A cancelled watchdog settles too; by then the race is already decided by the chunk.
	const idle = sleep(watchdogMs, watchdog.signal).then(
		() => IDLE,
		() => IDLE,
	);
	try {
		return await closingOr(Promise.race([next, idle]), signal);
	} finally {
		watchdog.abort();
	}
}

async function closingOr(read: Promise<ChunkRead>, signal: AbortSignal): Promise<ChunkRead> {
	const result = await unlessAborted(read, signal);
	return result === ABORTED ? CLOSING : result;
}
