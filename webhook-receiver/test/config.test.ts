import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, loadReceiverConfig } from '../src/config/load';
import { childEnv, spawnReceiver } from './support/child-receiver';
import { cleanupAfterEach, makeTempDir } from './support/harness';

const track = cleanupAfterEach();

const minimalEnv = {
	RECEIVER_SECRETS: 'secret-one-0123456789',
	RECEIVER_WEBHOOK_IDS: 'wh_1',
	RECEIVER_TARGET_URLS: 'http://127.0.0.1:5678/webhook/a',
};

function configError(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as Error).message;
	}
	throw new Error('expected a ConfigError');
}

describe('configuration', () => {
	it('fills defaults from a minimal environment', () => {
		const config = loadReceiverConfig({ env: minimalEnv });
		expect(config.listen).toEqual({
			host: '127.0.0.1',
			port: 8787,
			headersTimeoutMs: 10_000,
			requestTimeoutMs: 30_000,
			keepAliveTimeoutMs: 5_000,
			maxConnections: 1_024,
		});
		expect(config.secrets).toEqual([{ secret: 'secret-one-0123456789' }]);
		expect(config.routes).toEqual([
			{
				events: ['prompt_run.*', 'export.*'],
				targets: [{ url: 'http://127.0.0.1:5678/webhook/a', headers: {} }],
			},
		]);
		expect(config.retry).toEqual({
			maxAttempts: 8,
			baseDelayMs: 1000,
			maxDelayMs: 300_000,
			jitterRatio: 0.3,
		});
		expect(config.bodyLimitBytes).toBe(1024 * 1024);
		expect(config.groupCommit).toEqual({
			maxBatch: 1024,
			windowMs: 0,
			thread: 'worker',
			pipelineDepth: 1,
		});
		expect(
			loadReceiverConfig({ env: { ...minimalEnv, RECEIVER_GROUP_COMMIT_THREAD: 'worker' } })
				.groupCommit.thread,
		).toBe('worker');
	});

	it('reads a JSON file and lets environment variables override it', () => {
		const dir = makeTempDir(track);
		const file = join(dir, 'receiver.json');
		writeFileSync(
			file,
			JSON.stringify({
				listen: { port: 9000 },
				secrets: [
					{ secret: 'new-secret-0123456789' },
					{ secret: 'old-secret-0123456789', validUntil: '2030-01-01T00:00:00Z' },
				],
				webhookIds: ['wh_1'],
				routes: [
					{
						events: ['export.ready'],
						indexIds: ['idx_1'],
						targets: [{ name: 'exports', url: 'https://n8n.example.com/webhook/x' }],
					},
				],
			}),
		);
		const config = loadReceiverConfig({ env: { RECEIVER_CONFIG: file, RECEIVER_PORT: '9100' } });
		expect(config.listen.port).toBe(9100);
		expect(config.secrets[1]).toEqual({
			secret: 'old-secret-0123456789',
			validUntil: '2030-01-01T00:00:00Z',
		});
		expect(config.routes[0]!.targets[0]!.name).toBe('exports');
	});

	it.each([
		[{ RECEIVER_PORT: '70000' }, 'listen.port (from RECEIVER_PORT)'],
		[{ RECEIVER_PORT: 'eighty' }, 'listen.port (from RECEIVER_PORT)'],
		[
			{ RECEIVER_TARGET_URLS: 'ftp://127.0.0.1/x' },
			'routes[0].targets[0].url (from RECEIVER_TARGET_URLS)',
		],
		[
			{
				RECEIVER_ROUTES:
					'[{"events":["prompt_run.**"],"targets":[{"url":"http://127.0.0.1:1/x"}]}]',
				RECEIVER_TARGET_URLS: undefined,
			},
			'routes[0].events[0]',
		],
		[{ RECEIVER_ADMIN_TOKEN: 'short' }, 'adminToken (from RECEIVER_ADMIN_TOKEN)'],
		[{ RECEIVER_LOG_BODIES: 'maybe' }, 'log.bodies (from RECEIVER_LOG_BODIES)'],
		[
			{ RECEIVER_GROUP_COMMIT_THREAD: 'both' },
			'groupCommit.thread (from RECEIVER_GROUP_COMMIT_THREAD)',
		],
		[{ RECEIVER_WEBHOOK_IDS: undefined }, 'webhookIds: is required'],
		[{ RECEIVER_SECRETS: '[{"secret":"s","validUntil":"tomorrow"}]' }, 'secrets[0].validUntil'],
	])('refuses %j with a message naming %s', (overrides, key) => {
		const env = { ...minimalEnv, ...overrides };
		expect(configError(() => loadReceiverConfig({ env }))).toContain(key);
	});

	it('refuses a target header the receiver owns and a target name reused for another URL', () => {
		const routes = [
			{
				targets: [
					{ name: 'a', url: 'http://127.0.0.1:1/x', headers: { 'webhook-signature': 'v1,forged' } },
				],
			},
			{ targets: [{ name: 'a', url: 'http://127.0.0.1:1/other' }] },
		];
		const message = configError(() =>
			loadReceiverConfig({
				env: {
					...minimalEnv,
					RECEIVER_TARGET_URLS: undefined,
					RECEIVER_ROUTES: JSON.stringify(routes),
				},
			}),
		);
		expect(message).toContain('routes[0].targets[0].headers.webhook-signature');
		expect(message).toContain('routes[1].targets[0].name');
	});

	it('does not echo secret values in configuration errors', () => {
		const message = configError(() =>
			loadReceiverConfig({
				env: { ...minimalEnv, RECEIVER_SECRETS: 'super-secret-value', RECEIVER_PORT: '-1' },
			}),
		);
		expect(message).not.toContain('super-secret-value');
	});

	it('makes the CLI exit non-zero with the key named on stderr', async () => {
		const dir = makeTempDir(track);
		const started = spawnReceiver(
			childEnv(dir, 'http://127.0.0.1:1/x', { RECEIVER_RETRY_MAX_ATTEMPTS: '0' }),
			track,
		);
		await expect(started).rejects.toThrow(
			/retry\.maxAttempts \(from RECEIVER_RETRY_MAX_ATTEMPTS\)/,
		);
	});
});
