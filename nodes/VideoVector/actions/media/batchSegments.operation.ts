import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { mediaIdsProperty, readMediaIds } from '../common/media-ids';
import { defineOperation } from '../operation';

/** The endpoint's ceiling for both request shapes (docs/api/conventions.md#media). */
const MAX_MEDIA = 50;

function readTargets(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const collection = context.getNodeParameter('targets', itemIndex, {}) as {
		target?: IDataObject[];
	};
	const targets = (collection.target ?? []).map((target, position) => {
		const videoId = String(target.videoId ?? '').trim();
		if (!videoId) {
			throw new NodeOperationError(
				context.getNode(),
				`Target ${position + 1}: Media ID is required`,
				{ itemIndex },
			);
		}
		const runId = String(target.runId ?? '').trim();
		return runId ? { video_id: videoId, run_id: runId } : { video_id: videoId };
	});
	if (targets.length === 0)
		throw new NodeOperationError(context.getNode(), 'Add at least one target', { itemIndex });
	if (targets.length > MAX_MEDIA) {
		throw new NodeOperationError(
			context.getNode(),
			`At most ${MAX_MEDIA} targets are allowed (got ${targets.length})`,
			{
				itemIndex,
			},
		);
	}
	return targets;
}

export const batchSegments = defineOperation({
	value: 'batchSegments',
	name: 'Get Many Segment Lists',
	action: 'Get the segments of many media items',
	description:
		'Fetch the segment lists of up to 50 media items in one call, each optionally pinned to a prompt run. Returns one item per media with its segments.',
	endpoints: ['videos.batchSegments'],
	properties: [
		{
			displayName: 'Select By',
			name: 'selectBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Media IDs',
					value: 'videoIds',
					description: 'Current segments of each media item',
				},
				{
					name: 'Media and Prompt Run',
					value: 'targets',
					description: 'Segments of each media item as produced by a given run',
				},
			],
			default: 'videoIds',
		},
		mediaIdsProperty(MAX_MEDIA, { show: { selectBy: ['videoIds'] } }),
		{
			displayName: 'Targets',
			name: 'targets',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Target',
			default: {},
			displayOptions: { show: { selectBy: ['targets'] } },
			options: [
				{
					name: 'target',
					displayName: 'Target',
					values: [
						{
							displayName: 'Media ID',
							name: 'videoId',
							type: 'string',
							default: '',
							placeholder: 'e.g. vid_abc123',
						},
						{
							displayName: 'Prompt Run ID',
							name: 'runId',
							type: 'string',
							default: '',
							placeholder: 'e.g. run_abc123',
							description: 'Run whose segments to return; empty for the current ones',
						},
					],
				},
			],
		},
	],
	async execute(itemIndex, session) {
		const selectBy = this.getNodeParameter('selectBy', itemIndex, 'videoIds') as string;
		const body =
			selectBy === 'targets'
				? { targets: readTargets(this, itemIndex) }
				: { video_ids: readMediaIds(this, itemIndex, MAX_MEDIA) };
		return await callEndpoint(session, 'videos.batchSegments', { body });
	},
});
