import type { ResourceDefinition } from '../resource';
import { readEvents } from './readEvents.operation';

export const processingEventResource: ResourceDefinition = {
	value: 'processingEvent',
	name: 'Processing Event',
	description:
		'The live stream of processing events, read for a bounded time (for continuous delivery use the trigger)',
	defaultOperation: 'readEvents',
	operations: [readEvents],
};
