import type { INodeProperties } from 'n8n-workflow';

import type { IdLoadOptionsMethod } from '../../methods/id-options';

/**
 * A list of IDs the API can list, as a multi-select loaded from it. An expression still works: one
 * returning an array, or a text of IDs separated by commas, spaces or new lines (shared/n8n/id-list.ts
 * reads both). Lists that follow the node's Index reload when it changes.
 */
export interface IdMultiSelectSpec {
	/** Parameter name, e.g. `videoIds`. */
	name: string;
	/** What is listed, e.g. `Media` → "Media Names or IDs" (n8n's wording for a loaded multi-select). */
	noun: string;
	method: IdLoadOptionsMethod;
	/** What the field does; the "Choose from the list …" sentence n8n asks for is appended. */
	description: string;
	required?: boolean;
	/** Reload the choices when the node's Index changes (media and runs are listed per index). */
	followsIndex?: boolean;
}

export function idMultiSelect(spec: IdMultiSelectSpec): INodeProperties {
	return {
		displayName: `${spec.noun} Names or IDs`,
		name: spec.name,
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: spec.method,
			...(spec.followsIndex ? { loadOptionsDependsOn: ['indexId.value'] } : {}),
		},
		default: [],
		...(spec.required ? { required: true } : {}),
		description: `${spec.description} (an expression may give an array, or IDs separated by commas). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}
