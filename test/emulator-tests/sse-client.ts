import { buildUrl, waitFor } from './helpers.js';

/** A minimal SSE reader for tests: records events, comments, `retry:` and how the stream ended. */

export interface SseEvent {
	id?: string;
	event: string;
	data: string;
}

export class SseClient {
	readonly events: SseEvent[] = [];
	readonly comments: string[] = [];
	retry: number | undefined;
	raw = '';
	status = 0;
	/** 'end' = clean close, 'error' = connection dropped, 'aborted' = closed by us. */
	outcome: 'open' | 'end' | 'error' | 'aborted' = 'open';
	private controller = new AbortController();
	private buffer = '';

	static async open(
		base: string,
		path: string,
		headers: Record<string, string>,
		query: Record<string, string | string[]> = {},
	): Promise<SseClient> {
		const client = new SseClient();
		const response = await fetch(buildUrl(base, path, query), {
			headers: { accept: 'text/event-stream', ...headers },
			signal: client.controller.signal,
		});
		client.status = response.status;
		if (!response.body) throw new Error('no body');
		void client.pump(response.body);
		return client;
	}

	private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
		const decoder = new TextDecoder();
		const reader = body.getReader();
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				const text = decoder.decode(value, { stream: true });
				this.raw += text;
				this.feed(text);
			}
			this.outcome = 'end';
		} catch {
			this.outcome = this.controller.signal.aborted ? 'aborted' : 'error';
		}
	}

	private feed(text: string): void {
		this.buffer += text;
		let index: number;
		while ((index = this.buffer.indexOf('\n\n')) !== -1) {
			const block = this.buffer.slice(0, index);
			this.buffer = this.buffer.slice(index + 2);
			const event: SseEvent = { event: 'message', data: '' };
			const data: string[] = [];
			let isEvent = false;
			for (const line of block.split('\n')) {
				if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
				else if (line.startsWith('retry:')) this.retry = Number(line.slice(6).trim());
				else if (line.startsWith('id:')) event.id = line.slice(3).trim();
				else if (line.startsWith('event:')) {
					event.event = line.slice(6).trim();
					isEvent = true;
				} else if (line.startsWith('data:')) {
					data.push(line.slice(5).replace(/^ /, ''));
					isEvent = true;
				}
			}
			if (isEvent) {
				event.data = data.join('\n');
				this.events.push(event);
			}
		}
	}

	/** Bytes received after the last complete frame (a torn event). */
	get partial(): string {
		return this.buffer;
	}

	json<T = any>(index: number): T {
		return JSON.parse(this.events[index]!.data) as T;
	}

	waitForEvents(count: number, timeoutMs = 5_000): Promise<SseEvent[]> {
		return waitFor(() => (this.events.length >= count ? this.events : null), timeoutMs);
	}

	waitForClose(timeoutMs = 5_000): Promise<string> {
		return waitFor(() => (this.outcome !== 'open' ? this.outcome : null), timeoutMs);
	}

	close(): void {
		this.controller.abort();
	}
}
