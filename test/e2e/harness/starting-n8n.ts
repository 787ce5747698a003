import { createServer } from 'node:http';

import { N8N_STARTUP_ANSWER } from '../../../shared/webhooks/n8n-startup-answer';

/**
 * n8n's start-up window held open: between opening its port and finishing its database migration
 * check, n8n 2.41.1 answers every request with 200 and "n8n is starting up. Please wait"
 * (abstract-server.js), running nothing. In a real start that lasts a fraction of a second, too
 * short to aim a delivery at; this server gives the same answer on n8n's port while n8n is down, so
 * a test can put a delivery there for certain and then start the real n8n.
 */
export async function holdStartupWindow(origin: string): Promise<{ close: () => Promise<void> }> {
	const server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			response.end(N8N_STARTUP_ANSWER);
		});
	});
	const { hostname, port } = new URL(origin);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(Number(port), hostname, () => resolve());
	});
	return {
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
