import type { ResourceDefinition } from '../resource';
import { list } from './list.operation';
import { upload } from './upload.operation';

export const playgroundResource: ResourceDefinition = {
	value: 'playground',
	name: 'Playground',
	description: 'Media kept outside any index, for trying prompts and searches',
	operations: [list, upload],
};
