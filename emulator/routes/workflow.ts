/** The simplified `/workflow/*` surface used by the n8n node (docs/api/conventions.md#workflow-surface), one file per route group. */
import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { registerWorkflowIngestRoutes } from './workflow-ingest.js';
import { registerWorkflowMediaGrantRoutes } from './workflow-media-grants.js';
import { registerWorkflowProcessRoutes } from './workflow-process.js';
import { registerWorkflowResultRoutes } from './workflow-results.js';
import { registerWorkflowSearchRoutes } from './workflow-search.js';

export function registerWorkflowRoutes(router: Router, emu: Emulator): void {
	registerWorkflowIngestRoutes(router, emu);
	registerWorkflowProcessRoutes(router, emu);
	registerWorkflowResultRoutes(router, emu);
	registerWorkflowSearchRoutes(router, emu);
	registerWorkflowMediaGrantRoutes(router, emu);
}
