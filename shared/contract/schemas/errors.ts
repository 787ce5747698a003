import { z } from 'zod/v3';

import { optString } from './common';

/** Canonical error body (docs/api/conventions.md#error-bodies); `error_code` and `retry_after` are the accepted variants. */
export const canonicalErrorBodySchema = z
	.object({
		error: z
			.object({
				code: optString,
				error_code: optString,
				message: optString,
				details: z.unknown().optional(),
				request_id: optString,
				timestamp: optString,
				retry_after: z.number().nullish(),
			})
			.passthrough(),
	})
	.passthrough();

/** Shape 2: the fields at top level. */
export const topLevelErrorBodySchema = z
	.object({
		message: optString,
		code: optString,
		error_code: optString,
		details: z.unknown().optional(),
		request_id: optString,
	})
	.passthrough();

/** One FastAPI validation problem. */
export const validationIssueSchema = z
	.object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string(), type: optString })
	.passthrough();

/** Shape 3: FastAPI `detail` as text, validation list, or `{message, code}`. */
export const fastApiErrorBodySchema = z
	.object({
		detail: z.union([
			z.string(),
			z.array(validationIssueSchema),
			z.object({ message: optString, code: optString }).passthrough(),
		]),
	})
	.passthrough();

/** Every JSON error body the client accepts; non-JSON bodies (shape 4) are plain text. */
export const errorBodySchema = z.union([
	canonicalErrorBodySchema,
	fastApiErrorBodySchema,
	topLevelErrorBodySchema,
]);
export type ErrorBody = z.infer<typeof errorBodySchema>;
