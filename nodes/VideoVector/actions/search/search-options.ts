import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readIdList } from '../../../../shared/n8n/id-list';
import { idMultiSelect } from '../common/id-multi-select';

/** Narrowing options most search endpoints share (docs/api/conventions.md#search): runs, extra indexes, searched fields. */

export const runIdsOption: INodeProperties = idMultiSelect({
	name: 'runIds',
	noun: 'Prompt Run',
	method: 'getPromptRunChoices',
	description:
		"Only use results of these prompt runs (listed: the Index's runs). Recommended when an index has several runs, for deterministic results",
	followsIndex: true,
});

export const indexIdsOption: INodeProperties = {
	...idMultiSelect({
		name: 'indexIds',
		noun: 'Additional Index',
		method: 'getIndexChoices',
		description: 'Also search these indexes',
	}),
};

export const searchFieldsOption: INodeProperties = {
	displayName: 'Search Fields',
	name: 'searchFields',
	type: 'string',
	default: '',
	placeholder: 'e.g. scene.location, transcription',
	description:
		"Only match these metadata fields (comma-separated dotted paths; typed, as the API has no list of a run's fields)",
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
