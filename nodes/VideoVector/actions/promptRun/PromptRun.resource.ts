import type { ResourceDefinition } from '../resource';
import { cancel } from './cancel.operation';
import { estimate } from './estimate.operation';
import { execute } from './execute.operation';
import { get } from './get.operation';
import { getFailedSegments } from './getFailedSegments.operation';
import { getSegmentRetry } from './getSegmentRetry.operation';
import { getVideoResult } from './getVideoResult.operation';
import { list } from './list.operation';
import { listLlmCalls } from './listLlmCalls.operation';
import { listSegmentResults } from './listResults.operation';
import { listRunResults } from './listRunResults.operation';
import { processMediaWithPrompt } from './process.operation';
import { retrySegment } from './retrySegment.operation';

export const promptRunResource: ResourceDefinition = {
	value: 'promptRun',
	name: 'Prompt Run',
	description: 'Runs of a prompt over media: start, estimate, follow, cancel, retry and read results',
	operations: [
		cancel,
		estimate,
		execute,
		get,
		getFailedSegments,
		listLlmCalls,
		list,
		getVideoResult,
		listRunResults,
		listSegmentResults,
		getSegmentRetry,
		processMediaWithPrompt,
		retrySegment,
	],
};
