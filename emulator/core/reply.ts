/** What a route handler produces; the route wrapper turns it into the HTTP response. */
export interface JsonReply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface RawReply {
	status: number;
	raw: Buffer;
	contentType: string;
	headers?: Record<string, string>;
}

/** The handler wrote the response itself (streams: SSE, file downloads). */
export const STREAMED = Symbol('streamed');

export type Reply = JsonReply | RawReply | typeof STREAMED;

export function json(status: number, body?: unknown, headers?: Record<string, string>): JsonReply {
	return { status, body, headers };
}

export const ok = (body: unknown) => json(200, body);
export const created = (body: unknown) => json(201, body);
export const accepted = (body: unknown) => json(202, body);
export const noContent = () => json(204);
