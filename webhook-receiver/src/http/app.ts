import express, { type NextFunction, type Request, type Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { errorText } from '../log/error-text';
import type { Logger } from '../log/logger';
import { adminRoutes, type AdminDeps } from './admin-routes';
import { healthRoutes, metricsRoutes, type OpsDeps } from './ops-routes';

export interface AppDeps {
	ingestPath: string;
	handleDelivery: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
	ops: OpsDeps;
	admin: AdminDeps;
	logger: Logger;
	/** Which surfaces this listener serves: the public one, the ops one, or both (no ops listener). */
	serves: { deliveries: boolean; ops: boolean };
}

/** The receiver's HTTP surface: the delivery endpoint and health checks, and/or /metrics and /admin. */
export function createApp(deps: AppDeps): express.Express {
	const app = express();
	app.disable('x-powered-by');
	app.set('etag', false);
	if (deps.serves.deliveries) {
		// POSTs to the delivery path normally bypass Express (see receiver.ts); this route keeps the app complete on its own.
		app.post(deps.ingestPath, (request, response) => deps.handleDelivery(request, response));
		app.all(deps.ingestPath, (_request, response) => {
			response
				.status(405)
				.set('allow', 'POST')
				.json({ error: 'method_not_allowed', message: 'Deliveries are POSTed' });
		});
	}
	app.use(healthRoutes(deps.ops));
	if (deps.serves.ops) {
		app.use(metricsRoutes(deps.ops));
		app.use('/admin', adminRoutes(deps.admin));
	}
	app.use((_request, response) => {
		response.status(404).json({ error: 'not_found', message: 'No such endpoint' });
	});
	app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
		deps.logger.error('http.error', {
			method: request.method,
			path: request.path,
			error: errorText(error),
		});
		if (!response.headersSent)
			response.status(500).json({ error: 'internal_error', message: 'Internal error' });
	});
	return app;
}
