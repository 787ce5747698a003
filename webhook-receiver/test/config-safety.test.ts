import { describe, expect, it } from 'vitest';

import { ConfigError, loadReceiverConfig } from '../src/config/load';
import { createJsonLogger } from '../src/log/logger';
import { childEnv, spawnReceiver } from './support/child-receiver';
import { deliveryHeaders } from './support/deliveries';
import { cleanupAfterEach, makeTempDir, startTestReceiver, testConfig } from './support/harness';
import { post } from './support/http-client';
import { startTarget } from './support/target-server';

const track = cleanupAfterEach();

const minimalEnv = {
	RECEIVER_SECRETS: 'a-long-enough-secret',
	RECEIVER_WEBHOOK_IDS: 'wh_1',
	RECEIVER_TARGET_URLS: 'https://n8n.example.com/webhook/a',
};

function configError(env: Record<string, string | undefined>): string {
	try {
		loadReceiverConfig({ env });
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as Error).message;
	}
	throw new Error('expected a ConfigError');
}

describe('configuration that cannot be wrong silently', () => {
	it('a malformed target URL is a ConfigError naming the key, and the CLI exits 78', async () => {
		expect(configError({ ...minimalEnv, RECEIVER_TARGET_URLS: 'not a url' })).toContain(
			'routes[0].targets[0].url (from RECEIVER_TARGET_URLS)',
		);
		const started = spawnReceiver(childEnv(makeTempDir(track), 'http//missing-colon'), track);
		await expect(started).rejects.toThrow(
			/Receiver exited \(78\).*routes\[0\]\.targets\[0\]\.url/s,
		);
	});

	it('refuses plain http:// targets off loopback unless explicitly allowed', () => {
		expect(
			configError({ ...minimalEnv, RECEIVER_TARGET_URLS: 'http://n8n.internal:5678/webhook/a' }),
		).toMatch(/routes\[0\]\.targets\[0\]\.url.*https/);
		for (const url of [
			'http://127.0.0.1:5678/webhook/a',
			'http://localhost:5678/x',
			'http://[::1]:5678/x',
		]) {
			expect(
				loadReceiverConfig({ env: { ...minimalEnv, RECEIVER_TARGET_URLS: url } }).routes[0]!
					.targets[0]!.url,
			).toBe(url);
		}
		const allowed = loadReceiverConfig({
			env: {
				...minimalEnv,
				RECEIVER_TARGET_URLS: 'http://n8n.internal:5678/webhook/a',
				RECEIVER_FORWARD_ALLOW_HTTP: 'true',
			},
		});
		expect(allowed.forward.allowHttp).toBe(true);
	});

	it('refuses signing secrets shorter than 16 bytes', () => {
		expect(configError({ ...minimalEnv, RECEIVER_SECRETS: 'short-secret' })).toContain(
			'secrets[0] (from RECEIVER_SECRETS)',
		);
		expect(configError({ ...minimalEnv, RECEIVER_SECRETS: '[{"secret":"tiny"}]' })).toContain(
			'secrets[0].secret',
		);
	});

	it('the log scrubber also removes secrets as they appear JSON-escaped', () => {
		const lines: string[] = [];
		const secret = 'quote"and\\backslash-secret';
		const logger = createJsonLogger({
			level: 'info',
			knownSecrets: [secret],
			write: (line) => lines.push(line),
		});
		logger.info('test.line', { echoed: `target said ${secret}` });
		expect(lines[0]).not.toContain(JSON.stringify(secret).slice(1, -1));
		expect(lines[0]).toContain('[REDACTED]');
	});

	it('refuses at ingest an event id or name that cannot be an HTTP header value', async () => {
		const target = await startTarget();
		track(() => target.close());
		const receiver = await startTestReceiver(track, testConfig(makeTempDir(track), target.url));
		const now = new Date().toISOString();
		for (const [id, event] of [
			['evt_bad\nline', 'prompt_run.completed'],
			['evt_ok', 'prompt_run.completed\r\nx-injected: 1'],
			['evt_é', 'export.ready'],
		]) {
			const body = JSON.stringify({ id, event, data: {}, created_at: now });
			const headers = deliveryHeaders(body, { deliveryId: 'unused' });
			delete headers['x-delivery-id'];
			const response = await post(receiver.deliveryUrl, body, headers);
			expect(response.status).toBe(400);
			expect(response.json()).toMatchObject({ error: 'invalid_envelope' });
		}
	});
});
