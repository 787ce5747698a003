import { ABORTED, unlessAborted } from '../../shared/n8n/abort-timer';
import { startIdleWatchdog } from '../../shared/n8n/idle-watchdog';

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
 * Reads the next chunk, racing it against the shared idle watchdog, started afresh for this wait:
 * every byte counts, so a heartbeat comment keeps the connection alive. The watchdog is stopped as
 * soon as the chunk wins, leaving nothing pending. `watchdogMs` 0 disables it.
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
	const watchdog = startIdleWatchdog(watchdogMs);
	try {
		const chunkOrIdle = unlessAborted(next, watchdog.signal).then((read) =>
			read === ABORTED ? IDLE : read,
		);
		return await closingOr(chunkOrIdle, signal);
	} finally {
		watchdog.stop();
	}
}

async function closingOr(read: Promise<ChunkRead>, signal: AbortSignal): Promise<ChunkRead> {
	const result = await unlessAborted(read, signal);
	return result === ABORTED ? CLOSING : result;
}
