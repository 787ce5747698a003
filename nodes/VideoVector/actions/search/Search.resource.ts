import type { ResourceDefinition } from '../resource';
import { filter } from './filter.operation';
import { filterPlayground } from './filterPlayground.operation';
import { image } from './image.operation';
import { multimodal } from './multimodal.operation';
import { multiRun } from './multiRun.operation';
import { playground } from './playground.operation';
import { sqlCatalog } from './sqlCatalog.operation';
import { sqlExecute } from './sqlExecute.operation';
import { sqlGenerate } from './sqlGenerate.operation';
import { text } from './text.operation';
import { workflowSearch } from './workflowSearch.operation';

export const searchResource: ResourceDefinition = {
	value: 'search',
	name: 'Search',
	description: 'Find segments and media by text, image, metadata conditions or SQL',
	operations: [
		filter,
		filterPlayground,
		image,
		multiRun,
		multimodal,
		playground,
		workflowSearch,
		sqlCatalog,
		sqlExecute,
		sqlGenerate,
		text,
	],
};
