import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { route } from '../core/route.js';

/** The generated OpenAPI description (docs/api/openapi.json, `npm run docs:api`). */
export const OPENAPI_FILE = resolve(__dirname, '../../docs/api/openapi.json');

/**
 * `GET /api/v2/openapi.json`, public like the real service's event list: tools point at the
 * emulator and discover the API from it. Read per request so a regenerated file is served at once.
 */
export function registerOpenApiRoute(router: Router, emu: Emulator): void {
	route(
		router,
		emu,
		{ method: 'GET', path: '/openapi.json', scope: null, auth: 'none' },
		async () => ({
			status: 200,
			raw: await readFile(OPENAPI_FILE),
			contentType: 'application/json; charset=utf-8',
		}),
	);
}
