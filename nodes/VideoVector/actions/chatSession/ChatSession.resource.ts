import type { ResourceDefinition } from '../resource';
import { create } from './create.operation';
import { createTurn } from './createTurn.operation';
import { remove } from './delete.operation';
import { get } from './get.operation';
import { list } from './list.operation';
import { streamTurnEvents } from './streamTurnEvents.operation';
import { update } from './update.operation';

export const chatSessionResource: ResourceDefinition = {
	value: 'chatSession',
	name: 'Chat Session',
	description: 'Conversations with the search agent, which answers questions about your media',
	operations: [createTurn, create, remove, get, list, streamTurnEvents, update],
};
