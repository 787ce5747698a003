import { AsyncLocalStorage } from 'node:async_hooks';
import { ApiError } from './errors.js';

/**
 * Strict mode: a request key the handler never looked at is a client bug (a misspelt field, an
 * array sent as `ids[]=` instead of repeated `ids=`), so it answers 422 naming the key instead of
 * being ignored as the real (pydantic) service does.
 *
 * The handler's own reads define what a route accepts: `Fields` / `QueryFields` report every key
 * they read to the tracker of the running request (AsyncLocalStorage, so nothing is threaded
 * through the handlers). An object counts as checked only when the handler looked inside it, so a
 * free-form value stored as a whole (a JSON schema, webhook metadata) is never second-guessed.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class KeyTracker {
	private readonly read = new Set<string>();
	private readonly entered = new Set<string>(['']);
	private readonly queryRead = new Set<string>();

	noteRead(path: string): void {
		this.read.add(path);
	}

	noteEntered(path: string): void {
		this.entered.add(path);
	}

	noteQueryRead(key: string): void {
		this.queryRead.add(key);
	}

	/** The first key sent but never read: query keys exactly as written on the wire, then body paths. */
	firstUnknown(
		rawQueryKeys: readonly string[],
		body: unknown,
	): { where: 'query' | 'body'; key: string } | undefined {
		const query = rawQueryKeys.find((key) => !this.queryRead.has(key));
		if (query !== undefined) return { where: 'query', key: query };
		const bodyKey = this.unknownIn(body, '');
		return bodyKey === undefined ? undefined : { where: 'body', key: bodyKey };
	}

	private unknownIn(value: unknown, path: string): string | undefined {
		if (Array.isArray(value)) {
			for (let i = 0; i < value.length; i++) {
				const found = this.unknownIn(value[i], `${path}[${i}]`);
				if (found !== undefined) return found;
			}
			return undefined;
		}
		if (!isRecord(value) || !this.entered.has(path)) return undefined;
		for (const [key, child] of Object.entries(value)) {
			const childPath = path ? `${path}.${key}` : key;
			if (!this.read.has(childPath)) return childPath;
			const found = this.unknownIn(child, childPath);
			if (found !== undefined) return found;
		}
		return undefined;
	}
}

const current = new AsyncLocalStorage<KeyTracker>();

/** The tracker of the request being handled, if strict mode is on for it. */
export function activeTracker(): KeyTracker | undefined {
	return current.getStore();
}

export function withTracker<T>(tracker: KeyTracker, run: () => T): T {
	return current.run(tracker, run);
}

/** Query keys as the client wrote them (`ids[]` stays `ids[]`), which the query parser would hide. */
export function rawQueryKeys(url: string): string[] {
	const at = url.indexOf('?');
	if (at < 0) return [];
	return [...new Set(new URLSearchParams(url.slice(at + 1)).keys())];
}

export function assertNoUnknownKeys(tracker: KeyTracker, url: string, body: unknown): void {
	const unknown = tracker.firstUnknown(rawQueryKeys(url), body);
	if (!unknown) return;
	throw new ApiError(
		422,
		'validation_failed',
		`Unknown ${unknown.where} parameter '${unknown.key}'`,
		{
			field: unknown.key,
			location: unknown.where,
			reason: 'unknown parameter (emulator strict mode)',
		},
	);
}

/**
 * For streaming routes, whose answer starts before the handler returns: checks the keys read so far
 * (call it once the route has read its parameters). A no-op outside strict mode.
 */
export function assertKnownKeysSoFar(url: string, body: unknown): void {
	const tracker = activeTracker();
	if (tracker) assertNoUnknownKeys(tracker, url, body);
}
