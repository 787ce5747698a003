import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readIdList } from '../../../../shared/n8n/id-list';

/** Narrowing options most search endpoints share (§12): runs, extra indexes, searched fields. */

export const runIdsOption: INodeProperties = {
	displayName: 'Run IDs',
	name: 'runIds',
	type: 'string',
	default: '',
	placeholder: 'run_1, run_2',
	description:
		'Only use results of these prompt runs (comma-separated, or an array from an expression). Recommended when an index has several runs, for deterministic results.',
};

export const indexIdsOption: INodeProperties = {
	displayName: 'Additional Index IDs',
	name: 'indexIds',
	type: 'string',
	default: '',
	placeholder: 'idx_2, idx_3',
	description: 'Also search these indexes (comma-separated)',
};

export const searchFieldsOption: INodeProperties = {
	displayName: 'Search Fields',
	name: 'searchFields',
	type: 'string',
	default: '',
	placeholder: 'scene.location, transcription',
	description: 'Only match these metadata fields (comma-separated dotted paths)',
};

const BODY_KEYS: Record<string, { key: string; label: string }> = {
	runIds: { key: 'run_ids', label: 'Run IDs' },
	indexIds: { key: 'index_ids', label: 'Additional Index IDs' },
	searchFields: { key: 'search_fields', label: 'Search Fields' },
};

/** The body fields for whichever of these options the user set; empty lists are left out. */
export function readScopeOptions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const [name, { key, label }] of Object.entries(BODY_KEYS)) {
		const ids = readIdList(context, itemIndex, options[name], label);
		if (ids.length > 0) body[key] = ids;
	}
	return body;
}
