/// <reference types="node" />
/**
 * Incremental Server-Sent Events parser following the WHATWG "event stream interpretation" rules:
 * UTF-8 decoded across chunk boundaries, one leading BOM dropped, CR / LF / CRLF line ends (a CRLF
 * split between chunks counts once), `data` lines joined with LF, `id` values containing NUL
 * ignored, the last event id kept across events, events without data not dispatched, and an
 * unterminated event at end of stream discarded.
 */

export interface SseEvent {
	/**
	 * The stream's last event id when this event was dispatched (persists across events, as the spec
	 * says); `''` once the server reset it with an empty `id:`, undefined if it never sent one.
	 */
	id: string | undefined;
	/** `event:` value; undefined means the default type (`message`). */
	event: string | undefined;
	data: string;
	/** A valid `retry:` value sent within this event's block, if any. */
	retry: number | undefined;
}

export interface SseParserOptions {
	onEvent?: (event: SseEvent) => void;
	/** Comment lines (`: heartbeat`) without the colon and one optional leading space. */
	onComment?: (comment: string) => void;
	/** Reconnection delay requested by the server, in ms, as soon as the line is read. */
	onRetry?: (retryMs: number) => void;
	/** Restores the id of a previous connection (e.g. from n8n static data). */
	lastEventId?: string;
	/** Cap on buffered characters (partial line + pending event data). Default 16 MiB. */
	maxBufferSize?: number;
}

export class SseBufferOverflowError extends Error {
	constructor(limit: number) {
		super(`Server-sent event exceeded ${limit} buffered characters`);
		this.name = 'SseBufferOverflowError';
	}
}

const DIGITS = /^\d+$/;
const DEFAULT_MAX_BUFFER = 16 * 1024 * 1024;

export class SseParser {
	private readonly options: SseParserOptions;
	private readonly maxBufferSize: number;
	/** Per instance: a shared global regex would have its lastIndex clobbered by a parser used inside a callback. */
	private readonly lineBreak = /[\r\n]/g;
	private decoder!: InstanceType<typeof TextDecoder>;
	private atStreamStart!: boolean;
	private skipLeadingLineFeed!: boolean;
	private partialLine!: string[];
	private partialLength!: number;
	private dataLines!: string[];
	private dataLength!: number;
	private eventType!: string;
	private blockRetry!: number | undefined;
	private idBuffer: string | undefined;

	constructor(options: SseParserOptions = {}) {
		this.options = options;
		this.maxBufferSize = options.maxBufferSize ?? DEFAULT_MAX_BUFFER;
		this.idBuffer = options.lastEventId;
		this.reset();
	}

	/** The id a reconnect should send as `Last-Event-ID` (undefined or '' → send none). */
	get lastEventId(): string | undefined {
		return this.idBuffer;
	}

	/** Feeds raw bytes (or already-decoded text; do not mix the two within one stream). */
	feed(chunk: Uint8Array | string): void {
		const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
		this.consume(text);
	}

	/** End of stream: flushes the decoder, then drops any unterminated line or event, as the spec requires. */
	end(): void {
		this.consume(this.decoder.decode());
		this.reset();
	}

	/**
	 * Forgets everything buffered (for a new connection) but keeps the last event id, which the spec
	 * carries across reconnections; pass `{lastEventId}` to replace it (`undefined` clears it).
	 */
	reset(options?: { lastEventId: string | undefined }): void {
		if (options) this.idBuffer = options.lastEventId;
		this.decoder = new TextDecoder('utf-8', { ignoreBOM: true });
		this.atStreamStart = true;
		this.skipLeadingLineFeed = false;
		this.partialLine = [];
		this.partialLength = 0;
		this.resetEvent();
	}

	private resetEvent(): void {
		this.dataLines = [];
		this.dataLength = 0;
		this.eventType = '';
		this.blockRetry = undefined;
	}

	private consume(input: string): void {
		let text = input;
		if (text === '') return;
		if (this.atStreamStart) {
			this.atStreamStart = false;
			if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		}
		let start = 0;
		if (this.skipLeadingLineFeed) {
			this.skipLeadingLineFeed = false;
			if (text.charCodeAt(0) === 10) start = 1;
		}
		this.lineBreak.lastIndex = start;
		for (let match = this.lineBreak.exec(text); match !== null; match = this.lineBreak.exec(text)) {
			const end = match.index;
			this.processLine(this.takeLine(text.slice(start, end)));
			start = end + 1;
			if (text.charCodeAt(end) === 13) {
				if (start === text.length) this.skipLeadingLineFeed = true;
				else if (text.charCodeAt(start) === 10) start++;
			}
			this.lineBreak.lastIndex = start;
		}
		if (start < text.length) this.keepPartial(text.slice(start));
	}

	private takeLine(tail: string): string {
		if (this.partialLength === 0) return tail;
		this.partialLine.push(tail);
		const line = this.partialLine.join('');
		this.partialLine = [];
		this.partialLength = 0;
		return line;
	}

	private keepPartial(fragment: string): void {
		this.partialLine.push(fragment);
		this.partialLength += fragment.length;
		this.checkBuffer();
	}

	private checkBuffer(): void {
		if (this.partialLength + this.dataLength > this.maxBufferSize) {
			const limit = this.maxBufferSize;
			this.reset();
			throw new SseBufferOverflowError(limit);
		}
	}

	private processLine(line: string): void {
		if (line === '') {
			this.dispatch();
			return;
		}
		const colon = line.indexOf(':');
		if (colon === 0) {
			this.options.onComment?.(line.charCodeAt(1) === 32 ? line.slice(2) : line.slice(1));
			return;
		}
		const field = colon === -1 ? line : line.slice(0, colon);
		const rawValue = colon === -1 ? '' : line.slice(colon + 1);
		const value = rawValue.charCodeAt(0) === 32 ? rawValue.slice(1) : rawValue;
		switch (field) {
			case 'data':
				this.dataLines.push(value);
				this.dataLength += value.length + 1;
				this.checkBuffer();
				break;
			case 'event':
				this.eventType = value;
				break;
			case 'id':
				if (!value.includes('\u0000')) this.idBuffer = value;
				break;
			case 'retry':
				if (DIGITS.test(value)) {
					this.blockRetry = Number.parseInt(value, 10);
					this.options.onRetry?.(this.blockRetry);
				}
				break;
			default:
			// Unknown fields are ignored (spec).
		}
	}

	private dispatch(): void {
		if (this.dataLines.length === 0) {
			this.resetEvent();
			return;
		}
		const event: SseEvent = {
			id: this.idBuffer,
			event: this.eventType === '' ? undefined : this.eventType,
			data: this.dataLines.join('\n'),
			retry: this.blockRetry,
		};
		this.resetEvent();
		this.options.onEvent?.(event);
	}
}
