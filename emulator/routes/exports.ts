import type { Router } from 'express';
import { authenticate, requireScope } from '../core/auth.js';
import type { Emulator } from '../core/context.js';
import { ApiError, conflict, invalid, notFound } from '../core/errors.js';
import { accepted, ok } from '../core/reply.js';
import { route } from '../core/route.js';
import type { ExportRec } from '../core/types.js';
import { Fields } from '../core/validation.js';
import { renderExport } from '../sim/exports.js';
import { findConnector, findIndex, findRun } from './lookups.js';

/** Exports (docs/api/conventions.md#exports): create, poll, mint a single-use download URL, download (auth header or ?token=). */

function findExport(emu: Emulator, exportId: string): ExportRec {
	const record = emu.store.exports.get(exportId);
	if (!record) throw notFound('export', exportId);
	return record;
}

function destination(emu: Emulator, f: Fields) {
	const connectorId = f.optStr('destination_connector_id', { min: 1 }) ?? null;
	if (connectorId && !findConnector(emu, connectorId).scopes.includes('export'))
		throw invalid('destination_connector_id', 'the connector does not have the export scope');
	return {
		destination_connector_id: connectorId,
		destination_subpath: f.optStr('destination_subpath', { max: 1024 }) || null,
		result_scope: f.enumOf('result_scope', ['all', 'matches'] as const, 'all'),
	};
}

export function registerExportRoutes(router: Router, emu: Emulator): void {
	route(
		router,
		emu,
		{ method: 'POST', path: '/exports/index/:index_id', scope: 'write' },
		({ params, body }) => {
			const index = findIndex(emu, params.index_id as string);
			const f = Fields.body(body);
			const runIds = f.optStrArray('prompt_run_ids');
			runIds?.forEach((runId, i) => {
				const run = findRun(emu, runId);
				if (!emu.store.runsOfIndex(index.index_id).has(run.run_id))
					throw invalid(
						`prompt_run_ids[${i}]`,
						`run ${runId} does not belong to index ${index.index_id}`,
					);
			});
			const record = emu.sims.exports.create({
				export_type: 'index',
				target_id: index.index_id,
				prompt_run_ids: runIds?.length ? runIds : null,
				...destination(emu, f),
			});
			return accepted({ export_id: record.export_id, status: record.status });
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/exports/prompt-run/:run_id', scope: 'write' },
		({ params, body }) => {
			const run = findRun(emu, params.run_id as string);
			const f = Fields.body(body);
			if (f.has('prompt_run_ids'))
				throw invalid('prompt_run_ids', 'is not accepted for prompt-run exports');
			const record = emu.sims.exports.create({
				export_type: 'prompt_run',
				target_id: run.run_id,
				prompt_run_ids: null,
				...destination(emu, f),
			});
			return accepted({ export_id: record.export_id, status: record.status });
		},
	);

	route(router, emu, { method: 'GET', path: '/exports', scope: 'read' }, ({ query }) => {
		const limit = query.int('limit', 1, 100, 50);
		return ok(
			emu.store.exports
				.newestFirst()
				.slice(0, limit)
				.map((record) => renderExport(emu, record)),
		);
	});

	route(router, emu, { method: 'GET', path: '/exports/:export_id', scope: 'read' }, ({ params }) =>
		ok(renderExport(emu, findExport(emu, params.export_id as string))),
	);

	// Each call mints a fresh credential, so an Idempotency-Key is ignored here (docs/api/conventions.md#idempotency-keys).
	route(
		router,
		emu,
		{
			method: 'POST',
			path: '/exports/:export_id/download-url',
			scope: 'read',
			body: 'none',
			idempotency: false,
		},
		({ params }) => {
			const record = findExport(emu, params.export_id as string);
			const direct = record.destination_connector_id === null;
			const ready = direct && record.status === 'completed' && record.artifact !== null;
			return ok({
				export_id: record.export_id,
				status: record.status,
				destination_type: direct ? 'download' : 'connector',
				destination_connector_id: record.destination_connector_id,
				download_url: ready
					? `${emu.baseUrl}/exports/${record.export_id}/download?token=${emu.sims.exports.mintToken(record)}`
					: null,
			});
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/exports/:export_id/download', scope: null, auth: 'none' },
		({ req, params, query }) => {
			const exportId = params.export_id as string;
			const token = query.optStr('token');
			if (token !== undefined) {
				if (!emu.sims.exports.consumeToken(token, exportId)) {
					throw new ApiError(
						401,
						'authentication_invalid_download_token',
						'The download token is invalid, expired or already used',
					);
				}
			} else {
				const principal = authenticate(req.headers, 'api_key', {
					store: emu.store,
					bearerToken: emu.settings.bearerToken,
					now: () => emu.now(),
					nowIso: () => emu.nowIso(),
				});
				requireScope(principal, 'read');
			}
			const record = findExport(emu, exportId);
			if (record.destination_connector_id)
				throw conflict('This export was delivered to a connector; there is nothing to download', {
					export_id: exportId,
				});
			if (record.status !== 'completed' || !record.artifact)
				throw conflict(`Export is ${record.status}; download is available once it is completed`, {
					export_id: exportId,
					status: record.status,
				});
			return {
				status: 200,
				raw: record.artifact,
				contentType: 'application/json',
				headers: { 'Content-Disposition': `attachment; filename="${exportId}.json"` },
			};
		},
	);
}
