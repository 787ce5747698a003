import type {
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions } from '../VideoVectorTrigger/load-options';
import { StreamListener } from './stream-listener';
import { sseTriggerProperties } from './trigger-properties';
import { readTriggerSettings } from './trigger-settings';

/**
 * Follows VideoVector's processing event stream (`GET /processing/events/stream`, Server-Sent
 * Events) and starts the workflow per event or per batch — for n8n instances that cannot offer the
 * public HTTPS URL the webhook trigger needs. Resumes where it stopped after reconnects,
 * deactivation and n8n restarts, without gaps or repeats.
 */
export class VideoVectorSseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VideoVector Event Stream Trigger',
		name: 'videoVectorSseTrigger',
		icon: {
			light: 'file:../../icons/videovector.svg',
			dark: 'file:../../icons/videovector.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["output"] === "batch" ? "Batches of Events" : "Each Event" }}',
		description:
			'Starts the workflow on VideoVector processing events (media, prompt runs, segments, imports, exports) read from the live event stream; needs no public URL',
		eventTriggerDescription: 'Waiting for a VideoVector processing event',
		activationMessage:
			'The workflow now follows the VideoVector event stream and resumes where it stopped after restarts.',
		defaults: { name: 'VideoVector Event Stream Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'n8nNodesVideoVectorApi', required: true }],
		properties: sseTriggerProperties,
	};

	methods = { loadOptions };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const listener = new StreamListener(this, readTriggerSettings(this));
		const closeFunction = async () => listener.close();
		if (this.getMode() === 'manual') {
			return { closeFunction, manualTriggerFunction: async () => await listener.listenOnce() };
		}
		await listener.start();
		return { closeFunction };
	}
}
