import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { checkText } from '../../../../shared/n8n/text-check';
import { defineOperation } from '../operation';
import { readSegmentAddress, segmentAddressProperties } from './segment-address';

export const getSegmentRetry = defineOperation({
	value: 'getSegmentRetry',
	name: 'Get Segment Retry',
	action: 'Get the status of a segment retry',
	description:
		'Retrieve a segment retry: status (queued, processing, completed, failed), timings and error',
	endpoints: ['prompt_runs.getSegmentRetry'],
	properties: [
		...segmentAddressProperties,
		{
			displayName: 'Retry ID',
			name: 'retryId',
			type: 'string',
			required: true,
			default: '',
			description: 'The retry ID returned by Retry Segment',
		},
	],
	async execute(itemIndex, session) {
		const params = {
			...readSegmentAddress(this, itemIndex),
			retry_id: checkText(
				this,
				itemIndex,
				this.getNodeParameter('retryId', itemIndex, ''),
				'Retry ID',
				{ min: 1 },
			),
		};
		return await callEndpoint(session, 'prompt_runs.getSegmentRetry', { params });
	},
});
