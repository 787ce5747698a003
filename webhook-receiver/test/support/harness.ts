import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach } from 'vitest';

import type { ReceiverConfigInput } from '../../src/config/schema';
import { silentLogger } from '../../src/log/logger';
import { startReceiver, type ReceiverOptions, type RunningReceiver } from '../../src/receiver';
import { seededRandom } from '../../src/time/random';
import { SECRET, WEBHOOK_ID } from './deliveries';

/** Registers an afterEach that runs every cleanup added during the test, last first. */
export function cleanupAfterEach(): (cleanup: () => unknown) => void {
	const pending: Array<() => unknown> = [];
	afterEach(async () => {
		while (pending.length > 0) await pending.pop()?.();
	});
	return (cleanup) => {
		pending.push(cleanup);
	};
}

export function makeTempDir(track: (cleanup: () => unknown) => void): string {
	const dir = mkdtempSync(join(tmpdir(), 'vv-receiver-'));
	track(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

export const ADMIN_TOKEN = 'admin-token-for-tests-0001';

/** A config for one target on 127.0.0.1 with fast retries; tests override what they exercise. */
export function testConfig(
	dataDir: string,
	targetUrl: string,
	overrides: Partial<ReceiverConfigInput> = {},
): ReceiverConfigInput {
	return {
		listen: { host: '127.0.0.1', port: 0 },
		secrets: [SECRET],
		webhookIds: [WEBHOOK_ID],
		routes: [{ targets: [{ name: 'flow', url: targetUrl }] }],
		retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 100 },
		dataDir,
		adminToken: ADMIN_TOKEN,
		shutdownGraceMs: 2000,
		...overrides,
	};
}

/** An in-process receiver with a silent logger and seeded jitter, closed after the test. */
export async function startTestReceiver(
	track: (cleanup: () => unknown) => void,
	config: ReceiverConfigInput,
	options: ReceiverOptions = {},
): Promise<RunningReceiver> {
	const receiver = await startReceiver(config, {
		logger: silentLogger,
		random: seededRandom(7),
		idlePollMs: 50,
		...options,
	});
	track(() => receiver.close());
	return receiver;
}

export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` };
