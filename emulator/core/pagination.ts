import { invalid } from './errors.js';
import { fnv1a } from './rng.js';

/**
 * Cursor paging (docs/api/conventions.md#cursor-pages) in O(page): collections keep insertion order in an array plus an
 * id → position map, removals leave tombstones, and a cursor is the position of the last item
 * served. New items appended while a client walks never cause duplicates or gaps.
 */
export class OrderedIds {
	private ids: Array<string | null> = [];
	private positions = new Map<string, number>();
	private live = 0;

	add(id: string): void {
		if (this.positions.has(id)) return;
		this.positions.set(id, this.ids.length);
		this.ids.push(id);
		this.live++;
	}

	remove(id: string): void {
		const pos = this.positions.get(id);
		if (pos === undefined) return;
		this.ids[pos] = null;
		this.positions.delete(id);
		this.live--;
	}

	has(id: string): boolean {
		return this.positions.has(id);
	}

	get size(): number {
		return this.live;
	}

	/** Live ids in insertion order (O(n): for small lists and whole-collection work only). */
	all(): string[] {
		return this.ids.filter((id): id is string => id !== null);
	}

	/**
	 * One page after `cursorPos` (exclusive). `newestFirst` walks from the end. `accept` lets a
	 * caller skip items (filters); skipped items cost a step but are not returned.
	 */
	page(
		cursorPos: number | null,
		limit: number,
		newestFirst: boolean,
		accept: (id: string) => boolean = () => true,
	): { ids: string[]; lastPos: number | null; hasMore: boolean } {
		const step = newestFirst ? -1 : 1;
		let pos = cursorPos === null ? (newestFirst ? this.ids.length - 1 : 0) : cursorPos + step;
		const out: string[] = [];
		let lastPos: number | null = null;
		while (pos >= 0 && pos < this.ids.length && out.length < limit) {
			const id = this.ids[pos];
			if (id !== null && id !== undefined && accept(id)) {
				out.push(id);
				lastPos = pos;
			}
			pos += step;
		}
		let hasMore = false;
		while (pos >= 0 && pos < this.ids.length) {
			const id = this.ids[pos];
			if (id !== null && id !== undefined && accept(id)) {
				hasMore = true;
				break;
			}
			pos += step;
		}
		return { ids: out, lastPos, hasMore };
	}
}

/** Cursors name the listing they belong to, so one from another list is refused, not misread. */
export function encodeCursor(listing: string, position: number | string): string {
	const raw = JSON.stringify({ l: fnv1a(listing).toString(36), p: position });
	return Buffer.from(raw, 'utf8').toString('base64url');
}

export function decodeCursor(
	listing: string,
	cursor: string | undefined,
	field = 'cursor',
): number | null {
	const decoded = decodeCursorValue(listing, cursor, field);
	if (decoded === null) return null;
	if (typeof decoded !== 'number' || !Number.isInteger(decoded) || decoded < -1)
		throw invalid(field, 'malformed cursor');
	return decoded;
}

export function decodeCursorValue(
	listing: string,
	cursor: string | undefined,
	field = 'cursor',
): number | string | null {
	if (cursor === undefined || cursor === '') return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
	} catch {
		throw invalid(field, 'malformed cursor');
	}
	if (!parsed || typeof parsed !== 'object') throw invalid(field, 'malformed cursor');
	const { l, p } = parsed as { l?: unknown; p?: unknown };
	if (l !== fnv1a(listing).toString(36))
		throw invalid(field, 'cursor does not belong to this listing');
	if (typeof p !== 'number' && typeof p !== 'string') throw invalid(field, 'malformed cursor');
	return p;
}

export interface Page<T> {
	data: T[];
	pagination: { limit: number; has_more: boolean; next_cursor: string | null };
}

export function pageOf<T>(
	data: T[],
	limit: number,
	hasMore: boolean,
	nextCursor: string | null,
): Page<T> {
	return {
		data,
		pagination: { limit, has_more: hasMore, next_cursor: hasMore ? nextCursor : null },
	};
}

/** Pages an OrderedIds collection and renders each id; the common case of docs/api/conventions.md#cursor-pages. */
export function pageCollection<T>(
	collection: OrderedIds,
	listing: string,
	cursor: string | undefined,
	limit: number,
	newestFirst: boolean,
	render: (id: string) => T | undefined,
	accept?: (id: string) => boolean,
): Page<T> {
	const pos = decodeCursor(listing, cursor);
	const page = collection.page(pos, limit, newestFirst, accept);
	const data = page.ids.map(render).filter((item): item is T => item !== undefined);
	return pageOf(
		data,
		limit,
		page.hasMore,
		page.lastPos === null ? null : encodeCursor(listing, page.lastPos),
	);
}

/** Pages a plain array by offset (arrays that only ever grow at the end). */
export function pageArray<T, R>(
	items: readonly T[],
	listing: string,
	cursor: string | undefined,
	limit: number,
	render: (item: T) => R,
	accept: (item: T) => boolean = () => true,
	cursorField = 'cursor',
): Page<R> {
	const after = decodeCursor(listing, cursor, cursorField);
	let pos = after === null ? 0 : after + 1;
	const out: R[] = [];
	let lastPos = -1;
	while (pos < items.length && out.length < limit) {
		const item = items[pos] as T;
		if (accept(item)) {
			out.push(render(item));
			lastPos = pos;
		}
		pos++;
	}
	let hasMore = false;
	for (; pos < items.length; pos++) {
		if (accept(items[pos] as T)) {
			hasMore = true;
			break;
		}
	}
	return pageOf(out, limit, hasMore, lastPos >= 0 ? encodeCursor(listing, lastPos) : null);
}
