import type { ResourceDefinition } from '../resource';
import { filter } from './filter.operation';
import { image } from './image.operation';
import { multimodal } from './multimodal.operation';
import { multiRun } from './multiRun.operation';
import { sqlCatalog } from './sqlCatalog.operation';
import { sqlExecute } from './sqlExecute.operation';
import { sqlGenerate } from './sqlGenerate.operation';
import { text } from './text.operation';
import { combined } from './combined.operation';

export const searchResource: ResourceDefinition = {
	value: 'search',
	name: 'Search',
	description: 'Find segments and media by text, image, metadata conditions or SQL',
	defaultOperation: 'text',
	operations: [
		filter,
		image,
		multiRun,
		multimodal,
		combined,
		sqlCatalog,
		sqlExecute,
		sqlGenerate,
		text,
	],
};
