import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import { accepted, ok } from '../core/reply.js';
import { route } from '../core/route.js';
import type { ImportJobRec } from '../core/types.js';
import { Fields } from '../core/validation.js';
import { renderImportJob } from '../sim/import-jobs.js';
import { findConnector, writableIndex } from './lookups.js';

/** Import jobs (docs/api/conventions.md#import-jobs). */

const STATUSES = ['pending', 'scanning', 'importing', 'completed', 'failed', 'cancelled'] as const;

function findJob(emu: Emulator, jobId: string): ImportJobRec {
	const job = emu.store.importJobs.get(jobId);
	if (!job) throw notFound('import_job', jobId);
	return job;
}

export function registerImportJobRoutes(router: Router, emu: Emulator): void {
	route(router, emu, { method: 'POST', path: '/import-jobs', scope: 'write' }, ({ body }) => {
		const f = Fields.body(body);
		const connector = findConnector(emu, f.str('connector_id', { min: 1 }));
		if (!connector.scopes.includes('import'))
			throw invalid('connector_id', 'the connector does not have the import scope');
		const index = writableIndex(emu, f.str('index_id', { min: 1 }));
		const job = emu.sims.imports.createFromConnector({
			connector_id: connector.connector_id,
			index_id: index.index_id,
			source_prefix: f.optStr('source_prefix', { max: 1024 }) ?? '',
			file_pattern: f.optStr('file_pattern', { max: 256 }) || '*',
			recursive: f.bool('recursive', true),
			import_mode:
				f.optEnum('import_mode_override', ['all', 'new_only'] as const) ?? connector.import_mode,
			automation: false,
		});
		return accepted(renderImportJob(job));
	});

	route(router, emu, { method: 'GET', path: '/import-jobs', scope: 'read' }, ({ query }) => {
		const status = query.optEnum('status', STATUSES);
		const indexId = query.optStr('index_id');
		const automationOnly = query.bool('automation_only', false);
		const limit = query.int('limit', 1, 200, 50);
		const jobs = emu.store.importJobs
			.newestFirst()
			.filter(
				(job) =>
					(!status || job.status === status) &&
					(!indexId || job.target_index_id === indexId) &&
					(!automationOnly || job.automation),
			)
			.slice(0, limit);
		return ok(jobs.map(renderImportJob));
	});

	route(router, emu, { method: 'GET', path: '/import-jobs/:job_id', scope: 'read' }, ({ params }) =>
		ok(renderImportJob(findJob(emu, params.job_id as string))),
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/import-jobs/:job_id/cancel', scope: 'write', body: 'none' },
		({ params }) =>
			ok(renderImportJob(emu.sims.imports.cancel(findJob(emu, params.job_id as string)))),
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/import-jobs/:job_id/retry', scope: 'write', body: 'none' },
		({ params }) =>
			accepted(renderImportJob(emu.sims.imports.retry(findJob(emu, params.job_id as string)))),
	);
}
