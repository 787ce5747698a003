import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { registerApiKeyRoutes } from './api-keys.js';
import { registerAuthRoutes } from './auth.js';
import { registerChatRoutes } from './chat.js';
import { registerConnectorRoutes } from './connectors.js';
import { registerExportRoutes } from './exports.js';
import { registerImportJobRoutes } from './import-jobs.js';
import { registerIndexRoutes } from './indexes.js';
import { registerMarkerRoutes } from './markers.js';
import { registerOpenApiRoute } from './openapi.js';
import { registerProcessingEventRoutes } from './processing-events.js';
import { registerPromptRunRoutes } from './prompt-runs.js';
import { registerPromptRoutes } from './prompts.js';
import { registerSearchRoutes } from './search.js';
import { registerVideoRoutes } from './videos.js';
import { registerWebhookRoutes } from './webhooks.js';
import { registerWorkflowRoutes } from './workflow.js';

/** Every /api/v2 route. Each module registers its literal paths before its `:id` paths. */
export function registerApiRoutes(router: Router, emu: Emulator): void {
	registerAuthRoutes(router, emu);
	registerIndexRoutes(router, emu);
	registerVideoRoutes(router, emu);
	registerWorkflowRoutes(router, emu);
	registerPromptRoutes(router, emu);
	registerPromptRunRoutes(router, emu);
	registerSearchRoutes(router, emu);
	registerConnectorRoutes(router, emu);
	registerImportJobRoutes(router, emu);
	registerExportRoutes(router, emu);
	registerWebhookRoutes(router, emu);
	registerApiKeyRoutes(router, emu);
	registerMarkerRoutes(router, emu);
	registerChatRoutes(router, emu);
	registerProcessingEventRoutes(router, emu);
	registerOpenApiRoute(router, emu);
}
