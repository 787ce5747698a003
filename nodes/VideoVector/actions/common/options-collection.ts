import type { INodeProperties } from 'n8n-workflow';

/**
 * The "Options" collection: settings an operation keeps out of sight until the user adds them, and
 * leaves out of the request when they are not added.
 */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
