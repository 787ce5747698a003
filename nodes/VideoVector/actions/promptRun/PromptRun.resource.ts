import type { ResourceDefinition } from '../resource';
import { cancel } from './cancel.operation';
import { estimate } from './estimate.operation';
import { execute } from './execute.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getFailedSegments } from './getFailedSegments.operation';
import { getLlmCalls } from './getLlmCalls.operation';
import { getMediaResult } from './getMediaResult.operation';
import { getRunResults } from './getRunResults.operation';
import { getSegmentResults } from './getSegmentResults.operation';
import { getSegmentRetry } from './getSegmentRetry.operation';
import { processMedia } from './processMedia.operation';
import { retrySegment } from './retrySegment.operation';
import { runAndGetResults } from './runAndGetResults.operation';

export const promptRunResource: ResourceDefinition = {
	value: 'promptRun',
	name: 'Prompt Run',
	description:
		'Runs of a prompt over media: start, estimate, follow, cancel, retry and read results',
	defaultOperation: 'execute',
	operations: [
		cancel,
		estimate,
		execute,
		get,
		getFailedSegments,
		getLlmCalls,
		getAll,
		getMediaResult,
		getRunResults,
		getSegmentResults,
		getSegmentRetry,
		processMedia,
		retrySegment,
		runAndGetResults,
	],
};
