import type { ResourceDefinition } from '../resource';
import { createIndexExport } from './createIndexExport.operation';
import { createPromptRunExport } from './createPromptRunExport.operation';
import { download } from './download.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getDownloadUrl } from './getDownloadUrl.operation';

export const exportResource: ResourceDefinition = {
	value: 'export',
	name: 'Export',
	description:
		'JSON exports of index metadata or prompt-run results, for download or into a connector',
	defaultOperation: 'createPromptRunExport',
	operations: [createIndexExport, createPromptRunExport, download, get, getDownloadUrl, getAll],
};
