import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the balancer passed on: where it went and what came back. */
export interface BalancedRequest {
	method: string;
	path: string;
	/** Label of the n8n process that answered (`main`, `webhook-1`, …), or null if none could. */
	upstream: string | null;
	status: number;
}

export interface Upstream {
	label: string;
	/** `http://127.0.0.1:<port>` */
	origin: string;
}

export interface WebhookBalancer {
	/** `http://127.0.0.1:<port>`: n8n's public URL (N8N_WEBHOOK_URL) in the topology. */
	origin: string;
	/** Every request so far, oldest first. */
	requests(): BalancedRequest[];
	close(): Promise<void>;
}

const PRODUCTION_WEBHOOK = /^\/webhook\//;
// Hop-by-hop headers are the proxy's own business (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']);

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.once('end', () => resolve(Buffer.concat(chunks)));
		req.once('error', reject);
	});
}

function forward(
	upstream: Upstream,
	req: http.IncomingMessage,
	body: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
	const headers: http.OutgoingHttpHeaders = {};
	for (const [name, value] of Object.entries(req.headers))
		if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
	headers['content-length'] = body.length;
	return new Promise((resolve, reject) => {
		const out = http.request(
			`${upstream.origin}${req.url ?? '/'}`,
			{ method: req.method, headers },
			(res) => {
				void readBody(res).then(
					(data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }),
					reject,
				);
			},
		);
		out.once('error', reject);
		out.end(body);
	});
}

/**
 * The load balancer a queue-mode deployment puts in front of n8n, reduced to what the topology
 * needs: production webhook calls (`/webhook/…`) go round-robin to the webhook-serving processes
 * (main and the webhook processors), everything else to `main`. An upstream that refuses the
 * connection (restarting) is skipped for the next one, as a health-checked balancer would.
 * Round-robin makes a delivery and its immediate duplicate land on two different processes.
 */
export async function startWebhookBalancer(
	main: () => Upstream,
	webhookServers: () => Upstream[],
): Promise<WebhookBalancer> {
	const log: BalancedRequest[] = [];
	let next = 0;
	const server = http.createServer((req, res) => {
		void (async () => {
			const path = (req.url ?? '/').split('?')[0] as string;
			const pool = PRODUCTION_WEBHOOK.test(path) ? webhookServers() : [main()];
			const body = await readBody(req);
			const start = next++;
			for (let tried = 0; tried < pool.length; tried++) {
				const upstream = pool[(start + tried) % pool.length] as Upstream;
				try {
					const answer = await forward(upstream, req, body);
					const headers = Object.fromEntries(
						Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
					);
					res.writeHead(answer.status, headers).end(answer.body);
					log.push({
						method: req.method ?? '',
						path,
						upstream: upstream.label,
						status: answer.status,
					});
					return;
				} catch {
					// Down or restarting: try the next one.
				}
			}
			res.writeHead(502, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: 'no n8n process answered' }));
			log.push({ method: req.method ?? '', path, upstream: null, status: 502 });
		})().catch(() => {
			if (!res.headersSent) res.writeHead(502).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requests: () => [...log],
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
