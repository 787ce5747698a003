import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';

export const listEventTypes = defineOperation({
	value: 'getEventTypes',
	name: 'Get Event Types',
	action: 'Get webhook event types',
	description:
		'List the event names a webhook can subscribe to (e.g. prompt_run.completed, import_job.failed), one item per event',
	endpoints: ['webhooks.listEventTypes'],
	properties: [...returnAllOrLimit()],
	async execute(_itemIndex, session) {
		// A public endpoint; the credential's header is sent anyway and is harmless there.
		const request = endpointRequest('webhooks.listEventTypes', {});
		// Names are strings; n8n items are objects.
		const toItems = (body: unknown) =>
			(Array.isArray(body) ? body : []).map((name) => ({ event_type: String(name) }));
		return await executePlainList(session, request, toItems);
	},
});
