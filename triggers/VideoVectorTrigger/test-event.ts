import type { IHookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { WebhookApi } from './webhook-api';

/**
 * n8n registers the editor's test listener in two steps around `create` (docs/n8n.md#test-mode):
 * the URL first, the node's static data — and so the new signing secret — only after `create`
 * returned. A test delivery that arrives in between is refused (401) without starting anything,
 * so the request waits a moment and is repeated a few times while the answer says "not yet".
 */
const FIRST_WAIT_MS = 300;
const RETRY_WAIT_MS = 700;
const ATTEMPTS = 4;
/** What n8n answers before the listener is complete: unknown URL, or not yet our secret. */
const NOT_READY = new Set([401, 404]);

async function sendUntilReceived(hook: IHookFunctions, api: WebhookApi, webhookId: string) {
	await sleep(FIRST_WAIT_MS);
	for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
		const outcome = await api.sendTest(webhookId);
		if (outcome.success) {
			hook.logger.info(`VideoVector Trigger: VideoVector sent a test event to ${webhookId}`);
			return;
		}
		if (outcome.statusCode === undefined || !NOT_READY.has(outcome.statusCode)) break;
		if (attempt < ATTEMPTS) await sleep(RETRY_WAIT_MS);
	}
	hook.logger.warn(
		`VideoVector Trigger: the test event VideoVector sent to webhook subscription ${webhookId} did not arrive; trigger a real event (e.g. run a prompt) instead`,
	);
}

/**
 * "Listen for test event": asks VideoVector for a signed `webhook.test` delivery so the editor shows
 * data at once. Not awaited — `create` must return before n8n completes the listener — and never
 * throws: without the test event the listener still waits for real events.
 */
export function requestTestEvent(hook: IHookFunctions, api: WebhookApi, webhookId: string): void {
	void sendUntilReceived(hook, api, webhookId).catch((error: unknown) => {
		const reason = error instanceof Error ? error.message : String(error);
		hook.logger.warn(`VideoVector Trigger: could not ask VideoVector for a test event (${reason})`);
	});
}
