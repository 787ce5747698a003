/**
 * What each endpoint answers on success, for the OpenAPI description: the status code and, where
 * the project has one, the zod schema the clients parse the body with. Endpoints without an entry
 * answer 200 with a JSON value the project does not model (documented as such).
 */
import { z } from 'zod/v3';

import type { EndpointKey } from '../../shared/contract/endpoints';
import * as s from '../../shared/contract/schemas';

export interface SuccessResponse {
	status: 200 | 201 | 202 | 204;
	/** JSON body schema; absent = JSON the project does not model. */
	schema?: z.ZodTypeAny;
	/** Non-JSON body (binary download or event stream). */
	contentType?: string;
}

const list = (item: z.ZodTypeAny) => z.array(item);
const page = (item: z.ZodTypeAny) => s.pageSchema(item);

export const SUCCESS_RESPONSES: Partial<Record<EndpointKey, SuccessResponse>> = {
	'auth.validate': { status: 204 },
	'indexes.create': { status: 201, schema: s.indexSchema },
	'indexes.list': { status: 200, schema: list(s.indexSchema) },
	'indexes.get': { status: 200, schema: s.indexSchema },
	'indexes.delete': { status: 200, schema: s.indexDeletionSchema },
	'indexes.getDeletion': { status: 200, schema: s.indexDeletionSchema },
	'indexes.listVideos': { status: 200, schema: page(s.videoSchema) },
	'indexes.listPromptRuns': { status: 200, schema: page(s.promptRunSchema) },
	'videos.create': { status: 200, schema: s.videoSchema },
	'videos.upload': { status: 200, schema: s.uploadResultSchema },
	'videos.get': { status: 200, schema: s.videoSchema },
	'videos.delete': { status: 200, schema: s.mediaDeletionSchema },
	'videos.getDeletion': { status: 200, schema: s.mediaDeletionSchema },
	'videos.listSegments': { status: 200, schema: page(s.segmentSchema) },
	'videos.listPromptRuns': { status: 200, schema: list(s.promptRunSchema) },
	'videos.batchGet': { status: 200, schema: list(s.videoWithDetailsSchema) },
	'videos.batchStatus': { status: 200, schema: list(s.videoStatusSnapshotSchema) },
	'videos.getGif': { status: 200, contentType: 'image/gif' },
	'videos.getSegmentThumbnail': { status: 200, contentType: 'image/jpeg' },
	'videos.listPlayground': { status: 200, schema: page(s.videoSchema) },
	'workflow.upload': { status: 201, schema: s.workflowUploadResultSchema },
	'workflow.define': { status: 201 },
	'workflow.process': { status: 202 },
	'prompts.create': { status: 201, schema: s.promptSchema },
	'prompts.list': { status: 200, schema: s.promptListSchema },
	'prompts.get': { status: 200, schema: s.promptSchema },
	'prompts.update': { status: 200, schema: s.promptSchema },
	'prompts.delete': { status: 200, schema: s.deleteResponseSchema },
	'prompt_runs.execute': { status: 200, schema: s.promptRunSchema },
	'prompt_runs.list': { status: 200, schema: list(s.promptRunSchema) },
	'prompt_runs.get': { status: 200, schema: s.promptRunSchema },
	'prompt_runs.cancel': { status: 200, schema: s.promptRunSchema },
	'prompt_runs.listResults': { status: 200, schema: page(s.segmentRunResultSchema) },
	'prompt_runs.getVideoResult': { status: 200, schema: s.promptRunVideoResultSchema },
	'prompt_runs.getFailedSegments': { status: 200, schema: s.failedSegmentsManifestSchema },
	'prompt_runs.retrySegment': { status: 200, schema: s.segmentRetrySchema },
	'prompt_runs.getSegmentRetry': { status: 200, schema: s.segmentRetryStatusSchema },
	'search.text': { status: 200, schema: list(s.searchResultSchema) },
	'search.image': { status: 200, schema: list(s.imageSearchResultSchema) },
	'search.multimodal': { status: 200, schema: list(s.multimodalSearchResultSchema) },
	'search.filter': { status: 200, schema: s.filterSearchResponseSchema(s.searchResultSchema) },
	'search.filterPlayground': {
		status: 200,
		schema: s.filterSearchResponseSchema(s.searchResultSchema),
	},
	'search.playground': { status: 200, schema: list(s.searchResultSchema) },
	'connectors.createS3': { status: 200, schema: s.connectorSchema },
	'connectors.createGcs': { status: 200, schema: s.connectorSchema },
	'connectors.createAzure': { status: 200, schema: s.connectorSchema },
	'connectors.list': { status: 200, schema: list(s.connectorSchema) },
	'connectors.get': { status: 200, schema: s.connectorSchema },
	'connectors.delete': { status: 200, schema: s.deleteResponseSchema },
	'connectors.browse': { status: 200, schema: list(s.cloudFileSchema) },
	'import_jobs.create': { status: 202, schema: s.importJobSchema },
	'import_jobs.list': { status: 200, schema: list(s.importJobSchema) },
	'import_jobs.get': { status: 200, schema: s.importJobSchema },
	'import_jobs.cancel': { status: 200, schema: s.importJobSchema },
	'import_jobs.retry': { status: 200, schema: s.importJobSchema },
	'exports.createIndexExport': { status: 202, schema: s.exportCreatedSchema },
	'exports.createPromptRunExport': { status: 202, schema: s.exportCreatedSchema },
	'exports.list': { status: 200, schema: list(s.exportSchema) },
	'exports.get': { status: 200, schema: s.exportSchema },
	'exports.createDownloadUrl': { status: 200, schema: s.downloadUrlSchema },
	'exports.download': { status: 200, contentType: 'application/octet-stream' },
	'webhooks.create': { status: 201, schema: s.webhookWithSecretSchema },
	'webhooks.list': { status: 200, schema: list(s.webhookSchema) },
	'webhooks.get': { status: 200, schema: s.webhookSchema },
	'webhooks.update': { status: 200, schema: s.webhookSchema },
	'webhooks.delete': { status: 200, schema: s.deleteResponseSchema },
	'webhooks.rotateSecret': { status: 200, schema: s.rotateWebhookSecretSchema },
	'webhooks.test': { status: 200, schema: s.webhookTestResultSchema },
	'webhooks.listDeliveries': { status: 200, schema: list(s.webhookDeliverySchema) },
	'webhooks.getDelivery': { status: 200, schema: s.webhookDeliverySchema },
	'webhooks.retryDelivery': { status: 200, schema: s.webhookDeliverySchema },
	'webhooks.listEventTypes': { status: 200, schema: list(z.string()) },
	'api_keys.create': { status: 201, schema: s.apiKeyWithSecretSchema },
	'api_keys.list': { status: 200, schema: list(s.apiKeySchema) },
	'api_keys.get': { status: 200, schema: s.apiKeySchema },
	'api_keys.delete': { status: 200, schema: s.deleteResponseSchema },
	'api_keys.revoke': { status: 200, schema: s.apiKeySchema },
	'api_keys.rotate': { status: 200, schema: s.rotateApiKeySchema },
	'markers.list': { status: 200, schema: list(s.markerSchema) },
	'markers.upsert': { status: 200, schema: s.markerSchema },
	'markers.delete': { status: 200, schema: s.deleteResponseSchema },
	'chat_sessions.create': { status: 200, schema: s.chatSessionSchema },
	'chat_sessions.list': { status: 200, schema: list(s.chatSessionSchema) },
	'chat_sessions.get': { status: 200, schema: s.chatSessionSchema },
	'chat_sessions.update': { status: 200, schema: s.chatSessionSchema },
	'chat_sessions.delete': { status: 200, schema: s.deleteResponseSchema },
	'chat_sessions.createTurn': { status: 200, schema: s.createTurnResultSchema },
	'chat_sessions.streamTurnEvents': { status: 200, contentType: 'text/event-stream' },
	'processing_events.stream': { status: 200, contentType: 'text/event-stream' },
};
