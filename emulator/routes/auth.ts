import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { noContent } from '../core/reply.js';
import { route } from '../core/route.js';

/** Side-effect-free credential check; any scope validates (docs/api/conventions.md#credential-check). */
export function registerAuthRoutes(router: Router, emu: Emulator): void {
	route(router, emu, { method: 'GET', path: '/auth/validate', scope: 'search' }, () => noContent());
}
