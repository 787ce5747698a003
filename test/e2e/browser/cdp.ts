/**
 * A minimal Chrome DevTools Protocol client over the WebSocket built into Node 22+: commands
 * with replies, events, and flat sessions (one per page). Enough to drive n8n's editor
 * without a browser-automation dependency.
 */
type Handler = (params: Record<string, unknown>, sessionId: string | undefined) => void;

interface Pending {
	resolve: (value: unknown) => void;
	reject: (error: Error) => void;
	method: string;
}

interface Message {
	id?: number;
	method?: string;
	params?: Record<string, unknown>;
	result?: unknown;
	error?: { message: string; data?: string };
	sessionId?: string;
}

export class CdpConnection {
	private nextId = 1;

	private readonly pending = new Map<number, Pending>();

	private readonly handlers = new Map<string, Set<Handler>>();

	private constructor(private readonly socket: WebSocket) {
		socket.addEventListener('message', (event) =>
			this.dispatch(JSON.parse(String(event.data)) as Message),
		);
		socket.addEventListener('close', () => {
			for (const pending of this.pending.values())
				pending.reject(new Error(`CDP socket closed during ${pending.method}`));
			this.pending.clear();
		});
	}

	static connect(url: string): Promise<CdpConnection> {
		return new Promise((resolve, reject) => {
			const socket = new WebSocket(url);
			socket.addEventListener('open', () => resolve(new CdpConnection(socket)), { once: true });
			socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), {
				once: true,
			});
		});
	}

	send<T = Record<string, unknown>>(
		method: string,
		params: Record<string, unknown> = {},
		sessionId?: string,
	): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, method });
			this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
		});
	}

	/** Subscribes to an event; returns the unsubscribe function. */
	on(method: string, handler: Handler): () => void {
		let set = this.handlers.get(method);
		if (!set) {
			set = new Set();
			this.handlers.set(method, set);
		}
		set.add(handler);
		return () => set.delete(handler);
	}

	/** Resolves with the params of the next `method` event of `sessionId`. */
	waitForEvent(
		method: string,
		sessionId: string | undefined,
		timeoutMs: number,
	): Promise<Record<string, unknown>> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				off();
				reject(new Error(`no ${method} within ${timeoutMs} ms`));
			}, timeoutMs);
			const off = this.on(method, (params, from) => {
				if (from !== sessionId) return;
				clearTimeout(timer);
				off();
				resolve(params);
			});
		});
	}

	close(): void {
		this.socket.close();
	}

	private dispatch(message: Message): void {
		if (message.id !== undefined) {
			const pending = this.pending.get(message.id);
			if (!pending) return;
			this.pending.delete(message.id);
			if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
			else pending.resolve(message.result);
			return;
		}
		if (message.method) {
			for (const handler of this.handlers.get(message.method) ?? [])
				handler(message.params ?? {}, message.sessionId);
		}
	}
}
