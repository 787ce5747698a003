/**
 * Starting and stopping: refused credentials stop the trigger instead of looping, deactivation closes
 * the connection at once and leaves nothing running, an expired resume position is never skipped
 * silently, and "listen for test event" returns the first matching event.
 */
import { NodeApiError } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator/app';
import { N8nStandIn } from './support/n8n-stand-in';
import {
	credentialsOf,
	emitEvents,
	fastParameters,
	startStreamEmulator,
	streamRequests,
} from './support/stream-emulator';

let emulator: RunningEmulator;

beforeEach(async () => {
	emulator = await startStreamEmulator('sse-trigger-lifecycle');
});

afterEach(async () => {
	await emulator.close();
});

/** A key created through the API (JWT only), so it can be given scopes and revoked. */
async function createKey(scopes: string[]): Promise<{ keyId: string; key: string }> {
	const response = await fetch(`${emulator.baseUrl}/api-keys`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${emulator.bearerToken}`,
			'content-type': 'application/json',
		},
		body: JSON.stringify({ name: 'sse trigger test', scopes }),
	});
	const body = (await response.json()) as { key_id: string; key: string };
	return { keyId: body.key_id, key: body.key };
}

async function revokeKey(keyId: string): Promise<void> {
	await fetch(`${emulator.baseUrl}/api-keys/${keyId}/revoke`, {
		method: 'POST',
		headers: { authorization: `Bearer ${emulator.bearerToken}` },
	});
}

/** fastParameters' longest reconnect wait: 0.05 s plus the backoff's 30 % jitter. */
const RECONNECT_CEILING_MS = 50 * 1.3;

function activeTimeouts(): number {
	return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

describe('event stream trigger: refused credentials', () => {
	it('fails the activation on a refused key, with the API message and the fix, and does not retry', async () => {
		const n8n = new N8nStandIn();
		const activation = n8n.activate({
			parameters: fastParameters(),
			credentials: { ...credentialsOf(emulator), apiKey: `sk_live_${'0'.repeat(48)}` },
		});
		const error = await activation.then(
			() => undefined,
			(failure: unknown) => failure,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect((error as NodeApiError).description).toMatch(/refused: it is wrong, revoked or expired/);
		expect(JSON.stringify(error)).not.toContain('0'.repeat(48));
		expect(streamRequests(emulator)).toHaveLength(1);
		expect(emulator.control.sse.openConnections()).toBe(0);
	});

	it('fails the activation on a key without read scope (403)', async () => {
		const { key } = await createKey(['search']);
		const n8n = new N8nStandIn();
		const error = await n8n
			.activate({
				parameters: fastParameters(),
				credentials: { ...credentialsOf(emulator), apiKey: key },
			})
			.then(
				() => undefined,
				(failure: unknown) => failure as NodeApiError,
			);
		expect(error?.httpCode).toBe('403');
		expect(error?.description).toMatch(/"read" scope/);
		expect(streamRequests(emulator)).toHaveLength(1);
	});

	it('stops with emitError when the key is revoked while it runs, instead of reconnecting forever', async () => {
		const { keyId, key } = await createKey(['read']);
		const n8n = new N8nStandIn();
		// Counted as the trigger calls n8n's HTTP helper, before any byte goes on the wire.
		let connects = 0;
		const trigger = await n8n.activate({
			parameters: fastParameters(),
			credentials: { ...credentialsOf(emulator), apiKey: key },
			intercept: async (options, send) => {
				connects += 1;
				return await send(options);
			},
		});
		const ids = emitEvents(emulator, 2);
		await trigger.until(() => n8n.executions.length === 2, 'the events');

		await revokeKey(keyId);
		emulator.control.sse.streamError('internal_error', 'restart');
		await trigger.until(() => trigger.errors.length === 1, 'the trigger to report the refusal');

		expect((trigger.errors[0] as NodeApiError).httpCode).toBe('401');
		expect(n8n.executedIds()).toEqual(ids);
		const connectsAtError = connects;
		// A trigger that went on would arm its reconnect wait (n8n-workflow's sleep) by now, for at most
		// the backoff ceiling. A timer armed after it for longer expires after it, Node runs due timers
		// in order of expiry, and the reconnect reaches `intercept` in the microtasks of its own timer:
		// so when this wait ends, a reconnect would have been counted, however loaded the machine is.
		await new Promise((resolve) => setTimeout(resolve, 2 * RECONNECT_CEILING_MS));
		expect(connects).toBe(connectsAtError);
		expect(streamRequests(emulator)).toHaveLength(connectsAtError);
		expect(emulator.control.sse.openConnections()).toBe(0);
	});
});

describe('event stream trigger: deactivation', () => {
	it('closes the connection at once and leaves no timer behind', async () => {
		// Warm up the HTTP client so its own pooled timers exist before counting.
		await fetch(`${emulator.baseUrl}/auth/validate`, { headers: { 'x-api-key': emulator.apiKey } });
		const before = activeTimeouts();
		const n8n = new N8nStandIn();
		const trigger = await n8n.activate({
			parameters: fastParameters({ options: { heartbeatTimeoutSeconds: 30 } }),
			credentials: credentialsOf(emulator),
		});
		await trigger.until(() => emulator.control.sse.openConnections() === 1, 'the stream to open');
		expect(activeTimeouts()).toBeGreaterThan(before);

		await trigger.close();
		await trigger.until(
			() => emulator.control.sse.openConnections() === 0,
			'the server to see the close',
		);
		expect(activeTimeouts()).toBeLessThanOrEqual(before);
		emitEvents(emulator, 2);
		await new Promise((resolve) => setImmediate(resolve));
		expect(n8n.executions).toEqual([]);
		expect(streamRequests(emulator)).toHaveLength(1);
	});

	it('closes during a reconnect wait without reconnecting', async () => {
		// The server asks for a 60 s reconnect delay; closing must not wait for it.
		emulator.control.config.update({ sse: { retryMs: 60_000 } });
		const before = activeTimeouts();
		const n8n = new N8nStandIn();
		const trigger = await n8n.activate({
			parameters: fastParameters({ options: { heartbeatTimeoutSeconds: 0 } }),
			credentials: credentialsOf(emulator),
		});
		await trigger.until(() => emulator.control.sse.openConnections() === 1, 'the stream to open');
		emulator.control.sse.streamError('internal_error', 'restart');
		await trigger.until(
			() => trigger.logs.some((line) => /reconnecting/.test(line.message)),
			'the trigger to wait for its reconnect',
		);

		await trigger.close();
		await new Promise((resolve) => setImmediate(resolve));
		expect(activeTimeouts()).toBeLessThanOrEqual(before);
		expect(streamRequests(emulator)).toHaveLength(1);
		expect(emulator.control.sse.openConnections()).toBe(0);
	});
});

describe('event stream trigger: expired resume position', () => {
	async function expiredSetup(): Promise<{ n8n: N8nStandIn; kept: string[] }> {
		emulator.control.config.update({ sse: { retention: 5 } });
		const ids = emitEvents(emulator, 20);
		const n8n = new N8nStandIn();
		// A previous activation had stopped at the third event; the server has since dropped it.
		n8n.storedStaticData = { lastEventId: ids[2], resumeAfterEventId: ids[2] };
		return { n8n, kept: ids.slice(15) };
	}

	it('stops with an error naming the position instead of skipping the gap', async () => {
		const { n8n } = await expiredSetup();
		const trigger = await n8n.activate({
			parameters: fastParameters(),
			credentials: credentialsOf(emulator),
		});
		await trigger.until(() => trigger.errors.length === 1, 'the error');

		expect(trigger.errors[0].message).toMatch(/cannot resume after event 000000000003/);
		expect(n8n.executions).toEqual([]);
		expect(streamRequests(emulator)).toHaveLength(1);
		await trigger.until(
			() => emulator.control.sse.openConnections() === 0,
			'the connection to close',
		);
	});

	it('when told to continue, reports the gap as a failed execution and follows new events', async () => {
		const { n8n } = await expiredSetup();
		const trigger = await n8n.activate({
			parameters: fastParameters({ options: { onResumeExpired: 'continue' } }),
			credentials: credentialsOf(emulator),
		});
		await trigger.until(
			() => trigger.failedExecutions.length === 1 && emulator.control.sse.openConnections() === 1,
			'the report and the live stream',
		);
		const fresh = emitEvents(emulator, 2);
		await trigger.until(() => n8n.executions.length === 2, 'the new events');

		expect(trigger.failedExecutions[0].message).toMatch(/cannot resume after event 000000000003/);
		expect(trigger.errors).toEqual([]);
		expect(n8n.executedIds()).toEqual(fresh);
		expect(n8n.storedStaticData.lastEventId).toBe(fresh[1]);
		await trigger.close();
	});
});

describe('event stream trigger: listen for test event', () => {
	it('returns the first matching event, closes the connection and stores nothing', async () => {
		const n8n = new N8nStandIn();
		emitEvents(emulator, 3);
		const trigger = await n8n.activate({
			parameters: fastParameters({ events: ['prompt_run.completed'] }),
			credentials: credentialsOf(emulator),
			mode: 'manual',
		});
		expect(streamRequests(emulator)).toHaveLength(0);
		const listening = trigger.listen();
		await trigger.until(() => emulator.control.sse.openConnections() === 1, 'the stream to open');
		emitEvents(emulator, 2, 'segment.completed');
		const [wanted] = emitEvents(emulator, 1, 'prompt_run.completed', { run_id: 'run_1' });
		emitEvents(emulator, 1, 'prompt_run.completed');
		await listening;

		expect(trigger.manualEmits).toHaveLength(1);
		expect(trigger.manualEmits[0]).toEqual([
			expect.objectContaining({
				event_id: wanted,
				event: 'prompt_run.completed',
				data: expect.objectContaining({ run_id: 'run_1' }),
			}),
		]);
		await trigger.until(
			() => emulator.control.sse.openConnections() === 0,
			'the connection to close',
		);
		await trigger.close();
		expect(n8n.executions).toEqual([]);
		expect(trigger.staticData).toEqual({});
	});

	it('reports a refused key to the editor', async () => {
		const n8n = new N8nStandIn();
		const trigger = await n8n.activate({
			parameters: fastParameters(),
			credentials: { ...credentialsOf(emulator), apiKey: `sk_live_${'1'.repeat(48)}` },
			mode: 'manual',
		});
		await trigger.listen();
		expect((trigger.errors[0] as NodeApiError).httpCode).toBe('401');
		expect(streamRequests(emulator)).toHaveLength(1);
	});
});
