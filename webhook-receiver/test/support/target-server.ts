import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { N8N_STARTUP_ANSWER } from '../../../shared/webhooks/n8n-startup-answer';
import { verifyStandardWebhook } from '../../../shared/webhooks/standard-webhooks';

export interface Receipt {
	deliveryId: string;
	eventType: string;
	body: Buffer;
	headers: IncomingHttpHeaders;
	/** Standard Webhooks signature check against the target's secret; undefined without a secret. */
	signatureValid: boolean | undefined;
	/** `webhook-timestamp` (clock seconds of the attempt). */
	timestamp: number;
}

export type Reply =
	| { status: number; headers?: Record<string, string>; hold?: Promise<void> }
	/** What n8n answers while it starts: 200 and a text, having run nothing (not counted as accepted). */
	| 'n8n-starting'
	| 'drop';
/** Decides the answer to each request; `attempt` counts requests for that delivery id, from 1. */
export type Behaviour = (receipt: Receipt, attempt: number) => Reply;

export interface Target {
	url: string;
	/** Every request, including failed attempts, in arrival order. */
	requests: Receipt[];
	/** Requests answered 2xx, in arrival order (what a de-duplicating flow would see first). */
	accepted: Receipt[];
	/** 2xx answers per delivery id: more than 1 means a duplicate reached the flow. */
	acceptedCount: Map<string, number>;
	setBehaviour(behaviour: Behaviour): void;
	close(): Promise<void>;
}

const ok: Behaviour = () => ({ status: 200 });

/** A stand-in for an n8n webhook: records what the receiver forwards and answers as told. */
export async function startTarget(
	options: { secret?: string; behaviour?: Behaviour } = {},
): Promise<Target> {
	let behaviour = options.behaviour ?? ok;
	const attempts = new Map<string, number>();
	const target: Omit<Target, 'url' | 'close' | 'setBehaviour'> = {
		requests: [],
		accepted: [],
		acceptedCount: new Map(),
	};

	const answer = (
		response: ServerResponse,
		receipt: Receipt,
		reply: Exclude<Reply, 'drop'>,
	): void => {
		if (reply === 'n8n-starting') {
			response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			response.end(N8N_STARTUP_ANSWER);
			return;
		}
		const is2xx = reply.status >= 200 && reply.status < 300;
		if (is2xx) {
			target.accepted.push(receipt);
			target.acceptedCount.set(
				receipt.deliveryId,
				(target.acceptedCount.get(receipt.deliveryId) ?? 0) + 1,
			);
		}
		response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
		response.end(JSON.stringify({ ok: is2xx }));
	};

	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks);
			const deliveryId = String(request.headers['webhook-id'] ?? '');
			const timestamp = Number(request.headers['webhook-timestamp']);
			const signatureValid =
				options.secret === undefined
					? undefined
					: verifyStandardWebhook({
							secrets: [options.secret],
							headers: request.headers,
							rawBody: body,
							nowSeconds: timestamp,
						}).ok;
			const receipt: Receipt = {
				deliveryId,
				eventType: String(request.headers['x-videovector-event'] ?? ''),
				body,
				headers: request.headers,
				signatureValid,
				timestamp,
			};
			target.requests.push(receipt);
			const attempt = (attempts.get(deliveryId) ?? 0) + 1;
			attempts.set(deliveryId, attempt);
			const reply = behaviour(receipt, attempt);
			if (reply === 'drop') {
				request.socket.destroy();
				return;
			}
			if (reply === 'n8n-starting' || reply.hold === undefined) answer(response, receipt, reply);
			else void reply.hold.then(() => answer(response, receipt, reply));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		...target,
		url: `http://127.0.0.1:${port}/webhook/flow`,
		setBehaviour: (next) => {
			behaviour = next;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
