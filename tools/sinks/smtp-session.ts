/**
 * One SMTP conversation (RFC 5321 subset, no TLS): the server side of what nodemailer — and so
 * n8n's Send Email node — does against a plain server: EHLO/HELO, AUTH PLAIN or LOGIN (any
 * credentials are accepted), MAIL, RCPT, DATA, RSET, NOOP, QUIT. Pure: it is fed lines and answers
 * with reply lines, so the socket handling stays in smtp-sink.ts and the protocol is testable alone.
 */

export interface SmtpEnvelope {
	from: string;
	to: string[];
	/** The user name the client authenticated as (the password is never kept). */
	authenticatedAs: string | null;
	/** The message with dot-stuffing undone and the terminating "." removed. */
	data: string;
}

export interface SessionOptions {
	hostname: string;
	maxMessageBytes: number;
	/** Refuse MAIL before AUTH (530), like a submission server. */
	requireAuth: boolean;
	onMessage(envelope: SmtpEnvelope): string;
}

export interface SessionStep {
	replies: string[];
	/** The client said QUIT: close after writing the replies. */
	close: boolean;
}

type Mode = 'command' | 'data' | 'authPlain' | 'authLoginUser' | 'authLoginPassword';

function addressOf(argument: string): string | null {
	const match = /^<([^>]*)>/.exec(argument.trim());
	return match ? (match[1] as string) : null;
}

function decodeBase64(text: string): string | null {
	const trimmed = text.trim();
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) return null;
	return Buffer.from(trimmed, 'base64').toString('utf8');
}

export class SmtpSession {
	private mode: Mode = 'command';

	private greeted = false;

	private authenticatedAs: string | null = null;

	private loginUser = '';

	private from: string | null = null;

	private to: string[] = [];

	private dataLines: string[] = [];

	private dataBytes = 0;

	constructor(private readonly options: SessionOptions) {}

	greeting(): string {
		return `220 ${this.options.hostname} ESMTP VideoVector test sink ready`;
	}

	/** One line from the client, without its CRLF. */
	receive(line: string): SessionStep {
		switch (this.mode) {
			case 'data':
				return this.dataLine(line);
			case 'authPlain':
				this.mode = 'command';
				return this.finishPlain(line);
			case 'authLoginUser':
				return this.loginUsername(line);
			case 'authLoginPassword':
				this.mode = 'command';
				return this.loginPassword(line);
			default:
				return this.command(line);
		}
	}

	private reply(...replies: string[]): SessionStep {
		return { replies, close: false };
	}

	private resetTransaction(): void {
		this.from = null;
		this.to = [];
		this.dataLines = [];
		this.dataBytes = 0;
	}

	private command(line: string): SessionStep {
		const space = line.indexOf(' ');
		const verb = (space === -1 ? line : line.slice(0, space)).toUpperCase();
		const argument = space === -1 ? '' : line.slice(space + 1);
		switch (verb) {
			case 'EHLO':
				this.greeted = true;
				this.resetTransaction();
				return this.reply(
					`250-${this.options.hostname} greets ${argument || 'client'}`,
					'250-AUTH PLAIN LOGIN',
					`250-SIZE ${this.options.maxMessageBytes}`,
					'250 8BITMIME',
				);
			case 'HELO':
				this.greeted = true;
				this.resetTransaction();
				return this.reply(`250 ${this.options.hostname}`);
			case 'AUTH':
				return this.auth(argument);
			case 'MAIL':
				return this.mail(argument);
			case 'RCPT':
				return this.rcpt(argument);
			case 'DATA':
				if (this.to.length === 0) return this.reply('503 5.5.1 RCPT first');
				this.mode = 'data';
				return this.reply('354 End data with <CR><LF>.<CR><LF>');
			case 'RSET':
				this.resetTransaction();
				return this.reply('250 2.0.0 Reset');
			case 'NOOP':
				return this.reply('250 2.0.0 OK');
			case 'VRFY':
				return this.reply('252 2.5.2 Cannot verify, will accept');
			case 'QUIT':
				return { replies: [`221 2.0.0 ${this.options.hostname} closing`], close: true };
			case 'STARTTLS':
				return this.reply('502 5.5.1 TLS is not offered by this test sink');
			default:
				return this.reply(`500 5.5.2 Command not recognized: ${verb.slice(0, 20)}`);
		}
	}

	private auth(argument: string): SessionStep {
		if (!this.greeted) return this.reply('503 5.5.1 EHLO first');
		if (this.authenticatedAs !== null) return this.reply('503 5.5.1 Already authenticated');
		const [mechanism = '', initial] = argument.split(' ');
		switch (mechanism.toUpperCase()) {
			case 'PLAIN':
				if (initial) return this.finishPlain(initial);
				this.mode = 'authPlain';
				return this.reply('334 ');
			case 'LOGIN':
				if (initial) return this.loginUsername(initial);
				this.mode = 'authLoginUser';
				return this.reply(`334 ${Buffer.from('Username:').toString('base64')}`);
			default:
				return this.reply('504 5.5.4 Unrecognized authentication type');
		}
	}

	/** `authzid NUL authcid NUL password` (RFC 4616). */
	private finishPlain(encoded: string): SessionStep {
		const decoded = decodeBase64(encoded);
		const fields = decoded?.split('\0');
		if (!fields || fields.length !== 3 || !fields[1])
			return this.reply('501 5.5.2 Malformed AUTH PLAIN response');
		this.authenticatedAs = fields[1];
		return this.reply('235 2.7.0 Authentication successful');
	}

	private loginUsername(encoded: string): SessionStep {
		const user = decodeBase64(encoded);
		if (!user) {
			this.mode = 'command';
			return this.reply('501 5.5.2 Malformed user name');
		}
		this.loginUser = user;
		this.mode = 'authLoginPassword';
		return this.reply(`334 ${Buffer.from('Password:').toString('base64')}`);
	}

	private loginPassword(encoded: string): SessionStep {
		if (decodeBase64(encoded) === null) return this.reply('501 5.5.2 Malformed password');
		this.authenticatedAs = this.loginUser;
		return this.reply('235 2.7.0 Authentication successful');
	}

	private mail(argument: string): SessionStep {
		if (!this.greeted) return this.reply('503 5.5.1 EHLO first');
		if (this.options.requireAuth && this.authenticatedAs === null)
			return this.reply('530 5.7.0 Authentication required');
		if (this.from !== null) return this.reply('503 5.5.1 Sender already given');
		const match = /^FROM:\s*(<[^>]*>)/i.exec(argument);
		const address = match ? addressOf(match[1] as string) : null;
		if (address === null) return this.reply('501 5.1.7 Syntax: MAIL FROM:<address>');
		this.from = address;
		return this.reply('250 2.1.0 Sender OK');
	}

	private rcpt(argument: string): SessionStep {
		if (this.from === null) return this.reply('503 5.5.1 MAIL first');
		const match = /^TO:\s*(<[^>]*>)/i.exec(argument);
		const address = match ? addressOf(match[1] as string) : null;
		if (!address) return this.reply('501 5.1.3 Syntax: RCPT TO:<address>');
		this.to.push(address);
		return this.reply('250 2.1.5 Recipient OK');
	}

	private dataLine(line: string): SessionStep {
		if (line !== '.') {
			// RFC 5321 §4.5.2: a leading dot was doubled by the client.
			const unstuffed = line.startsWith('.') ? line.slice(1) : line;
			this.dataBytes += Buffer.byteLength(unstuffed) + 2;
			if (this.dataBytes <= this.options.maxMessageBytes) this.dataLines.push(unstuffed);
			return { replies: [], close: false };
		}
		this.mode = 'command';
		const tooBig = this.dataBytes > this.options.maxMessageBytes;
		const envelope: SmtpEnvelope = {
			from: this.from ?? '',
			to: [...this.to],
			authenticatedAs: this.authenticatedAs,
			data: this.dataLines.join('\r\n'),
		};
		this.resetTransaction();
		if (tooBig) return this.reply('552 5.3.4 Message too big');
		return this.reply(`250 2.0.0 OK queued as ${this.options.onMessage(envelope)}`);
	}
}
