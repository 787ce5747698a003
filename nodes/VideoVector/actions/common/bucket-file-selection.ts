import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Which files of a connected bucket an operation covers — Connector Browse lists them, an import job
 * imports them — chosen the same way: a path prefix, a glob on the file name, and whether files in
 * sub-folders count. The parameter names differ per operation (they were published that way), the
 * reading does not.
 */

export const filePatternProperty: INodeProperties = {
	displayName: 'Pattern',
	name: 'pattern',
	type: 'string',
	default: '*',
	placeholder: '*.mp4',
	description: 'Glob pattern the file name must match',
};

export const recursiveProperty: INodeProperties = {
	displayName: 'Recursive',
	name: 'recursive',
	type: 'boolean',
	default: true,
	description: 'Whether to include files in sub-folders of the prefix',
};

export interface FileSelection {
	prefix: string;
	pattern: string;
	recursive: boolean;
}

/** Empty prefix: the whole bucket; empty pattern: every file (`*`). */
export function readFileSelection(
	context: IExecuteFunctions,
	itemIndex: number,
	parameters: { prefix: string; pattern: string },
): FileSelection {
	return {
		prefix: String(context.getNodeParameter(parameters.prefix, itemIndex, '') ?? '').trim(),
		pattern:
			String(context.getNodeParameter(parameters.pattern, itemIndex, '*') ?? '').trim() || '*',
		recursive: context.getNodeParameter('recursive', itemIndex, true) as boolean,
	};
}
