import net from 'node:net';

import { Arrivals } from './arrivals';
import { parseMail, type ParsedMail } from './mime-message';
import { SmtpSession, type SmtpEnvelope } from './smtp-session';

/**
 * A local SMTP catcher on 127.0.0.1 for examples that send email (n8n's Send Email node with an
 * SMTP credential: host 127.0.0.1, this port, SSL/TLS off, STARTTLS disabled, any user and
 * password). Everything accepted is kept in memory, parsed, for tests to read.
 */

export interface ReceivedMail extends ParsedMail {
	/** `MAIL FROM` and `RCPT TO` addresses (the envelope, which can differ from the headers). */
	from: string;
	to: string[];
	authenticatedAs: string | null;
	/** The message as transferred (dot-stuffing undone). */
	raw: string;
	queueId: string;
	receivedAt: number;
}

export interface SmtpSinkOptions {
	/** 0 (default): an ephemeral port. */
	port?: number;
	hostname?: string;
	maxMessageBytes?: number;
	requireAuth?: boolean;
}

export interface SmtpSink {
	host: string;
	port: number;
	/** Messages accepted so far, oldest first. */
	messages(): ReceivedMail[];
	waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
	clear(): void;
	close(): Promise<void>;
}

/** A line longer than this without CRLF is a broken client; the connection is dropped. */
const MAX_LINE_BYTES = 1024 * 1024;

function serve(socket: net.Socket, session: SmtpSession): void {
	let pending = '';
	socket.setEncoding('utf8');
	socket.write(`${session.greeting()}\r\n`);
	socket.on('data', (chunk: string) => {
		pending += chunk;
		let end = pending.indexOf('\n');
		while (end !== -1) {
			const line = pending.slice(0, end).replace(/\r$/, '');
			pending = pending.slice(end + 1);
			const step = session.receive(line);
			if (step.replies.length > 0) socket.write(`${step.replies.join('\r\n')}\r\n`);
			if (step.close) {
				socket.end();
				return;
			}
			end = pending.indexOf('\n');
		}
		if (pending.length > MAX_LINE_BYTES) socket.destroy();
	});
	// A client that vanishes mid-conversation is not the sink's problem.
	socket.on('error', () => undefined);
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
	const hostname = options.hostname ?? 'sink.videovector.test';
	const mailbox = new Arrivals<ReceivedMail>();
	const sockets = new Set<net.Socket>();
	let sequence = 0;

	const accept = (envelope: SmtpEnvelope): string => {
		const queueId = `sink-${++sequence}`;
		mailbox.add({
			...parseMail(envelope.data),
			from: envelope.from,
			to: envelope.to,
			authenticatedAs: envelope.authenticatedAs,
			raw: envelope.data,
			queueId,
			receivedAt: Date.now(),
		});
		return queueId;
	};

	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
		const session = new SmtpSession({
			hostname,
			maxMessageBytes: options.maxMessageBytes ?? 10 * 1024 * 1024,
			requireAuth: options.requireAuth ?? false,
			onMessage: accept,
		});
		serve(socket, session);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as net.AddressInfo;

	return {
		host: '127.0.0.1',
		port,
		messages: () => mailbox.list(),
		waitForMessages: (count, timeoutMs) =>
			mailbox.waitFor(count, { what: 'email message(s)', timeoutMs }),
		clear: () => mailbox.clear(),
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
