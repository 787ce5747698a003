import { z } from 'zod/v3';

import { id, openEnum, optBoolean, optNumber, optString } from './common';
import { DELETION_STATUSES } from './statuses';

/** Index (docs/api/conventions.md#index-model); `video_count` is a fixture extra. */
export const indexSchema = z
	.object({
		index_id: id,
		name: z.string(),
		user_id: optString,
		created_at: optString,
		is_default: optBoolean,
		description: optString,
		sort_order: optNumber,
		video_count: optNumber,
	})
	.passthrough();
export type Index = z.infer<typeof indexSchema>;

/** IndexDeletion (docs/api/conventions.md#indexes): poll `GET /indexes/{id}/deletion` until `deleted`. */
export const indexDeletionSchema = z
	.object({ index_id: id, deletion_id: optString, status: openEnum(DELETION_STATUSES) })
	.passthrough();
export type IndexDeletion = z.infer<typeof indexDeletionSchema>;
