import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local webhook receiver on 127.0.0.1 that records raw deliveries and answers as scripted. */

export interface ReceivedDelivery {
	headers: IncomingHttpHeaders;
	body: string;
}

export class Receiver {
	readonly received: ReceivedDelivery[] = [];
	/** Status codes for the next requests, in order; 200 once exhausted. */
	script: number[] = [];
	private server: Server;
	url = '';

	private constructor() {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
				const status = this.script.shift() ?? 200;
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(status < 300 ? { received: true } : { error: 'nope' }));
			});
		});
	}

	static async start(): Promise<Receiver> {
		const receiver = new Receiver();
		await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
		receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`;
		return receiver;
	}

	close(): Promise<void> {
		this.server.closeAllConnections();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}
}
