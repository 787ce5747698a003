import { z } from 'zod/v3';

import { id, optBoolean, optString } from './common';

export const API_KEY_SCOPES = ['search', 'read', 'write', 'admin'] as const;

/** ApiKey (docs/api/conventions.md#api-keys), masked. */
export const apiKeySchema = z
	.object({
		key_id: id,
		key_prefix: optString,
		name: optString,
		scopes: z.array(z.string()),
		created_at: optString,
		last_used_at: optString,
		revoked_at: optString,
		expires_at: optString,
		is_active: optBoolean,
	})
	.passthrough();
export type ApiKey = z.infer<typeof apiKeySchema>;

/** Create/rotate answer: `key` is shown once. */
export const apiKeyWithSecretSchema = apiKeySchema.extend({ key: z.string().min(1) });
export type ApiKeyWithSecret = z.infer<typeof apiKeyWithSecretSchema>;

export const rotateApiKeySchema = z
	.object({ old_key_id: id, new_key: apiKeyWithSecretSchema })
	.passthrough();
