import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { STREAMED } from '../core/reply.js';
import { route } from '../core/route.js';
import { assertKnownKeysSoFar } from '../core/strict-keys.js';
import { openProcessingStream, readFilters } from '../sim/event-stream.js';

/** Processing event stream (docs/api/conventions.md#processing-event-stream). */
export function registerProcessingEventRoutes(router: Router, emu: Emulator): void {
	route(
		router,
		emu,
		{ method: 'GET', path: '/processing/events/stream', scope: 'read' },
		({ req, res, query }) => {
			readFilters(query);
			assertKnownKeysSoFar(req.originalUrl, undefined);
			openProcessingStream(emu, req, res, query);
			return STREAMED;
		},
	);
}
