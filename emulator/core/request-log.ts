import type { IncomingHttpHeaders } from 'node:http';

/**
 * What clients sent, for tests that assert request shape. Credentials are replaced by
 * `[redacted]` before anything is stored: secrets never reach logs.
 */

export interface LoggedRequest {
	seq: number;
	at: string;
	request_id: string;
	method: string;
	/** Path under /api/v2. */
	path: string;
	query: Record<string, unknown>;
	headers: Record<string, string | string[]>;
	/** Parsed JSON, multipart summary (`{fields, files}`), or null. */
	body: unknown;
	status: number | null;
	/** Real (wall-clock) receive time in epoch ms, to line requests up with a client's own timings. */
	received_ms: number;
	/** Query keys exactly as written on the wire (`ids[]` stays `ids[]`), in order, repeated keys once per occurrence. */
	query_keys: string[];
	/** `error.code` and `error.message` of an error answer. */
	error?: { code: string; message: string };
}

const SECRET_HEADERS = new Set(['x-api-key', 'authorization', 'cookie', 'proxy-authorization']);
const SECRET_FIELD = /secret|password|private_key|credentials_file|access_key|^token$|^key$/i;
export const REDACTED = '[redacted]';

export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		out[name] = SECRET_HEADERS.has(name) ? REDACTED : value;
	}
	return out;
}

export function redactValue(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redactValue);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
			out[key] = SECRET_FIELD.test(key) ? REDACTED : redactValue(inner);
		}
		return out;
	}
	return value;
}

export class RequestLog {
	private entries: LoggedRequest[] = [];
	private seq = 0;

	constructor(private limit: number) {}

	setLimit(limit: number): void {
		this.limit = limit;
		this.trim();
	}

	record(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
		const logged = {
			...entry,
			seq: ++this.seq,
			query: redactValue(entry.query) as Record<string, unknown>,
		};
		this.entries.push(logged);
		this.trim();
		return logged;
	}

	list(filter: { method?: string; path?: string } = {}): LoggedRequest[] {
		return this.entries.filter(
			(entry) =>
				(!filter.method || entry.method === filter.method.toUpperCase()) &&
				(!filter.path || entry.path === filter.path),
		);
	}

	clear(): void {
		this.entries = [];
	}

	private trim(): void {
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
	}
}
