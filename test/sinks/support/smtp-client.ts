import net from 'node:net';

/**
 * A deliberately dumb SMTP client for the sink's tests: writes one line, returns the complete
 * reply (multi-line replies continue with `NNN-` and end with `NNN `). Speaking the protocol by
 * hand lets the tests check each reply code the sink gives, including to clients that misbehave.
 */
export class RawSmtpClient {
	private buffer = '';

	private readonly waiting: Array<() => void> = [];

	private closed = false;

	private constructor(private readonly socket: net.Socket) {
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			this.buffer += chunk;
			this.waiting.splice(0).forEach((wake) => wake());
		});
		socket.on('close', () => {
			this.closed = true;
			this.waiting.splice(0).forEach((wake) => wake());
		});
	}

	static async connect(port: number): Promise<{ client: RawSmtpClient; greeting: string[] }> {
		const socket = net.connect(port, '127.0.0.1');
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		const client = new RawSmtpClient(socket);
		return { client, greeting: await client.reply() };
	}

	/** The next complete reply, as its lines. */
	async reply(): Promise<string[]> {
		for (;;) {
			const lines = this.buffer.split('\r\n');
			// The last element is whatever follows the final CRLF: not a complete line yet.
			const last = lines.slice(0, -1).findIndex((line) => /^\d{3}( |$)/.test(line));
			if (last !== -1) {
				this.buffer = lines.slice(last + 1).join('\r\n');
				return lines.slice(0, last + 1);
			}
			if (this.closed)
				throw new Error(`connection closed while waiting for a reply (have "${this.buffer}")`);
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	async send(line: string): Promise<string[]> {
		this.socket.write(`${line}\r\n`);
		return this.reply();
	}

	/** Writes lines without waiting (DATA content), then the terminating dot, and returns its reply. */
	async sendData(lines: string[]): Promise<string[]> {
		this.socket.write(`${[...lines, '.'].join('\r\n')}\r\n`);
		return this.reply();
	}

	get isClosed(): boolean {
		return this.closed;
	}

	async waitClosed(): Promise<void> {
		while (!this.closed) await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	destroy(): void {
		this.socket.destroy();
	}
}

export function code(reply: string[]): number {
	return Number((reply.at(-1) ?? '').slice(0, 3));
}

export function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}
