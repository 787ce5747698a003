import { API_SIGNATURE_HEADER, API_WEBHOOK_ID_HEADER } from '../../../shared/webhooks/api-signature';
import { singleHeader, stringsEqual, type HeaderInput } from '../../../shared/webhooks/bytes';
import type { SigningSecretConfig } from '../config/schema';
import type { Clock } from '../time/clock';
import { loadOctokitVerify, octokitVerifyIfLoaded } from './octokit-verify';

export type SignatureFailure = 'missing_signature' | 'malformed_signature' | 'missing_webhook_id' | 'webhook_id_mismatch' | 'signature_mismatch';

export type SignatureCheck = { ok: true; webhookId: string } | { ok: false; reason: SignatureFailure };

const SIGNATURE_FORMAT = /^sha256=([0-9a-fA-F]{64})$/;

interface Secret {
	secret: string;
	validUntil: number | undefined;
	webhookId: string | undefined;
}

/**
 * Checks a VideoVector delivery (§16.4): `X-Webhook-Id` must be one of our subscriptions and
 * `X-Webhook-Signature` must be the HMAC of the raw body under a secret that is still valid for
 * that subscription. Several secrets cover a rotation: the old one is accepted until its
 * `validUntil`.
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
			validUntil: 'validUntil' in entry && entry.validUntil !== undefined ? Date.parse(entry.validUntil) : undefined,
			webhookId: 'webhookId' in entry ? entry.webhookId : undefined,
		}));
	}

	/** `payload` is the body exactly as received, decoded as UTF-8 without any re-serialisation. */
	async verify(payload: string, headers: Readonly<Record<string, HeaderInput>>): Promise<SignatureCheck> {
		const signature = singleHeader(headers[API_SIGNATURE_HEADER])?.trim();
		if (signature === undefined || signature === '') return { ok: false, reason: 'missing_signature' };
		const hex = SIGNATURE_FORMAT.exec(signature)?.[1];
		if (hex === undefined) return { ok: false, reason: 'malformed_signature' };
		const webhookId = singleHeader(headers[API_WEBHOOK_ID_HEADER]);
		if (webhookId === undefined || webhookId === '') return { ok: false, reason: 'missing_webhook_id' };
		const expected = this.webhookIds.find((id) => stringsEqual(id, webhookId));
		if (expected === undefined) return { ok: false, reason: 'webhook_id_mismatch' };
		const now = this.clock.now();
		const candidates = this.secrets.filter(
			(entry) => (entry.validUntil === undefined || now < entry.validUntil) && (entry.webhookId === undefined || entry.webhookId === expected),
		);
		if (candidates.length === 0 || payload === '') return { ok: false, reason: 'signature_mismatch' };
		const verify = octokitVerifyIfLoaded() ?? (await loadOctokitVerify());
		// The contract allows upper-case hex; octokit compares the header text, so normalise it.
		const normalized = `sha256=${hex.toLowerCase()}`;
		// Every candidate is checked, so response time does not tell which secret matched.
		let matched = false;
		for (const entry of candidates) {
			if (await verify(entry.secret, payload, normalized)) matched = true;
		}
		return matched ? { ok: true, webhookId: expected } : { ok: false, reason: 'signature_mismatch' };
	}
}
