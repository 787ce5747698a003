import { z } from 'zod/v3';

import { counter, id, openEnum, optBoolean, optString } from './common';
import { IMPORT_JOB_STATUSES } from './statuses';

/** ImportJob (docs/api/conventions.md#import-jobs). A job with failed files still ends `completed` with `progress.failed > 0`. */
export const importJobSchema = z
	.object({
		job_id: id,
		connector_id: optString,
		target_index_id: optString,
		source_prefix: optString,
		file_pattern: optString,
		recursive: optBoolean,
		status: openEnum(IMPORT_JOB_STATUSES),
		created_at: optString,
		started_at: optString,
		completed_at: optString,
		error_message: optString,
		progress: z
			.object({
				total_files: counter,
				imported: counter,
				failed: counter,
				skipped: counter,
				bytes_transferred: counter,
				current_file: optString,
			})
			.passthrough()
			.nullish(),
		video_ids: z.array(z.string()).nullish(),
		failed_files: z.array(z.object({ path: z.string(), error: optString }).passthrough()).nullish(),
		skipped_files: z
			.array(z.object({ path: z.string(), reason: optString }).passthrough())
			.nullish(),
	})
	.passthrough();
export type ImportJob = z.infer<typeof importJobSchema>;
