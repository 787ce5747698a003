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
import { chainWorkflow, measureRun, type MeasuredRun, withN8n } from './n8n-bench-stack';
import { ratioOf, type BenchResult } from './result';

const ITEMS = 100_000;
const PAGE = 100;
const TIME_RATIO_TARGET = 1.5;
const RSS_RATIO_TARGET = 1.5;

function outputCount(run: MeasuredRun, node: string): number {
	const runs = run.execution.data?.resultData.runData[node] ?? [];
	return runs.reduce((sum, entry) => sum + (entry.data?.main[0]?.length ?? 0), 0);
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
				resource: 'index',
				operation: 'getMedia',
				indexId: { __rl: true, mode: 'id', value: indexId },
				returnAll: true,
			},
		};
		const baseline = await measureRun(
			stack,
			chainWorkflow('Bench 100k, HTTP Request + Split Out', [httpRequest, splitOut]),
		);
		const node = await measureRun(stack, chainWorkflow('Bench 100k, List Media', [listMedia]));
		if (outputCount(baseline, 'Split Out') !== ITEMS)
			throw new Error(`baseline gave ${outputCount(baseline, 'Split Out')} items`);
		if (outputCount(node, 'List Media') !== ITEMS)
			throw new Error(`the node gave ${outputCount(node, 'List Media')} items`);
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
