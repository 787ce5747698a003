import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { PROCESSING_STREAM_ERROR_EVENT } from '../../../../shared/contract/schemas/processing-event';
import { parseIdList } from '../../../../shared/n8n/id-list';
import { readBoundedSse } from '../../../../shared/n8n/sse-read';
import type { SseEvent } from '../../../../shared/sse/parser';
import { interpretProcessingEvent } from '../../../../shared/sse/processing-event';
import { positiveNumber, trimmedText } from '../common/collection-values';
import { filtersCollection, optionsCollection } from '../../../../shared/n8n/parameter-collections';
import {
	lastEventIdProperty,
	maxWaitProperty,
	readPositiveNumber,
	readStreamBounds,
} from '../common/sse-parameters';
import { defineOperation } from '../operation';
import { idMultiSelect } from '../common/id-multi-select';

const MAX_WAIT_DEFAULT = 30;

export const readEvents = defineOperation({
	value: 'readEvents',
	name: 'Read Events',
	action: 'Read processing events',
	description:
		'Read processing events (media, prompt runs, segments, imports, exports) from the live event stream for a bounded time, one item per event. Pass the Event ID of the last event read as Start After Event ID to continue where a previous read stopped.',
	endpoints: ['processing_events.stream'],
	properties: [
		{
			displayName: 'Limit',
			name: 'maxEvents',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			description: 'Stop after this many events',
		},
		maxWaitProperty(MAX_WAIT_DEFAULT, 'Stop after this many seconds, even if fewer events arrived'),
		lastEventIdProperty,
		filtersCollection([
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'string',
				default: '',
				placeholder: 'e.g. prompt_run.completed, segment.failed',
				description:
					'Only these event types (comma-separated; typed, as the API has no list of processing event types)',
			},
			{
				displayName: 'Index ID',
				name: 'indexId',
				type: 'string',
				default: '',
				description: 'Only events of this index',
			},
			{
				displayName: 'Prompt Run ID',
				name: 'runId',
				type: 'string',
				default: '',
				description: 'Only events of this prompt run',
			},
			idMultiSelect({
				name: 'videoIds',
				noun: 'Media',
				method: 'getMediaChoices',
				description: 'Only events of these media items (listed: the media of every index)',
			}),
		]),
		optionsCollection([
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Most events the server sends in one batch',
			},
			{
				displayName: 'Stop When Idle (Seconds)',
				name: 'idleSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Stop early when no event arrived for this long, e.g. once a replay from Start After Event ID has caught up. 0: wait the full Max Wait.',
			},
		]),
	],
	async execute(itemIndex, session) {
		const maxEvents = Math.floor(readPositiveNumber(this, itemIndex, 'maxEvents', 'Limit', 100));
		const bounds = readStreamBounds(this, itemIndex, MAX_WAIT_DEFAULT);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const query = {
			run_id: trimmedText(filters.runId),
			index_id: trimmedText(filters.indexId),
			video_ids: parseIdList(filters.videoIds),
			event_types: parseIdList(filters.eventTypes),
			batch_size: positiveNumber(options.batchSize),
		};
		const idleSeconds = positiveNumber(options.idleSeconds);

		const result = await readBoundedSse(
			session,
			endpointRequest('processing_events.stream', { query }),
			{
				...bounds,
				maxEvents,
				idleTimeoutMs: idleSeconds === undefined ? undefined : idleSeconds * 1000,
				// The server closes the stream right after a stream error.
				stopAfter: (event) => event.event === PROCESSING_STREAM_ERROR_EVENT,
			},
		);
		return result.events.map((event) => toItem(this, itemIndex, event, bounds.lastEventId ?? ''));
	},
});

/** One processing event as an item: its `data` object, which names its own id and type (docs/api/conventions.md#processing-event-stream). */
function toItem(
	context: IExecuteFunctions,
	itemIndex: number,
	sse: SseEvent,
	resumedFrom: string,
): IDataObject {
	const item = interpretProcessingEvent(sse);
	if (item.kind === 'event') return item.event as IDataObject;
	if (item.kind === 'invalid')
		return { event_id: sse.id ?? null, event_type: sse.event ?? 'message', data: sse.data };
	// Safe to fail the item: a re-run with the same Start After Event ID replays the same events.
	throw new NodeOperationError(
		context.getNode(),
		item.lastEventIdExpired
			? 'The event stream cannot resume from Start After Event ID: that event is no longer retained'
			: `The event stream failed: ${item.message ?? item.code}`,
		{
			itemIndex,
			description: item.lastEventIdExpired
				? `Events after ${resumedFrom} may have been missed. Clear Start After Event ID to read new events, and re-fetch state (e.g. runs, media) to catch up.`
				: `Code: ${item.code}. Run again with the same Start After Event ID to resume.`,
		},
	);
}
