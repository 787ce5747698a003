import type { ResourceDefinition } from '../resource';
import { createDownloadUrl } from './createDownloadUrl.operation';
import { createIndexExport } from './createIndexExport.operation';
import { createPromptRunExport } from './createPromptRunExport.operation';
import { download } from './download.operation';
import { get } from './get.operation';
import { list } from './list.operation';

export const exportResource: ResourceDefinition = {
	value: 'export',
	name: 'Export',
	description: 'JSON exports of index metadata or prompt-run results, for download or into a connector',
	operations: [createIndexExport, createPromptRunExport, download, get, createDownloadUrl, list],
};
