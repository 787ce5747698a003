import { z } from 'zod/v3';

import { id, openEnum, optString } from './common';
import { CONNECTOR_STATUSES } from './statuses';

/** Connector (docs/api/conventions.md#connectors). Secrets are never returned, so none are modelled. */
export const connectorSchema = z
	.object({
		connector_id: id,
		name: optString,
		provider: openEnum(['gcs', 's3', 'azure'] as const),
		status: openEnum(CONNECTOR_STATUSES).nullish(),
		scopes: z.array(z.string()).nullish(),
		import_mode: optString,
		export_base_path: optString,
		bucket: optString,
		region: optString,
		storage_account: optString,
		container: optString,
		gcp_project_id: optString,
		created_at: optString,
		updated_at: optString,
		last_tested_at: optString,
		last_test_result: z.unknown().optional(),
		last_test_error: optString,
	})
	.passthrough();
export type Connector = z.infer<typeof connectorSchema>;

/** CloudFile from `POST /connectors/{id}/browse`. */
export const cloudFileSchema = z
	.object({
		path: z.string(),
		name: optString,
		size_bytes: z.number().nullish(),
		last_modified: optString,
		content_type: optString,
		extension: optString,
	})
	.passthrough();
