import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties } from './actions/resource';
import { RESOURCES } from './actions/resources';
import { router } from './actions/router';
import { allowDestructiveProperty } from './actions/tool-access';
import { idLoadOptions } from './methods/id-options';
import { listSearch } from './methods/list-search';
import { webhookEventLoadOptions } from './methods/webhook-event-types';

const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: RESOURCES.map((resource) => ({
		name: resource.name,
		value: resource.value,
		description: resource.description,
	})),
	default: 'index',
};

export class VideoVector implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VideoVector',
		name: 'videoVector',
		icon: {
			light: 'file:../../icons/videovector.svg',
			dark: 'file:../../icons/videovector.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Index, process and search video, audio and images with the VideoVector API',
		defaults: { name: 'VideoVector' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'n8nNodesVideoVectorApi', required: true }],
		properties: [
			resourceSelector,
			...RESOURCES.flatMap(resourceProperties),
			allowDestructiveProperty(RESOURCES),
		],
	};

	methods = { listSearch, loadOptions: { ...webhookEventLoadOptions, ...idLoadOptions } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
