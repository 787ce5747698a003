import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort } from '../n8n/free-port';
import {
	type RunningReceiver,
	silentLogger,
	startReceiver,
} from '../../webhook-receiver/src/index';
import { type ApiTarget, callApi } from './api';

/**
 * The production shape of example 3: VideoVector → the webhook receiver (verifies, stores, retries)
 * → the VideoVector Trigger in "Via Webhook Receiver" mode. Subscribes the receiver at the API
 * (the emulator only delivers to loopback URLs; the real service needs a public https one), then
 * starts it with that subscription's secret and one route to the n8n trigger.
 */

export interface ReceiverLink {
	receiver: RunningReceiver;
	/** The API subscription that delivers to the receiver. */
	subscriptionId: string;
	close(): Promise<void>;
}

export interface ReceiverLinkOptions {
	events: string[];
	/** The trigger's production URL, e.g. `<n8n>/webhook/<webhookId>/webhook`. */
	targetUrl: string;
	/** The Standard Webhooks secret shared with the trigger's receiver credential. */
	targetSecret: string;
	/** Receiver port (0: any free one). */
	port?: number;
	/** Persistent queue folder; a fresh temporary one (removed on close) when omitted. */
	dataDir?: string;
}

/** A Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newReceiverSecret(): string {
	return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * Links a receiver on `options.port`, or on a free port when none is given. A free port can be taken
 * by another process before the receiver binds it (the machine is shared): then the subscription is
 * dropped and a new port tried.
 */
export async function linkReceiver(
	api: ApiTarget,
	options: ReceiverLinkOptions,
): Promise<ReceiverLink> {
	if (options.port) return linkReceiverOnPort(api, options, options.port);
	for (let attempt = 1; ; attempt++) {
		try {
			return await linkReceiverOnPort(api, options, await freePort());
		} catch (error) {
			if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
		}
	}
}

async function linkReceiverOnPort(
	api: ApiTarget,
	options: ReceiverLinkOptions,
	port: number,
): Promise<ReceiverLink> {
	const ingestPath = '/webhooks/videovector';
	const subscription = await callApi<{ webhook_id: string; secret: string }>(
		api,
		'POST',
		'/webhooks',
		{
			name: 'VideoVector webhook receiver',
			url: `http://127.0.0.1:${port}${ingestPath}`,
			events: options.events,
		},
	);
	const ownDataDir = options.dataDir === undefined;
	const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'vv-example-receiver-'));
	try {
		const receiver = await startReceiver(
			{
				listen: { host: '127.0.0.1', port },
				path: ingestPath,
				secrets: [subscription.secret],
				webhookIds: [subscription.webhook_id],
				routes: [
					{
						name: 'n8n',
						events: options.events,
						targets: [
							{ name: 'n8n-trigger', url: options.targetUrl, secret: options.targetSecret },
						],
					},
				],
				// n8n restarts take 10–20 s: keep retrying for minutes, at most 2 s apart.
				retry: { maxAttempts: 200, baseDelayMs: 100, maxDelayMs: 2_000 },
				dataDir,
				shutdownGraceMs: 2_000,
				log: { level: 'silent' },
			},
			{ logger: silentLogger, idlePollMs: 200 },
		);
		return {
			receiver,
			subscriptionId: subscription.webhook_id,
			close: async () => {
				await receiver.close();
				await callApi(api, 'DELETE', `/webhooks/${subscription.webhook_id}`).catch(() => undefined);
				if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await callApi(api, 'DELETE', `/webhooks/${subscription.webhook_id}`).catch(() => undefined);
		if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
		throw error;
	}
}
