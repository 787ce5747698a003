import { describe, expect, it } from 'vitest';

import type { WebhookDelivery } from '../../../shared/contract/schemas/webhooks';
import {
	isN8nStartupAnswer,
	N8N_STARTUP_ANSWER,
} from '../../../shared/webhooks/n8n-startup-answer';
import { RecoveryChecks } from '../../../triggers/VideoVectorTrigger/redeliver-unanswered';
import { TriggerState } from '../../../triggers/VideoVectorTrigger/trigger-state';
import { unansweredDeliveries } from '../../../triggers/VideoVectorTrigger/unanswered-deliveries';

const HOOK = 'wh_1';
const NOW = Date.parse('2026-12-07T12:00:00Z');
const ANSWERED = '{"received":true}';

/** A delivered entry of the log, completed `minute` minutes after 11:00. */
function delivered(
	id: string,
	body: string | null,
	minute: number,
	event = 'prompt_run.completed',
): WebhookDelivery {
	const at = new Date(Date.parse('2026-12-07T11:00:00Z') + minute * 60_000).toISOString();
	return {
		delivery_id: id,
		webhook_id: HOOK,
		status: 'delivered',
		response_status_code: 200,
		response_body: body,
		created_at: at,
		completed_at: at,
		payload: { id, event, data: { run_id: `run_${id}` }, created_at: at },
	} as WebhookDelivery;
}

function pick(log: WebhookDelivery[], answeredHere: string[] = []): string[] {
	return unansweredDeliveries(log, {
		webhookId: HOOK,
		state: new TriggerState({}),
		nowMs: NOW,
		answeredHere: (key) => answeredHere.map((id) => `${HOOK}/${id}`).includes(key),
	}).map((delivery) => delivery.delivery_id);
}

describe('deliveries n8n acknowledged while starting', () => {
	it("recognises n8n's start-up answer exactly", () => {
		expect(isN8nStartupAnswer(N8N_STARTUP_ANSWER)).toBe(true);
		expect(isN8nStartupAnswer(`${N8N_STARTUP_ANSWER}\n`)).toBe(true);
		expect(isN8nStartupAnswer(ANSWERED)).toBe(false);
		expect(isN8nStartupAnswer('n8n is starting up')).toBe(false);
		expect(isN8nStartupAnswer(null)).toBe(false);
	});

	it('picks the start-up answers newer than anything an earlier process answered, oldest first', () => {
		const log = [
			delivered('evt_after_restart', ANSWERED, 30),
			delivered('evt_window_2', N8N_STARTUP_ANSWER, 21),
			delivered('evt_window_1', N8N_STARTUP_ANSWER, 20),
			delivered('evt_before_stop', ANSWERED, 10),
			delivered('evt_old_window', N8N_STARTUP_ANSWER, 5),
		];
		// evt_after_restart was answered by this process: the start-up window is still uncovered.
		expect(pick(log, ['evt_after_restart'])).toEqual(['evt_window_1', 'evt_window_2']);
		// Answered by an earlier process: that one already recovered what came before it.
		expect(pick(log)).toEqual([]);
	});

	it('skips what this process answered, test events and envelopes too old to be accepted', () => {
		const log = [
			delivered('evt_window', N8N_STARTUP_ANSWER, 40),
			delivered('evt_window_here', N8N_STARTUP_ANSWER, 41),
			delivered('evt_test', N8N_STARTUP_ANSWER, 42, 'webhook.test'),
			delivered('evt_before', ANSWERED, 1),
		];
		expect(pick(log, ['evt_window_here'])).toEqual(['evt_window']);
		const stale = { ...delivered('evt_stale', N8N_STARTUP_ANSWER, 50) };
		stale.payload = { ...stale.payload!, created_at: '2026-12-05T11:00:00Z' };
		expect(pick([stale])).toEqual([]);
	});
});

describe('once per n8n process and trigger endpoint', () => {
	it('claims a scope once, again after a failed check releases it, and anew after a restart', () => {
		const checks = new RecoveryChecks();
		expect(checks.claim('wf|node|hook|production')).toBe(true);
		expect(checks.claim('wf|node|hook|production')).toBe(false);
		expect(checks.claim('wf|other|hook|production')).toBe(true);
		checks.release('wf|node|hook|production');
		expect(checks.claim('wf|node|hook|production')).toBe(true);
		checks.clear();
		expect(checks.claim('wf|other|hook|production')).toBe(true);
	});
});
