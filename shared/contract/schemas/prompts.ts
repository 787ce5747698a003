import { z } from 'zod/v3';

import { id, optBoolean, optNumber, optObject, optString } from './common';

/** Media-wide synthesis settings of a prompt (docs/api/conventions.md#prompts). */
export const videoLevelSchema = z
	.object({
		instructions_text: z.string(),
		included_segment_fields: z.array(z.string()),
		json_schema: z.record(z.unknown()),
	})
	.passthrough();

/** Prompt (docs/api/conventions.md#prompts); `execution_config` / `selection_filter` appear only when set. */
export const promptSchema = z
	.object({
		prompt_id: id,
		user_id: optString,
		name: z.string(),
		description: optString,
		prompt_text: optString,
		json_schema: optObject,
		video_level: videoLevelSchema.nullish(),
		semantic_indexing: z
			.object({
				disabled_segment_fields: z.array(z.string()).nullish(),
				disabled_video_level_fields: z.array(z.string()).nullish(),
			})
			.passthrough()
			.nullish(),
		is_active: optBoolean,
		created_at: optString,
		execution_config: optObject,
		selection_filter: optObject,
	})
	.passthrough();
export type Prompt = z.infer<typeof promptSchema>;

/** `GET /prompts` is an object list, not a page (docs/api/conventions.md#other-paging-shapes). */
export const promptListSchema = z
	.object({ prompts: z.array(promptSchema), total_count: optNumber, active_count: optNumber })
	.passthrough();
