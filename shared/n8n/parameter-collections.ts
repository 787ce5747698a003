import type { INodeProperties } from 'n8n-workflow';

/**
 * n8n's guidelines list a collection's entries alphabetically; sorting here means an entry added
 * by a shared helper (e.g. Idempotency Key) lands in its place instead of at the end.
 */
export function alphabetical(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

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
		options: alphabetical(options),
	};
}

/**
 * The "Filters" collection: conditions that narrow what a list or a trigger returns, added one by one
 * and left out of the request when they are not added.
 */
export function filtersCollection(
	options: INodeProperties[],
	extra: Pick<INodeProperties, 'description'> = {},
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		...extra,
		options: alphabetical(options),
	};
}
