/**
 * Return All of 100,000 items through the real n8n: Index → List Media with Return All over an
 * index of 100,000 media (1,000 cursor pages of 100), against n8n's own HTTP Request node paging
 * through the same list ("update a parameter in each request": cursor from the previous answer,
 * done when `has_more` is false) and Split Out turning its 1,000 pages into the same 100,000 items
 * — both measured in the same n8n, the baseline first. Reported: workflow duration (start to saved
 * execution, so n8n's saving of 100,000 items counts on both sides), target ratio <= 1.5; and peak
 * growth of n8n's resident memory, target ratio <= 1.5 (both paths hold the same items).
 * Run: `npm run bench -- n8n-return-all`.
 */
import { chainWorkflow, measureRun, withN8n } from './n8n-bench-stack';
import { ratioOf, type BenchResult } from './result';

const ITEMS = 100_000;
const PAGE = 100;
const TIME_RATIO_TARGET = 1.5;
const RSS_RATIO_TARGET = 1.5;

interface Recorded {
	method: string;
	path: string;
	query: Record<string, unknown>;
	status: number | null;
}

/**
 * Checks a path fetched every page of the list, from the emulator's request log: reading 100,000
 * items back out of n8n's execution data would cost more than the run. 1,000 answered GETs of 100,
 * the first without a cursor, every other with one.
 */
function expectAllPages(requests: Recorded[], label: string): void {
	const pages = requests.filter((r) => r.method === 'GET' && /\/videos$/.test(r.path));
	const ok = pages.filter((r) => r.status === 200);
	const withCursor = pages.filter((r) => r.query.cursor !== undefined);
	if (ok.length !== ITEMS / PAGE || withCursor.length !== ITEMS / PAGE - 1)
		throw new Error(
			`${label}: ${ok.length} answered pages (${withCursor.length} with a cursor), expected ${ITEMS / PAGE}`,
		);
}

export async function run(): Promise<BenchResult[]> {
	return withN8n({ emulator: { seed: 'empty', clockScale: 0 } }, async (stack) => {
		const { emulator } = stack;
		const { index_id: indexId } = emulator.control.seed.index({
			media: ITEMS,
			run: false,
			name: 'Bench 100k',
		}) as { index_id: string };

		const httpRequest = {
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [0, 0] as [number, number],
			parameters: {
				url: `${emulator.baseUrl}/indexes/${indexId}/videos`,
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'limit', value: String(PAGE) }] },
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'x-api-key', value: emulator.apiKey }] },
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: {
								parameters: [
									{
										type: 'qs',
										name: 'cursor',
										value: '={{ $response.body.pagination.next_cursor }}',
									},
								],
							},
							paginationCompleteWhen: 'other',
							completeExpression: '={{ !$response.body.pagination.has_more }}',
						},
					},
				},
			},
		};
		const splitOut = {
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} },
		};
		const listMedia = {
			name: 'List Media',
			type: stack.nodeType('videoVector'),
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {
				resource: 'media',
				operation: 'getAll',
				mediaIn: 'index',
				indexId: { __rl: true, mode: 'id', value: indexId },
				returnAll: true,
			},
		};
		const log = () => emulator.control.requests.list() as unknown as Recorded[];
		emulator.control.requests.clear();
		const baseline = await measureRun(
			stack,
			chainWorkflow('Bench 100k, HTTP Request + Split Out', [httpRequest, splitOut]),
		);
		expectAllPages(log(), 'baseline');
		emulator.control.requests.clear();
		const node = await measureRun(stack, chainWorkflow('Bench 100k, List Media', [listMedia]));
		expectAllPages(log(), 'node');
		const timeRatio = ratioOf(node.seconds, baseline.seconds);
		const rssRatio = ratioOf(node.peakGrowthMb, baseline.peakGrowthMb);
		return [
			{
				name: "n8n-return-all: Index → List Media, Return All of 100k media in the real n8n, vs n8n's HTTP Request pagination + Split Out",
				value: Number(node.seconds.toFixed(1)),
				unit: 's',
				baseline: Number(baseline.seconds.toFixed(1)),
				ratio: timeRatio,
				target: `ratio <= ${TIME_RATIO_TARGET}`,
				pass: timeRatio <= TIME_RATIO_TARGET,
			},
			{
				name: 'n8n-return-all: n8n RSS growth (main + task runner) during the 100k Return All, vs the HTTP Request baseline',
				value: node.peakGrowthMb,
				unit: 'MB',
				baseline: baseline.peakGrowthMb,
				ratio: rssRatio,
				target: `ratio <= ${RSS_RATIO_TARGET}`,
				pass: rssRatio <= RSS_RATIO_TARGET,
			},
		];
	});
}
