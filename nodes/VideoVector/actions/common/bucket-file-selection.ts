import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * Which files of a connected bucket an operation covers — Connector Browse lists them, an import job
 * imports them — chosen the same way: a path prefix, a glob on the file name, and whether files in
 * sub-folders count. All three are optional, so they live in the operation's Filters or Options
 * collection; absent ones mean the whole bucket, every file, sub-folders included.
 */

export const prefixProperty: INodeProperties = {
	displayName: 'Prefix',
	name: 'prefix',
	type: 'string',
	default: '',
	placeholder: 'e.g. videos/2026/',
	description: 'Only files whose path starts with this folder or prefix. Empty: the whole bucket.',
};

export const filePatternProperty: INodeProperties = {
	displayName: 'Pattern',
	name: 'pattern',
	type: 'string',
	default: '*',
	placeholder: 'e.g. *.mp4',
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

/** From the collection holding the three: empty prefix = the whole bucket, empty pattern = every file. */
export function readFileSelection(values: IDataObject): FileSelection {
	return {
		prefix: String(values.prefix ?? '').trim(),
		pattern: String(values.pattern ?? '').trim() || '*',
		recursive: values.recursive !== false,
	};
}

/** The three as entries of a Filters or Options collection. */
export const fileSelectionProperties: INodeProperties[] = [
	prefixProperty,
	filePatternProperty,
	recursiveProperty,
];
