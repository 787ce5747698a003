import { isAtOrBefore } from './event-id-order';

/** Enough to cover any replay overlap a server or proxy plausibly produces. */
const DEFAULT_MEMORY = 1024;

/**
 * The ids this trigger has already handed to n8n in this activation: the newest one (sent as
 * `Last-Event-ID` on every reconnect) and a bounded ring of recent ones, so an event the server sends
 * twice — an overlapping replay, a proxy that re-sends — never starts a second execution.
 */
export class DeliveredIds {
	private newest: string | undefined;
	/** Ring buffer: `next` is where the oldest remembered id sits once the ring is full. */
	private readonly recent: string[] = [];
	private next = 0;
	private readonly known = new Set<string>();

	constructor(
		resumeAfter: string | undefined,
		private readonly memory = DEFAULT_MEMORY,
	) {
		this.newest = resumeAfter;
	}

	/** What a reconnect sends as `Last-Event-ID` (undefined: start live). */
	get last(): string | undefined {
		return this.newest;
	}

	has(id: string): boolean {
		if (this.known.has(id)) return true;
		return this.newest !== undefined && isAtOrBefore(id, this.newest);
	}

	add(id: string): void {
		this.newest = id;
		if (this.known.has(id)) return;
		this.known.add(id);
		if (this.recent.length < this.memory) {
			this.recent.push(id);
			return;
		}
		this.known.delete(this.recent[this.next]);
		this.recent[this.next] = id;
		this.next = (this.next + 1) % this.memory;
	}

	/** After an expired resume position: start over live, remembering nothing. */
	forget(): void {
		this.newest = undefined;
		this.recent.length = 0;
		this.next = 0;
		this.known.clear();
	}
}
