/** A scripted Server-Sent Events server on 127.0.0.1 for what the emulator does not do on purpose. */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StreamHandler = (res: ServerResponse, connection: number, req: IncomingMessage) => void;

export interface ScriptedServer {
	baseUrl: string;
	requests: IncomingMessage[];
	close(): Promise<void>;
}

export async function startSseServer(handler: StreamHandler): Promise<ScriptedServer> {
	const requests: IncomingMessage[] = [];
	const server: Server = createServer((req, res) => {
		requests.push(req);
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		res.flushHeaders();
		handler(res, requests.length, req);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/api/v2`,
		requests,
		close: async () => {
			server.closeAllConnections();
			server.close();
			await once(server, 'close');
		},
	};
}

/** One SSE frame for a processing event (docs/api/conventions.md#processing-event-stream) with this id. */
export function eventFrame(id: string, eventType = 'segment.completed'): string {
	return `id: ${id}\nevent: ${eventType}\ndata: ${JSON.stringify({ event_id: id, event_type: eventType, payload: {} })}\n\n`;
}
