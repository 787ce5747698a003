import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { checkInteger } from '../common/checked-parameters';
import { locator, locatorValue, MEDIA } from '../common/locators';
import { defineOperation } from '../operation';

export const split = defineOperation({
	value: 'split',
	name: 'Split Into Segments',
	action: 'Split a media item into fixed-length segments',
	description:
		'Cut one media item into segments of a fixed length, optionally applying a prompt. To extract metadata from many media, use Prompt Run → Execute instead.',
	endpoints: ['videos.process'],
	properties: [
		locator(MEDIA),
		{
			displayName: 'Segment Duration (Seconds)',
			name: 'segmentDuration',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 300 },
			default: 10,
			description: 'Length of each segment in seconds (1–300)',
		},
		{
			displayName: 'Prompt ID',
			name: 'promptId',
			type: 'string',
			default: '',
			placeholder: 'e.g. prompt_abc123',
			description: 'Prompt to apply while processing; empty processes without one',
		},
	],
	async execute(itemIndex, session) {
		const videoId = locatorValue(this, MEDIA, itemIndex);
		const duration = checkInteger(
			this,
			itemIndex,
			this.getNodeParameter('segmentDuration', itemIndex, 10),
			'Segment Duration',
			1,
			300,
		);
		const query: Record<string, string | number> = { segment_duration: duration };
		const promptId = String(this.getNodeParameter('promptId', itemIndex, '') ?? '').trim();
		if (promptId) query.prompt_id = promptId;
		return await callEndpoint(session, 'videos.process', {
			params: { video_id: videoId },
			query,
		});
	},
});
