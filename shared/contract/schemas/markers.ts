import { z } from 'zod/v3';

import { id, optString } from './common';

/** Marker (docs/api/conventions.md#markers) = MarkerInfo plus what it is attached to (target fields are inferred by the contract). */
export const markerSchema = z
	.object({
		marker_id: id,
		color: optString,
		note: optString,
		updated_at: optString,
		target_type: optString,
		target_id: optString,
		field_path: optString,
	})
	.passthrough();
export type Marker = z.infer<typeof markerSchema>;
