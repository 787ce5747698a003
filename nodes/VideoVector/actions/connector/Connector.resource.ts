import type { ResourceDefinition } from '../resource';
import { browse } from './browse.operation';
import { createAzure } from './createAzure.operation';
import { createGcs } from './createGcs.operation';
import { createS3 } from './createS3.operation';
import { remove } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { test } from './test.operation';

export const connectorResource: ResourceDefinition = {
	value: 'connector',
	name: 'Connector',
	description:
		'Cloud storage (Amazon S3, Google Cloud Storage, Azure Blob) to import media from or export to',
	defaultOperation: getAll.value,
	operations: [browse, createAzure, createGcs, createS3, remove, get, getAll, test],
};
