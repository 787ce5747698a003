/**
 * Verification overhead of the VideoVector Trigger per delivery: its whole check (header parsing,
 * secret selection, constant-time compare, envelope parse and schema check) against computing the
 * HMAC alone, measured in the same run on the same bytes. Run: `npm run bench -- trigger-verify`.
 */
import { createHmac } from 'node:crypto';

import { signApiWebhook } from '../shared/webhooks/api-signature';
import { decodeStandardSecret, standardWebhookHeaders } from '../shared/webhooks/standard-webhooks';
import {
	alreadySeen,
	rememberDelivery,
	type SeenDelivery,
} from '../triggers/VideoVectorTrigger/delivery-dedupe';
import {
	verifyApiDelivery,
	verifyReceiverDelivery,
} from '../triggers/VideoVectorTrigger/verify-delivery';
import { ratioOf, type BenchResult } from './result';

const ROUNDS = 7;
const ITERATIONS = 20_000;
/** Per delivery, the check must stay far below n8n's own webhook round trip (~70 ms p50 here). */
const ABSOLUTE_TARGET_US = 100;
/** Parsing and schema-checking a JSON envelope may cost a few HMACs, not orders of magnitude. */
const RATIO_TARGET = 15;

const SECRET = 'whsec_bench_current_secret_0123456789abcdef';
const PREVIOUS = 'whsec_bench_previous_secret_fedcba9876543210';
const RECEIVER_SECRET = `whsec_${Buffer.from('bench-receiver-secret-32-bytes!!').toString('base64')}`;

/** A realistic `prompt_run.completed` envelope with counters and echoed metadata (~450 bytes). */
const body = Buffer.from(
	JSON.stringify({
		id: 'dlv_8f3a1c2e4b5d6a7f',
		event: 'prompt_run.completed',
		data: {
			run_id: 'run_5b2c9e1f0a3d',
			prompt_id: 'prompt_77e1',
			index_id: 'idx_demo',
			status: 'completed',
			total_segments: 240,
			successful_segments: 238,
			failed_segments: 2,
			total_videos: 12,
		},
		api_version: '2024-01',
		created_at: '2026-04-20T10:00:00Z',
		metadata: { n8n_workflow_id: 'wf_123', n8n_node_id: '6c1f4f3e-9a1b-4c55-8f0e-2b7d1e3a9c44' },
	}),
);

const apiHeaders = {
	'content-type': 'application/json',
	'x-webhook-signature': signApiWebhook(SECRET, body),
	'x-webhook-id': 'wh_bench',
	'x-delivery-id': 'dlv_8f3a1c2e4b5d6a7f',
	'idempotency-key': 'dlv_8f3a1c2e4b5d6a7f',
	'x-delivery-attempt-id': 'att_1',
	'user-agent': 'VideoVector-Webhooks/2',
};

/** Mean time per call over one round, in microseconds. */
function round(fn: () => unknown): number {
	const start = process.hrtime.bigint();
	for (let i = 0; i < ITERATIONS; i++) fn();
	return Number(process.hrtime.bigint() - start) / 1_000 / ITERATIONS;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Candidate and baseline in alternating rounds (medians of each), so a change in machine load
 * during the run hits both alike and the ratio stays meaningful on a busy machine.
 */
function measurePair(
	candidate: () => unknown,
	baseline: () => unknown,
): { value: number; baseline: number } {
	for (let i = 0; i < 2_000; i++) {
		candidate();
		baseline();
	}
	const values: number[] = [];
	const baselines: number[] = [];
	for (let r = 0; r < ROUNDS; r++) {
		values.push(round(candidate));
		baselines.push(round(baseline));
	}
	return { value: median(values), baseline: median(baselines) };
}

function figure(
	name: string,
	{ value, baseline }: { value: number; baseline: number },
): BenchResult {
	const ratio = ratioOf(value, baseline);
	return {
		name,
		value: Number(value.toFixed(2)),
		unit: 'µs/delivery',
		baseline: Number(baseline.toFixed(2)),
		ratio,
		target: `<= ${ABSOLUTE_TARGET_US} µs and ratio <= ${RATIO_TARGET}`,
		pass: value <= ABSOLUTE_TARGET_US && ratio <= RATIO_TARGET,
	};
}

function assertAccepted(verdict: { ok: boolean }, what: string): void {
	if (!verdict.ok) throw new Error(`bench setup: ${what} was refused`);
}

/** The unavoidable work: one HMAC-SHA256 of the body per secret that has to be tried. */
function hmacs(secrets: readonly string[]): () => unknown {
	return () => secrets.map((secret) => createHmac('sha256', secret).update(body).digest());
}

export async function run(): Promise<BenchResult[]> {
	const current = {
		rawBody: body,
		headers: apiHeaders,
		subscriptions: [{ webhookId: 'wh_bench', secrets: [SECRET] }],
	};
	assertAccepted(verifyApiDelivery(current), 'the API delivery');
	const direct = measurePair(() => verifyApiDelivery(current), hmacs([SECRET]));

	// During a rotation overlap every accepted secret is tried (constant time): two HMACs.
	const overlap = {
		...current,
		subscriptions: [{ webhookId: 'wh_bench', secrets: [SECRET, PREVIOUS] }],
	};
	assertAccepted(verifyApiDelivery(overlap), 'the API delivery during the overlap');
	const directOverlap = measurePair(() => verifyApiDelivery(overlap), hmacs([SECRET, PREVIOUS]));

	const nowSeconds = 1_770_000_000;
	const receiverHeaders = standardWebhookHeaders([RECEIVER_SECRET], {
		id: 'dlv_8f3a1c2e4b5d6a7f',
		timestamp: nowSeconds,
		rawBody: body,
	});
	const receiverInput = {
		rawBody: body,
		headers: receiverHeaders,
		secrets: [RECEIVER_SECRET],
		nowSeconds,
	};
	assertAccepted(verifyReceiverDelivery(receiverInput), 'the receiver delivery');
	const receiverKey = decodeStandardSecret(RECEIVER_SECRET) as Uint8Array;
	const receiver = measurePair(
		() => verifyReceiverDelivery(receiverInput),
		() =>
			createHmac('sha256', receiverKey)
				.update(`dlv_8f3a1c2e4b5d6a7f.${nowSeconds}.`, 'utf8')
				.update(body)
				.digest(),
	);

	// The duplicate check that follows a valid signature, against a full memory of 1,000 ids.
	let seen: SeenDelivery[] = [];
	for (let i = 0; i < 1_000; i++)
		seen = rememberDelivery(seen, `dlv_${i.toString(16).padStart(16, '0')}`, i).seen;
	const dedupe = measurePair(() => alreadySeen(seen, 'dlv_8f3a1c2e4b5d6a7f'), hmacs([SECRET]));

	return [
		figure('trigger verify path, direct delivery (1 secret) vs HMAC alone', direct),
		figure(
			'trigger verify path, direct delivery in rotation overlap (2 secrets) vs the 2 HMACs alone',
			directOverlap,
		),
		figure('trigger verify path, via receiver (Standard Webhooks) vs HMAC alone', receiver),
		figure('duplicate check against 1,000 remembered deliveries vs HMAC alone', dedupe),
	];
}
