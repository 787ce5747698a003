import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ApiSignatureVector {
	name: string;
	secrets: string[];
	body_base64: string;
	signature_header: string | null;
	webhook_id_header: string | null;
	expected_webhook_id: string;
	expected: { ok: true; secretIndex: number } | { ok: false; reason: string };
}

export interface StandardWebhookVector {
	name: string;
	secrets: string[];
	headers: Record<string, string>;
	now_seconds: number;
	body_base64: string;
	expected: { ok: true; secretIndex: number } | { ok: false; reason: string };
}

function load<T>(file: string): T[] {
	const text = readFileSync(join(__dirname, '..', 'vectors', file), 'utf8');
	return (JSON.parse(text) as { cases: T[] }).cases;
}

export const apiSignatureVectors = (): ApiSignatureVector[] =>
	load<ApiSignatureVector>('api-signature.json');
export const standardWebhookVectors = (): StandardWebhookVector[] =>
	load<StandardWebhookVector>('standard-webhooks.json');

export const bodyOf = (vector: { body_base64: string }): Buffer =>
	Buffer.from(vector.body_base64, 'base64');
