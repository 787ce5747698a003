import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { errorText } from '../log/error-text';
import type { Logger } from '../log/logger';
import { sendJson } from './send-json';

function pathOf(url: string | undefined): string {
	if (url === undefined) return '';
	const query = url.indexOf('?');
	return query === -1 ? url : url.slice(0, query);
}

/**
 * The HTTP server: delivery POSTs go straight to the handler (the hot path needs nothing from
 * Express's router), everything else to the Express app.
 */
export function createReceiverServer(options: {
	ingestPath: string;
	handleDelivery: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
	app: (request: IncomingMessage, response: ServerResponse) => void;
	logger: Logger;
}): Server {
	return createServer((request, response) => {
		if (request.method !== 'POST' || pathOf(request.url) !== options.ingestPath) {
			options.app(request, response);
			return;
		}
		options.handleDelivery(request, response).catch((error: unknown) => {
			options.logger.error('http.error', { path: options.ingestPath, error: errorText(error) });
			if (!response.headersSent) sendJson(response, 500, { error: 'internal_error', message: 'Internal error' });
		});
	});
}
