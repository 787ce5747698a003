import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import { ok } from '../core/reply.js';
import { route } from '../core/route.js';
import type { JsonObject, MarkerRec } from '../core/types.js';
import { Fields } from '../core/validation.js';
import { deleted, findPrompt, findRun } from './lookups.js';

/**
 * Markers (docs/api/conventions.md#markers): one marker per target (type + id [+ field path]); PUT creates or replaces it.
 * Field markers target a prompt run and name the metadata `field_path`.
 */

const TARGET_TYPES = ['prompt', 'prompt_run', 'field'] as const;
const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-z]{3,20})$/;

function renderMarker(marker: MarkerRec): JsonObject {
	return { ...marker };
}

export function registerMarkerRoutes(router: Router, emu: Emulator): void {
	route(router, emu, { method: 'GET', path: '/markers', scope: 'read' }, ({ query }) => {
		const type = query.optEnum('target_type', TARGET_TYPES);
		const targetId = query.optStr('target_id');
		return ok(
			emu.store.markers
				.values()
				.filter((m) => (!type || m.target_type === type) && (!targetId || m.target_id === targetId))
				.map(renderMarker),
		);
	});

	route(router, emu, { method: 'PUT', path: '/markers', scope: 'write' }, ({ body }) => {
		const f = Fields.body(body);
		const targetType = f.optEnum('target_type', TARGET_TYPES);
		if (!targetType) throw invalid('target_type', 'is required');
		const targetId = f.str('target_id', { min: 1 });
		const fieldPath = f.optStr('field_path', { min: 1, max: 500 }) ?? null;
		if (targetType === 'prompt') findPrompt(emu, targetId);
		else findRun(emu, targetId);
		if (targetType === 'field' && !fieldPath)
			throw invalid('field_path', 'is required for field markers');
		if (targetType !== 'field' && fieldPath)
			throw invalid('field_path', 'is only allowed for field markers');
		const color =
			f.optStr('color', {
				min: 1,
				max: 20,
				pattern: COLOR,
				patternHint: 'must be a #hex colour or a colour name',
			}) ?? null;
		const note = f.optStr('note', { max: 2000 }) ?? null;
		const now = emu.nowIso();
		const existing = emu.store.markers
			.values()
			.find(
				(m) =>
					m.target_type === targetType && m.target_id === targetId && m.field_path === fieldPath,
			);
		if (existing) {
			Object.assign(existing, { color, note, updated_at: now });
			return ok(renderMarker(existing));
		}
		const marker: MarkerRec = {
			marker_id: emu.ids.next('marker'),
			target_type: targetType,
			target_id: targetId,
			field_path: fieldPath,
			color,
			note,
			created_at: now,
			updated_at: now,
		};
		emu.store.markers.set(marker.marker_id, marker);
		return ok(renderMarker(marker));
	});

	route(
		router,
		emu,
		{ method: 'DELETE', path: '/markers/:marker_id', scope: 'write' },
		({ params }) => {
			const markerId = params.marker_id as string;
			if (!emu.store.markers.get(markerId)) throw notFound('marker', markerId);
			emu.store.markers.delete(markerId);
			return ok(deleted('Marker'));
		},
	);
}
