import type { NextFunction, Request, Response } from 'express';

import { stringsEqual } from '../../../shared/webhooks/bytes';

/**
 * Admin endpoints need `Authorization: Bearer <admin token>`, compared in constant time. With no
 * token configured they do not exist at all (404), rather than being open.
 */
export function requireBearer(token: string | undefined) {
	return (request: Request, response: Response, next: NextFunction): void => {
		if (token === undefined) {
			response.status(404).json({
				error: 'not_found',
				message: 'Admin endpoints are disabled (no admin token configured)',
			});
			return;
		}
		const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
		if (match === null || !stringsEqual(match[1] as string, token)) {
			response
				.status(401)
				.set('www-authenticate', 'Bearer')
				.json({ error: 'unauthorized', message: 'Missing or wrong admin token' });
			return;
		}
		next();
	};
}

/** `/metrics` with a token configured needs it; without one it stays open (for a private listener). */
export function optionalBearer(token: string | undefined) {
	return (request: Request, response: Response, next: NextFunction): void => {
		const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
		if (token !== undefined && (match === null || !stringsEqual(match[1] as string, token))) {
			response
				.status(401)
				.set('www-authenticate', 'Bearer')
				.json({ error: 'unauthorized', message: 'Missing or wrong metrics token' });
			return;
		}
		next();
	};
}
