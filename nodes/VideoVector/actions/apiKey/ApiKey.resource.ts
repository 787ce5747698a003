import type { ResourceDefinition } from '../resource';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { revoke } from './revoke.operation';
import { rotate } from './rotate.operation';

export const apiKeyResource: ResourceDefinition = {
	value: 'apiKey',
	name: 'API Key',
	description:
		'API keys of the account (needs a Bearer Token credential: the API refuses API keys here)',
	defaultOperation: getAll.value,
	operations: [create, remove, get, getAll, revoke, rotate],
};
