import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { listSearch } from './methods/listSearch';
import { webhookEventLoadOptions } from './methods/webhookEventTypes';

export class VideoVector implements INodeType {
	description: INodeTypeDescription = versionDescription;

	methods = { listSearch, loadOptions: { ...webhookEventLoadOptions } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
