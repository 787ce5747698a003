import type { INodeProperties } from 'n8n-workflow';

const DESCRIPTION =
	'Binary property of the input item that holds the query image (JPEG, PNG, WebP…)';

export const requiredImageField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field holding the image',
	description: DESCRIPTION,
};

export const optionalImageField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: '',
	placeholder: 'e.g. data',
	hint: 'Leave empty to search by text only',
	description: DESCRIPTION,
};
