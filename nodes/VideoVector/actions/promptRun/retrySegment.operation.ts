import type { IDataObject } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { readWaitSettings, waitForCompletionProperties } from '../common/wait';
import { defineOperation } from '../operation';
import { RETRY_FAILURES, settleOutcome, waitForSegmentRetry } from './run-wait';
import { readSegmentAddress, segmentAddressProperties } from './segment-address';

export const retrySegment = defineOperation({
	value: 'retrySegment',
	name: 'Retry Segment',
	action: 'Retry a failed segment of a prompt run',
	description:
		'Reprocess one failed segment of a finished run. Returns the retry with its ID and status; optionally waits until the retry is completed or failed.',
	endpoints: ['prompt_runs.retrySegment', 'prompt_runs.getSegmentRetry'],
	properties: [
		...segmentAddressProperties,
		...waitForCompletionProperties('segment retry'),
		optionsWithIdempotencyKey(),
	],
	async execute(itemIndex, session) {
		const address = readSegmentAddress(this, itemIndex);
		const wait = readWaitSettings(this, itemIndex);
		const retry = await callEndpoint(session, 'prompt_runs.retrySegment', { params: address });
		if (!wait.enabled) return retry;
		const final = await waitForSegmentRetry(
			session,
			{ ...address, retry_id: String(retry.retry_id) },
			wait,
		);
		return settleOutcome(
			this,
			itemIndex,
			final as IDataObject,
			RETRY_FAILURES,
			`Segment retry ${String(retry.retry_id)}`,
		);
	},
});
