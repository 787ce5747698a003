import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { pageCollection } from '../core/pagination.js';
import { accepted, created, ok } from '../core/reply.js';
import { route } from '../core/route.js';
import type { IndexRec } from '../core/types.js';
import { Fields } from '../core/validation.js';
import { renderIndexDeletion } from '../sim/deletions.js';
import { renderRun } from '../sim/run-views.js';
import { renderIndex, renderVideo } from '../sim/video-views.js';
import { findIndex } from './lookups.js';

/** Indexes (docs/api/conventions.md#indexes). Cursor lists are newest first. */

export function createIndex(
	emu: Emulator,
	name: string,
	description: string | null = null,
): IndexRec {
	const index: IndexRec = {
		index_id: emu.ids.next('index'),
		name,
		description,
		created_at: emu.nowIso(),
		is_default: false,
	};
	emu.store.indexes.set(index.index_id, index);
	return index;
}

export function registerIndexRoutes(router: Router, emu: Emulator): void {
	route(router, emu, { method: 'POST', path: '/indexes', scope: 'write' }, ({ body }) => {
		const f = Fields.body(body);
		const index = createIndex(
			emu,
			f.str('name', { min: 1, max: 255 }),
			f.optStr('description', { max: 1000 }) ?? null,
		);
		return created(renderIndex(emu, index));
	});

	route(router, emu, { method: 'GET', path: '/indexes', scope: 'search' }, ({ query }) => {
		const includeDefaults = query.bool('include_defaults', true);
		const indexes = emu.store.indexes
			.values()
			.filter(
				(index) => index.deletion?.status !== 'deleted' && (includeDefaults || !index.is_default),
			);
		return ok(indexes.map((index) => renderIndex(emu, index)));
	});

	route(router, emu, { method: 'GET', path: '/indexes/:index_id', scope: 'search' }, ({ params }) =>
		ok(renderIndex(emu, findIndex(emu, params.index_id as string))),
	);

	route(
		router,
		emu,
		{ method: 'DELETE', path: '/indexes/:index_id', scope: 'admin' },
		({ params }) => {
			const indexId = params.index_id as string;
			const finished = emu.store.indexDeletions.get(indexId);
			if (finished?.status === 'deleted') return ok(renderIndexDeletion(indexId, finished));
			const deletion = emu.sims.deletions.deleteIndex(findIndex(emu, indexId));
			return accepted(renderIndexDeletion(indexId, deletion));
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/indexes/:index_id/deletion', scope: 'read' },
		({ params }) => {
			const indexId = params.index_id as string;
			const deletion = emu.store.indexDeletions.get(indexId);
			if (deletion) return ok(renderIndexDeletion(indexId, deletion));
			findIndex(emu, indexId);
			throw notFound('deletion', indexId);
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/indexes/:index_id/videos', scope: 'read' },
		({ params, query }) => {
			const index = findIndex(emu, params.index_id as string);
			const limit = query.int('limit', 1, 100, 50);
			return ok(
				pageCollection(
					emu.store.listingOf(index.index_id),
					`videos:${index.index_id}`,
					query.optStr('cursor'),
					limit,
					true,
					(id) => {
						const video = emu.store.videos.get(id);
						return video ? renderVideo(emu, video) : undefined;
					},
				),
			);
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/indexes/:index_id/prompt-runs', scope: 'read' },
		({ params, query }) => {
			const index = findIndex(emu, params.index_id as string);
			const limit = query.int('limit', 1, 100, 50);
			return ok(
				pageCollection(
					emu.store.runsOfIndex(index.index_id),
					`runs:${index.index_id}`,
					query.optStr('cursor'),
					limit,
					true,
					(id) => {
						const run = emu.store.runs.get(id);
						return run ? renderRun(emu, run) : undefined;
					},
				),
			);
		},
	);
}
