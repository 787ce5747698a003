import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { loadOptions } from '../VideoVectorTrigger/load-options';
import { PollCursor } from './poll-cursor';
import { pollTriggerProperties } from './poll-properties';
import { readPollSettings } from './poll-settings';
import { readChanges } from './read-changes';
import { sampleChange } from './sample-change';

/**
 * Watches prompt runs, import jobs, exports and media for status changes on n8n's polling schedule:
 * each poll reads the processing event feed after the stored position and returns the matching
 * changes. For n8n instances with no public URL, behind proxies that cut long-lived streams.
 */
export class VideoVectorPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VideoVector Poll Trigger',
		name: 'videoVectorPollTrigger',
		icon: {
			light: 'file:../../icons/videovector.svg',
			dark: 'file:../../icons/videovector.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ($parameter["events"] || []).includes("*") ? "All Events" : "Events: " + ($parameter["events"] || []).length }}',
		description:
			'Starts the workflow when VideoVector prompt runs, import jobs, exports or media change status, checked on a schedule; needs no public URL and no long-lived connection',
		activationMessage:
			'The workflow now checks VideoVector for the chosen events on its schedule, starting from now; each change starts it once.',
		defaults: { name: 'VideoVector Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'n8nNodesVideoVectorApi', required: true }],
		properties: pollTriggerProperties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readPollSettings(this);
		if (this.getMode() === 'manual') return [[{ json: await sampleChange(this, settings) }]];

		const cursor = new PollCursor(this.getWorkflowStaticData('node'));
		if (!cursor.started) cursor.start(settings.startAfter);
		const after = cursor.lastEventId;
		const outcome = await readChanges(this, settings, after);
		if (outcome.expired) {
			if (settings.continueAfterExpired) cursor.forget();
			throw new NodeOperationError(
				this.getNode(),
				'The VideoVector event feed no longer holds the changes after the stored position',
				{
					description: settings.continueAfterExpired
						? `Changes after event ${after} were missed (the server keeps about a day and 10,000 events). The trigger continues with new changes from the next poll.`
						: `Changes after event ${after} were missed (the server keeps about a day and 10,000 events). Set Options → If Resume Position Expired to continue with new changes.`,
				},
			);
		}
		if (outcome.lastEventId !== undefined) cursor.advance(outcome.lastEventId);
		if (outcome.changes.length === 0) return null;
		return [outcome.changes.map((json) => ({ json }))];
	}
}
