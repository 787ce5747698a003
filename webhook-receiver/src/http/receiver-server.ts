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
export interface ConnectionLimits {
	headersTimeoutMs: number;
	requestTimeoutMs: number;
	keepAliveTimeoutMs: number;
	maxConnections: number;
}

/** Node checks the header and request timeouts on this period; its default (30 s) would let them overrun. */
function checkingIntervalMs(limits: ConnectionLimits): number {
	return Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4)));
}

export function createReceiverServer(options: {
	ingestPath: string;
	handleDelivery: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
	app: (request: IncomingMessage, response: ServerResponse) => void;
	logger: Logger;
	limits: ConnectionLimits;
}): Server {
	const { limits } = options;
	const server = createServer(
		{
			headersTimeout: limits.headersTimeoutMs,
			requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs),
			keepAliveTimeout: limits.keepAliveTimeoutMs,
			connectionsCheckingInterval: checkingIntervalMs(limits),
		},
		(request, response) => {
			if (request.method !== 'POST' || pathOf(request.url) !== options.ingestPath) {
				options.app(request, response);
				return;
			}
			options.handleDelivery(request, response).catch((error: unknown) => {
				options.logger.error('http.error', { path: options.ingestPath, error: errorText(error) });
				if (!response.headersSent)
					sendJson(response, 500, { error: 'internal_error', message: 'Internal error' });
			});
		},
	);
	server.maxConnections = limits.maxConnections;
	return server;
}
