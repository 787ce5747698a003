import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { freePort } from '../../tools/n8n/free-port';
import { startWebhookBalancer, type WebhookBalancer } from '../../tools/n8n/webhook-balancer';

/** An upstream that answers with its own name and the body it got. */
async function upstream(name: string): Promise<{ origin: string; close(): Promise<void> }> {
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () =>
			res
				.writeHead(200, { 'content-type': 'application/json' })
				.end(JSON.stringify({ name, path: req.url, body: Buffer.concat(chunks).toString() })),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
	for (const thing of opened.splice(0)) await thing.close();
});

async function call(balancer: WebhookBalancer, path: string, body = 'x') {
	const res = await fetch(`${balancer.origin}${path}`, { method: 'POST', body });
	return { status: res.status, json: (await res.json()) as { name?: string; body?: string } };
}

describe('webhook balancer', () => {
	it('alternates production webhook calls between the webhook servers and sends the rest to main', async () => {
		const main = await upstream('main');
		const hook = await upstream('webhook-1');
		opened.push(main, hook);
		const balancer = await startWebhookBalancer(
			() => ({ label: 'main', origin: main.origin }),
			() => [
				{ label: 'main', origin: main.origin },
				{ label: 'webhook-1', origin: hook.origin },
			],
		);
		opened.push(balancer);
		const names = [];
		for (let n = 0; n < 4; n++)
			names.push((await call(balancer, '/webhook/abc/webhook')).json.name);
		expect(names).toEqual(['main', 'webhook-1', 'main', 'webhook-1']);
		expect((await call(balancer, '/rest/login', 'payload')).json).toMatchObject({
			name: 'main',
			body: 'payload',
		});
		expect(balancer.requests().map((request) => request.upstream)).toEqual([
			'main',
			'webhook-1',
			'main',
			'webhook-1',
			'main',
		]);
	});

	it('skips a server that refuses connections, and answers 502 when none is left', async () => {
		const hook = await upstream('webhook-1');
		opened.push(hook);
		const down = `http://127.0.0.1:${await freePort()}`;
		const balancer = await startWebhookBalancer(
			() => ({ label: 'main', origin: down }),
			() => [
				{ label: 'main', origin: down },
				{ label: 'webhook-1', origin: hook.origin },
			],
		);
		opened.push(balancer);
		for (let n = 0; n < 2; n++)
			expect((await call(balancer, '/webhook/abc/webhook', 'same body')).json).toMatchObject({
				name: 'webhook-1',
				body: 'same body',
			});
		expect((await call(balancer, '/rest/settings')).status).toBe(502);
	});
});
