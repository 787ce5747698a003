import type { ResourceDefinition } from '../resource';
import { getAll } from './getAll.operation';
import { upload } from './upload.operation';

export const playgroundResource: ResourceDefinition = {
	value: 'playground',
	name: 'Playground',
	description: 'Media kept outside any index, for trying prompts and searches',
	operations: [getAll, upload],
};
