import type { ResourceDefinition } from '../resource';
import { ask } from './ask.operation';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getTurnEvents } from './getTurnEvents.operation';
import { rename } from './rename.operation';

export const chatSessionResource: ResourceDefinition = {
	value: 'chatSession',
	name: 'Chat Session',
	description: 'Conversations with the search agent, which answers questions about your media',
	defaultOperation: 'ask',
	operations: [ask, create, remove, get, getAll, getTurnEvents, rename],
};
