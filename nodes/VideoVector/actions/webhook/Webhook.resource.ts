import type { ResourceDefinition } from '../resource';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { listDeliveries } from './getDeliveries.operation';
import { getDelivery } from './getDelivery.operation';
import { listEventTypes } from './getEventTypes.operation';
import { retryDelivery } from './retryDelivery.operation';
import { rotateSecret } from './rotateSecret.operation';
import { test } from './test.operation';
import { update } from './update.operation';

export const webhookResource: ResourceDefinition = {
	value: 'webhook',
	name: 'Webhook',
	description:
		'Subscriptions that push signed event notifications (run finished, import failed…) to a URL',
	defaultOperation: 'create',
	operations: [
		create,
		remove,
		get,
		listDeliveries,
		getDelivery,
		listEventTypes,
		getAll,
		retryDelivery,
		rotateSecret,
		test,
		update,
	],
};
