import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { readPage } from '../../../../shared/http/page-shape';
import type { ApiSession } from '../../../../shared/n8n/api-session';
import { toNodeError } from '../../../../shared/n8n/node-error';

/**
 * `GET /workflow/runs/{id}/results` (docs/api/conventions.md#other-paging-shapes, docs/api/conventions.md#workflow-surface) carries two independent cursor streams in one
 * response: `filtered` (results the prompt's selection kept) and `unfiltered` (everything extracted).
 * Each stream advances with its own cursor, and a stream that has ended is not asked for again — the
 * next request names only the streams still open.
 */
export type ResultStream = 'filtered' | 'unfiltered';

/** The workflow results endpoint serves at most 50 per page and stream (docs/api/conventions.md#workflow-surface). */
export const MAX_RESULTS_PAGE = 50;

export interface RunResultsQuery {
	runId: string;
	streams: ResultStream[];
	resultLevel: string;
	videoId?: string;
	/** Per stream; undefined = all. */
	maxItems?: number;
	pageSize: number;
}

interface StreamState {
	cursor?: string;
	seen: Set<string>;
	taken: number;
}

function viewFor(open: ResultStream[]): string {
	return open.length === 2 ? 'both' : open[0];
}

function pageOf(context: IExecuteFunctions, itemIndex: number, raw: unknown) {
	try {
		return readPage<IDataObject>(raw);
	} catch (error) {
		throw toNodeError(context.getNode(), error, itemIndex);
	}
}

/** Nothing requested is available yet: say why (run still running, selection pending/absent). */
function unavailable(
	context: IExecuteFunctions,
	itemIndex: number,
	query: RunResultsQuery,
	body: IDataObject,
): NodeOperationError {
	const summary = (body.selection_summary ?? {}) as IDataObject;
	return new NodeOperationError(
		context.getNode(),
		`No ${query.streams.join(' or ')} results are available for run ${query.runId} (run status: ${String(body.status)}, selection status: ${String(summary.status ?? 'none')})`,
		{
			itemIndex,
			description:
				'Unfiltered results appear once the run has finished; filtered results once its selection has completed. Wait for the run (Execute or Process Media with Wait for Completion) and try again.',
		},
	);
}

/** Collects the requested streams; each output item is a result with `result_view` naming its stream. */
export async function collectRunResults(
	session: ApiSession<IExecuteFunctions>,
	query: RunResultsQuery,
): Promise<IDataObject[]> {
	const { context, itemIndex } = session;
	const client = await session.client();
	const state = new Map<ResultStream, StreamState>(
		query.streams.map((s) => [s, { seen: new Set(), taken: 0 }]),
	);
	const max = query.maxItems ?? Number.POSITIVE_INFINITY;
	const out: IDataObject[] = [];
	let open = [...query.streams];
	for (let first = true; open.length > 0; first = false) {
		const request = endpointRequest('workflow.listRunResults', {
			params: { run_id: query.runId },
			query: {
				result_level: query.resultLevel,
				view: viewFor(open),
				limit: query.pageSize,
				video_id: query.videoId,
				filtered_cursor: open.includes('filtered') ? state.get('filtered')?.cursor : undefined,
				unfiltered_cursor: open.includes('unfiltered')
					? state.get('unfiltered')?.cursor
					: undefined,
			},
		});
		const body = await client.request<IDataObject>(request);
		if (first && open.every((stream) => !body[stream]))
			throw unavailable(context, itemIndex, query, body);
		const stillOpen: ResultStream[] = [];
		for (const stream of open) {
			const progress = state.get(stream) as StreamState;
			if (!body[stream]) continue;
			const page = pageOf(context, itemIndex, body[stream]);
			const items = page.items.slice(0, max - progress.taken);
			for (const item of items) out.push({ ...item, result_view: stream });
			progress.taken += items.length;
			const next = page.nextCursor;
			if (next === undefined || progress.taken >= max) continue;
			if (progress.seen.has(next)) {
				throw new NodeOperationError(
					context.getNode(),
					`Pagination of the ${stream} results returned a cursor twice, so it would never end`,
					{
						itemIndex,
					},
				);
			}
			progress.seen.add(next);
			progress.cursor = next;
			stillOpen.push(stream);
		}
		open = stillOpen;
	}
	return out;
}
