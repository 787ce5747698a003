import { describe, expect, it } from 'vitest';

import { VideoVectorClientError } from '../../../shared/http/api-error';
import { collectAll, paginate } from '../../../shared/http/pagination';
import type { ApiRequest, ApiResponse } from '../../../shared/http/types';

const ok = (body: unknown): ApiResponse => ({ status: 200, headers: {}, body });

/** A server over `items` with standard cursor pages; cursors are `c<offset>`. */
function cursorServer(items: number[], log: string[] = []) {
	const requests: ApiRequest[] = [];
	const send = async (request: ApiRequest): Promise<ApiResponse> => {
		requests.push(request);
		log.push(`request ${requests.length}`);
		const limit = Number(request.query?.limit ?? 50);
		const cursor = request.query?.cursor;
		const offset = typeof cursor === 'string' ? Number(cursor.slice(1)) : 0;
		const data = items.slice(offset, offset + limit);
		const hasMore = offset + limit < items.length;
		return ok({
			data,
			pagination: { limit, has_more: hasMore, next_cursor: hasMore ? `c${offset + limit}` : null },
		});
	};
	return { send, requests };
}

/** Plays back page bodies in order. */
function scripted(bodies: unknown[]) {
	const requests: ApiRequest[] = [];
	const send = async (request: ApiRequest): Promise<ApiResponse> => {
		requests.push(request);
		const body = bodies[requests.length - 1];
		if (body === undefined) throw new Error('no more pages scripted');
		return ok(body);
	};
	return { send, requests };
}

const LIST: ApiRequest = {
	method: 'GET',
	path: '/indexes/idx_1/videos',
	query: { status: 'PROCESSED' },
};

describe('paginate: standard cursor pages (docs/api/conventions.md#cursor-pages)', () => {
	it('walks every page, repeating filters and limit, sending the cursor', async () => {
		const items = Array.from({ length: 23 }, (_, i) => i);
		const server = cursorServer(items);
		const pages: number[][] = [];
		for await (const page of paginate<number>(server.send, LIST, { pageSize: 10 }))
			pages.push(page);
		expect(pages).toEqual([items.slice(0, 10), items.slice(10, 20), items.slice(20)]);
		expect(server.requests.map((r) => r.query)).toEqual([
			{ status: 'PROCESSED', limit: 10 },
			{ status: 'PROCESSED', limit: 10, cursor: 'c10' },
			{ status: 'PROCESSED', limit: 10, cursor: 'c20' },
		]);
		expect(LIST.query).toEqual({ status: 'PROCESSED' });
	});

	it('streams: the consumer gets page 1 before page 2 is requested', async () => {
		const log: string[] = [];
		const server = cursorServer(
			Array.from({ length: 6 }, (_, i) => i),
			log,
		);
		let page = 0;
		for await (const items of paginate<number>(server.send, LIST, { pageSize: 2 })) {
			page++;
			log.push(`consume ${page} (${items.length})`);
		}
		expect(log).toEqual([
			'request 1',
			'consume 1 (2)',
			'request 2',
			'consume 2 (2)',
			'request 3',
			'consume 3 (2)',
		]);
	});

	it('stops on has_more=false even when a cursor is present, and on a missing or empty cursor', async () => {
		const stopFlag = scripted([
			{ data: [1], pagination: { has_more: false, next_cursor: 'more' } },
		]);
		expect(await collectAll(stopFlag.send, LIST)).toEqual([1]);
		expect(stopFlag.requests).toHaveLength(1);
		const emptyCursor = scripted([{ data: [1], pagination: { has_more: true, next_cursor: '' } }]);
		expect(await collectAll(emptyCursor.send, LIST)).toEqual([1]);
		const noCursor = scripted([{ data: [1], pagination: { has_more: true } }]);
		expect(await collectAll(noCursor.send, LIST)).toEqual([1]);
		expect(noCursor.requests).toHaveLength(1);
	});

	it('a repeated cursor ends iteration with a clear error after the pages already seen', async () => {
		const server = scripted([
			{ data: [1], pagination: { has_more: true, next_cursor: 'a' } },
			{ data: [2], pagination: { has_more: true, next_cursor: 'b' } },
			{ data: [3], pagination: { has_more: true, next_cursor: 'a' } },
		]);
		const seen: number[][] = [];
		const run = async () => {
			for await (const page of paginate<number>(server.send, LIST)) seen.push(page);
		};
		const error = await run().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(VideoVectorClientError);
		expect(error).toMatchObject({ code: 'pagination_cursor_repeated' });
		expect(seen).toEqual([[1], [2], [3]]);
		expect(server.requests).toHaveLength(3);
	});

	it('a server echoing the starting cursor is a repeat too', async () => {
		const server = scripted([{ data: [1], pagination: { has_more: true, next_cursor: 'start' } }]);
		await expect(
			collectAll(server.send, { ...LIST, query: { cursor: 'start' } }),
		).rejects.toMatchObject({
			code: 'pagination_cursor_repeated',
		});
	});

	it('maxItems trims the last page and requests nothing more', async () => {
		const server = cursorServer(Array.from({ length: 100 }, (_, i) => i));
		const pages: number[][] = [];
		for await (const page of paginate<number>(server.send, LIST, { pageSize: 10, maxItems: 25 }))
			pages.push(page);
		expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
		expect(pages.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i));
		expect(server.requests).toHaveLength(3);
		const exact = cursorServer(Array.from({ length: 100 }, (_, i) => i));
		expect(await collectAll(exact.send, LIST, { pageSize: 10, maxItems: 20 })).toHaveLength(20);
		expect(exact.requests).toHaveLength(2);
		const none = cursorServer([1, 2, 3]);
		expect(await collectAll(none.send, LIST, { maxItems: 0 })).toEqual([]);
		expect(none.requests).toHaveLength(0);
	});

	it('skips empty pages but follows their cursor', async () => {
		const server = scripted([
			{ data: [], pagination: { has_more: true, next_cursor: 'x' } },
			{ data: [7], pagination: { has_more: false, next_cursor: null } },
		]);
		const pages: unknown[][] = [];
		for await (const page of paginate(server.send, LIST)) pages.push(page);
		expect(pages).toEqual([[7]]);
	});

	it('a plain array is one page; an unknown body is an error; send errors propagate', async () => {
		expect(await collectAll(scripted([[1, 2]]).send, LIST)).toEqual([1, 2]);
		await expect(collectAll(scripted([{ items: [] }]).send, LIST)).rejects.toMatchObject({
			code: 'invalid_page_response',
		});
		const failing = async (): Promise<ApiResponse> => {
			throw new Error('boom');
		};
		await expect(collectAll(failing, LIST)).rejects.toThrow('boom');
	});
});

describe('paginate: filter search body paging (docs/api/conventions.md#other-paging-shapes)', () => {
	const FILTER: ApiRequest = {
		method: 'POST',
		path: '/search/filter/idx_1',
		body: {
			conditions: [{ field: 'a', operator: 'equals', value: 'b', type: 'string' }],
			run_ids: ['r1'],
		},
	};

	it('sends page_size and cursor in the body and reads the legacy shape', async () => {
		const server = scripted([
			{ results: [{ n: 1 }], next_page_token: 't1', total_shown: 1 },
			{ results: [{ n: 2 }], next_page_token: null, total_shown: 1 },
		]);
		expect(await collectAll(server.send, FILTER, { cursorIn: 'body', pageSize: 1 })).toEqual([
			{ n: 1 },
			{ n: 2 },
		]);
		expect(server.requests.map((r) => r.body)).toEqual([
			{ ...(FILTER.body as object), page_size: 1 },
			{ ...(FILTER.body as object), page_size: 1, cursor: 't1' },
		]);
		expect(server.requests.every((r) => r.query === undefined)).toBe(true);
	});

	it('reads the new shape, and next_page_token when both key sets are present', async () => {
		const server = scripted([
			{ data: [1], pagination: { has_more: true, next_cursor: 'n1' } },
			{
				results: [2],
				data: [2],
				next_page_token: 'legacy',
				pagination: { has_more: true, next_cursor: 'new' },
			},
			{
				results: [3],
				data: [3],
				next_page_token: null,
				pagination: { has_more: false, next_cursor: null },
			},
		]);
		expect(await collectAll(server.send, FILTER, { cursorIn: 'body' })).toEqual([1, 2, 3]);
		expect(server.requests.map((r) => (r.body as { cursor?: string }).cursor)).toEqual([
			undefined,
			'n1',
			'legacy',
		]);
	});
});

describe('paginate: custom next request (workflow search, docs/api/conventions.md#other-paging-shapes)', () => {
	it('first page by POST, later pages by GET with only the cursor', async () => {
		const server = scripted([
			{ data: ['a'], pagination: { has_more: true, next_cursor: 's1' }, snapshot_id: 'snap' },
			{ data: ['b'], pagination: { has_more: false, next_cursor: null } },
		]);
		const first: ApiRequest = {
			method: 'POST',
			path: '/workflow/search',
			body: { query: 'cats', limit: 1 },
			idempotencyKey: 'k',
		};
		const all = await collectAll(server.send, first, {
			nextRequest: (cursor) => ({
				method: 'GET',
				path: '/workflow/search/page',
				query: { cursor },
			}),
		});
		expect(all).toEqual(['a', 'b']);
		expect(server.requests[0]).toEqual(first);
		expect(server.requests[1]).toEqual({
			method: 'GET',
			path: '/workflow/search/page',
			query: { cursor: 's1' },
		});
	});
});
