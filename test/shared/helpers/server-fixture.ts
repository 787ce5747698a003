import { Agent } from 'undici';
import { afterEach } from 'vitest';

import type { UndiciClientConfig } from '../../../shared/server/client-config';
import { startLocalServer, type Handler, type LocalServer } from './local-server';

export const TEST_API_KEY = `sk_live_${'ab'.repeat(24)}`;

export interface Started {
	server: LocalServer;
	/** Points at the server with TEST_API_KEY and a dispatcher the fixture closes. */
	config: UndiciClientConfig & { apiKey: string };
}

/**
 * Per-test local server + undici Agent, both closed after each test (with anything passed to
 * `closeLater`), so no socket outlives its test.
 */
export function localServerFixture() {
	let closers: Array<() => Promise<void>> = [];
	afterEach(async () => {
		const pending = closers.reverse();
		closers = [];
		for (const close of pending) await close();
	});
	return {
		async start(handler: Handler): Promise<Started> {
			const server = await startLocalServer(handler);
			const agent = new Agent();
			closers.push(
				() => server.close(),
				() => agent.close(),
			);
			return {
				server,
				config: { baseUrl: server.baseUrl, apiKey: TEST_API_KEY, dispatcher: agent },
			};
		},
		closeLater(close: () => Promise<void>): void {
			closers.push(close);
		},
	};
}
