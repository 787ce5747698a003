import type { ResourceDefinition } from '../resource';
import { cancel } from './cancel.operation';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { retry } from './retry.operation';

export const importJobResource: ResourceDefinition = {
	value: 'importJob',
	name: 'Import Job',
	description: 'Bulk imports of media files from a connected bucket into an index',
	defaultOperation: 'create',
	operations: [cancel, create, get, getAll, retry],
};
