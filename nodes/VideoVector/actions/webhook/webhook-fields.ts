import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseIdList } from '../../../../shared/n8n/id-list';
import { parseJsonObject } from '../common/json-parameter';
import { optionalText } from '../common/required-text';
import { idMultiSelect } from '../common/id-multi-select';

/**
 * Parameters and checks shared by webhook create and update: the delivery URL, the event list
 * (loaded from `GET /webhooks/events`), index scoping and metadata.
 */

export const WEBHOOK_NAME_MAX_LENGTH = 100;

/** The loadOptions method (methods/webhookEventTypes.ts) that fills the event picker. */
export const WEBHOOK_EVENTS_LOAD_METHOD = 'getWebhookEventTypes';

export function webhookUrlProperty(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/hooks/videovector',
		description:
			'Where VideoVector POSTs signed event deliveries. Must be https (http only for localhost or 127.0.0.1).',
		...extra,
	};
}

export function webhookEventsProperty(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Event Names or IDs',
		name: 'events',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: WEBHOOK_EVENTS_LOAD_METHOD },
		default: [],
		description:
			'Events to deliver, e.g. prompt_run.completed or import_job.failed. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		...extra,
	};
}

export function webhookIndexIdsProperty(description: string): INodeProperties {
	return idMultiSelect({ name: 'indexIds', noun: 'Index', method: 'getIndexChoices', description });
}

export const webhookMetadataProperty: INodeProperties = {
	displayName: 'Metadata',
	name: 'metadata',
	type: 'json',
	default: '{}',
	description: 'JSON object stored with the subscription and included in every delivery',
};

/** https anywhere; plain http only to this machine, for local receivers (docs/api/conventions.md#webhook-endpoints). */
export function checkWebhookUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): string {
	const url = String(raw ?? '').trim();
	const refuse = (message: string) =>
		new NodeOperationError(context.getNode(), message, {
			itemIndex,
			description:
				'Use an https:// URL that VideoVector can reach, or http://localhost / http://127.0.0.1 for local testing.',
		});
	if (!url) throw refuse('URL is required');
	if (!URL.canParse(url)) throw refuse('URL is not a valid URL');
	const parsed = new URL(url);
	// Credentials in a URL end up in logs and delivery records.
	if (parsed.username || parsed.password)
		throw refuse('URL must not contain a user name or password');
	if (parsed.protocol === 'https:') return url;
	if (
		parsed.protocol === 'http:' &&
		(parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1')
	)
		return url;
	throw refuse('URL must use https (http is allowed only for localhost and 127.0.0.1)');
}

/** At least one event name; names are sent as chosen (unknown names are the API's to judge). */
export function checkWebhookEvents(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): string[] {
	const events = parseIdList(raw);
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Select at least one event', {
			itemIndex,
			description: 'Choose the events to deliver, e.g. prompt_run.completed.',
		});
	}
	return events;
}

export function checkWebhookName(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): string | undefined {
	return optionalText(context, itemIndex, raw, 'Name', { maxLength: WEBHOOK_NAME_MAX_LENGTH });
}

/** Index IDs as sent: a list, or `null` ("every index") when none are given. */
export function webhookIndexIds(raw: unknown): string[] | null {
	const ids = parseIdList(raw);
	return ids.length > 0 ? ids : null;
}

/** Metadata to send, or `undefined` when the object is empty. */
export function webhookMetadata(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): IDataObject | undefined {
	const metadata = parseJsonObject(context, itemIndex, raw, 'Metadata');
	return metadata && Object.keys(metadata).length > 0 ? metadata : undefined;
}
