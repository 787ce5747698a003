/** The emulator set up for event-stream tests: empty account, instant `retry:`, no heartbeats unless asked. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startEmulator, type RunningEmulator } from '../../../../emulator/app';
import type { EmitFields } from '../../../../emulator/core/event-bus';
import type { LoggedRequest } from '../../../../emulator/core/request-log';

export const STREAM_PATH = '/processing/events/stream';
/** Replays everything the emulator ever issued (its ids start at 1). */
export const FROM_THE_START = '000000000000';

export async function startStreamEmulator(seed: string): Promise<RunningEmulator> {
	const emulator = await startEmulator({ seed: 'empty', randomSeed: seed });
	emulator.control.config.update({ sse: { retryMs: 1, heartbeatMs: 0 } });
	return emulator;
}

export function credentialsOf(emulator: RunningEmulator): ICredentialDataDecryptedObject {
	return { authentication: 'apiKey', apiKey: emulator.apiKey, baseUrl: emulator.baseUrl };
}

/** Emits `count` events of one type; returns their ids. */
export function emitEvents(
	emulator: RunningEmulator,
	count: number,
	eventType = 'segment.completed',
	fields: EmitFields = {},
): string[] {
	return Array.from({ length: count }, () => emulator.control.events.emit(eventType, fields));
}

export function streamRequests(emulator: RunningEmulator): LoggedRequest[] {
	return emulator.control.requests.list({ method: 'GET', path: STREAM_PATH });
}

export function lastEventIdHeader(request: LoggedRequest): string | undefined {
	const value = request.headers['last-event-id'];
	return Array.isArray(value) ? value[0] : value;
}

/** Parameters of a trigger that reconnects quickly (tests must not wait for production delays). */
export function fastParameters(
	extra: {
		output?: string;
		batchSize?: number;
		events?: string[];
		indexIds?: string[];
		filters?: object;
		options?: object;
	} = {},
): Record<string, unknown> {
	return {
		events: extra.events ?? ['*'],
		indexIds: extra.indexIds ?? [],
		output: extra.output ?? 'eachEvent',
		batchSize: extra.batchSize ?? 50,
		filters: extra.filters ?? {},
		options: { maxReconnectDelaySeconds: 0.05, ...extra.options },
	};
}
