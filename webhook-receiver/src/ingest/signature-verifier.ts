import {
	API_SIGNATURE_HEADER,
	API_WEBHOOK_ID_HEADER,
	parseApiSignatureHeader,
} from '../../../shared/webhooks/api-signature';
import { singleHeader, stringsEqual, type HeaderInput } from '../../../shared/webhooks/bytes';
import type { SigningSecretConfig } from '../config/schema';
import type { Clock } from '../time/clock';
import { loadOctokitVerify, octokitVerifyIfLoaded } from './octokit-verify';

export type SignatureFailure =
	| 'missing_signature'
	| 'malformed_signature'
	| 'missing_webhook_id'
	| 'webhook_id_mismatch'
	| 'signature_mismatch';

/** What can be checked from the headers alone, before a byte of the body is read. */
export type HeaderCheck =
	{ ok: true; webhookId: string; signature: string } | { ok: false; reason: SignatureFailure };

export type SignatureCheck =
	{ ok: true; webhookId: string } | { ok: false; reason: SignatureFailure };

interface Secret {
	secret: string;
	validUntil: number | undefined;
	webhookId: string | undefined;
}

/**
 * Checks a VideoVector delivery (see emulator/README.md, "Webhook deliveries"): `X-Webhook-Id` must
 * be one of our subscriptions and `X-Webhook-Signature` the HMAC of the raw body under a secret
 * still valid for that subscription. Several secrets cover a rotation: the old one is accepted until
 * its `validUntil`. The header format is parsed by the shared verifier (shared/webhooks), so the
 * receiver and the trigger accept exactly the same headers.
 */
export class SignatureVerifier {
	private readonly secrets: readonly Secret[];

	constructor(
		secrets: readonly SigningSecretConfig[],
		private readonly webhookIds: readonly string[],
		private readonly clock: Clock,
	) {
		this.secrets = secrets.map((entry) => ({
			secret: entry.secret,
			validUntil:
				'validUntil' in entry && entry.validUntil !== undefined
					? Date.parse(entry.validUntil)
					: undefined,
			webhookId: 'webhookId' in entry ? entry.webhookId : undefined,
		}));
	}

	/** Header format and subscription: refuses unauthenticated traffic before the body is read. */
	checkHeaders(headers: Readonly<Record<string, HeaderInput>>): HeaderCheck {
		const parsed = parseApiSignatureHeader(headers[API_SIGNATURE_HEADER]);
		if (!parsed.ok) return parsed;
		const webhookId = singleHeader(headers[API_WEBHOOK_ID_HEADER]);
		if (webhookId === undefined || webhookId === '')
			return { ok: false, reason: 'missing_webhook_id' };
		const expected = this.webhookIds.find((id) => stringsEqual(id, webhookId));
		if (expected === undefined) return { ok: false, reason: 'webhook_id_mismatch' };
		// octokit compares header text and the contract allows upper-case hex: hand it the canonical form.
		return { ok: true, webhookId: expected, signature: `sha256=${parsed.digest.toString('hex')}` };
	}

	/** `payload` is the body exactly as received, decoded as UTF-8 without any re-serialisation. */
	async verify(
		payload: string,
		headers: Extract<HeaderCheck, { ok: true }>,
	): Promise<SignatureCheck> {
		const now = this.clock.now();
		const candidates = this.secrets.filter(
			(entry) =>
				(entry.validUntil === undefined || now < entry.validUntil) &&
				(entry.webhookId === undefined || entry.webhookId === headers.webhookId),
		);
		if (candidates.length === 0 || payload === '')
			return { ok: false, reason: 'signature_mismatch' };
		const verify = octokitVerifyIfLoaded() ?? (await loadOctokitVerify());
		// Every candidate is checked, so response time does not tell which secret matched.
		let matched = false;
		for (const entry of candidates) {
			if (await verify(entry.secret, payload, headers.signature)) matched = true;
		}
		return matched
			? { ok: true, webhookId: headers.webhookId }
			: { ok: false, reason: 'signature_mismatch' };
	}
}
