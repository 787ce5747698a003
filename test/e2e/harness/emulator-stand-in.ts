// TEMPORARY: replaced by test/emulator/app.ts once it lands (same startEmulator shape).
import http from 'node:http';

export interface EmulatorHandle {
	baseUrl: string;
	origin: string;
	port: number;
	apiKey: string;
	bearerToken: string;
	control: unknown;
	close(): Promise<void>;
}

export async function startEmulator(options: { port?: number } = {}): Promise<EmulatorHandle> {
	const apiKey = `sk_live_${'ab12'.repeat(12)}`;
	const bearerToken = 'eyJ.stand.in';
	const server = http.createServer((req, res) => {
		const ok = req.headers['x-api-key'] === apiKey || req.headers.authorization === `Bearer ${bearerToken}`;
		const send = (status: number, body?: unknown) => {
			res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
			res.end(body === undefined ? undefined : JSON.stringify(body));
		};
		if (!ok) return send(401, { error: { code: 'authentication_invalid_api_key', message: 'Invalid API key' } });
		if (req.url === '/api/v2/auth/validate') return send(204);
		if (req.url?.startsWith('/api/v2/indexes')) {
			return send(200, [
				{ index_id: 'idx_demo', name: 'Demo index', user_id: 'usr_1', created_at: '2026-01-01T00:00:00Z', is_default: true },
				{ index_id: 'idx_mine', name: 'My index', user_id: 'usr_1', created_at: '2026-01-02T00:00:00Z', is_default: false },
			]);
		}
		return send(404, { error: { code: 'not_found', message: 'not found' } });
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	const origin = `http://127.0.0.1:${port}`;
	return {
		baseUrl: `${origin}/api/v2`,
		origin,
		port,
		apiKey,
		bearerToken,
		control: {},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
