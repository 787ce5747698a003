import type { Execution } from '../../../tools/n8n/workflow-types';
import type { CatalogOperation } from './operations';
import { BINARY_SOURCE } from './workflows';
import { type RecordedRequest, requestProblems } from './request-rules';

export interface OperationReport {
	resource: string;
	operation: string;
	executed: boolean;
	ok: boolean;
	requests: Array<{ method: string; path: string }>;
	problems: string[];
}

interface TimedRun {
	startTime?: number;
	executionTime?: number;
	error?: { message: string; description?: string };
	data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
}

/** Keys of the items the node emits for a failed item (whatever n8n merges in from the input item aside). */
const ERROR_ITEM_KEYS = new Set(['error', 'message', 'details', 'description', 'httpCode', 'api']);

/** An error item, as opposed to data that merely has an `error` field (a chat turn's `error: null`). */
function isErrorItem(json: Record<string, unknown>): boolean {
	return (
		typeof json.error === 'string' && Object.keys(json).every((key) => ERROR_ITEM_KEYS.has(key))
	);
}

/** Slack around a node's run window: n8n's timestamps and the emulator's are taken in different processes. */
const SLACK_MS = 3;

/**
 * The report of one operation from its node's run and the requests the emulator received while
 * that node ran (the catalog's nodes run one after another, so time windows do not overlap).
 */
export function evaluateOperation(
	op: CatalogOperation,
	execution: Execution,
	requests: RecordedRequest[],
	unfilled: string[] | undefined,
): OperationReport {
	const report: OperationReport = {
		resource: op.resource,
		operation: op.operation,
		executed: false,
		ok: false,
		requests: [],
		problems: [],
	};
	if (unfilled?.length)
		report.problems.push(
			`the catalog has no value for required parameter(s) ${unfilled.join(', ')}`,
		);
	const run = execution.data?.resultData.runData[op.id]?.[0] as TimedRun | undefined;
	if (!run) {
		const stopped = execution.data?.resultData.error;
		const source = execution.data?.resultData.runData[BINARY_SOURCE]?.[0];
		const sourceError =
			source?.error?.message ?? (source?.data?.main[0]?.[0]?.json.error as string | undefined);
		report.problems.push(
			`the node did not run${stopped ? ` (the workflow stopped: ${stopped.message})` : ''}${sourceError ? ` (${BINARY_SOURCE} failed: ${sourceError})` : ''}`,
		);
		return report;
	}
	report.executed = true;
	const from = (run.startTime ?? 0) - SLACK_MS;
	const to = (run.startTime ?? 0) + (run.executionTime ?? 0) + SLACK_MS;
	const mine = requests.filter(
		(request) => request.received_ms >= from && request.received_ms <= to,
	);
	report.requests = mine.map((request) => ({ method: request.method, path: request.path }));
	if (run.error)
		report.problems.push(
			`node error: ${run.error.message}${run.error.description ? ` (${run.error.description})` : ''}`,
		);
	for (const item of (run.data?.main ?? []).flatMap((items) => items ?? [])) {
		if (isErrorItem(item.json))
			report.problems.push(
				`error item: ${String(item.json.error)}${item.json.description ? ` (${String(item.json.description)})` : ''}`,
			);
	}
	if (mine.length === 0) report.problems.push('no request reached the API');
	for (const request of mine) report.problems.push(...requestProblems(request));
	report.problems = [...new Set(report.problems)];
	report.ok = report.problems.length === 0;
	return report;
}
