import {
	webhookEventEnvelopeSchema,
	type WebhookEventEnvelope,
} from '../../../shared/contract/schemas/webhook-event';

export type EnvelopeResult =
	| { ok: true; envelope: WebhookEventEnvelope }
	| { ok: false; reason: 'malformed_json' | 'invalid_envelope'; message: string };

const MAX_ISSUES_REPORTED = 5;

/** JSON text → validated delivery envelope (README, "What VideoVector sends"), with a human-readable reason on failure. */
export function parseEnvelope(text: string): EnvelopeResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { ok: false, reason: 'malformed_json', message: 'Body is not valid JSON' };
	}
	const result = webhookEventEnvelopeSchema.safeParse(json);
	if (result.success) return { ok: true, envelope: result.data };
	const issues = result.error.issues
		.slice(0, MAX_ISSUES_REPORTED)
		.map(
			(issue) => `${issue.path.length === 0 ? 'envelope' : issue.path.join('.')}: ${issue.message}`,
		);
	return {
		ok: false,
		reason: 'invalid_envelope',
		message: `Invalid event envelope: ${issues.join('; ')}`,
	};
}
