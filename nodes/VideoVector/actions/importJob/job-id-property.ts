import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredText } from '../common/required-text';

export const jobIdProperty: INodeProperties = {
	displayName: 'Import Job ID',
	name: 'jobId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'job_…',
	description: 'ID of the import job, as returned by Create or List',
};

export function readJobId(context: IExecuteFunctions, itemIndex: number): string {
	return requiredText(context, itemIndex, 'jobId', 'Import Job ID');
}
