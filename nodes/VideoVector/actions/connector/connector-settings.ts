import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chosenOption } from '../common/collection-values';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { optionalText, requiredText } from '../common/required-text';

/**
 * What the three "create connector" operations share: the name, and the Options that apply to every
 * provider (scopes, import mode, export base path, idempotency key). Provider fields are listed in
 * each operation's file and turned into parameters and body fields here.
 */
const connectorNameProperty: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	description: 'Name of the connector (1–100 characters)',
};

const connectorOptions: INodeProperties = optionsWithIdempotencyKey([
	{
		displayName: 'Export Base Path',
		name: 'exportBasePath',
		type: 'string',
		default: '',
		description:
			'Folder in the bucket or container that exports are written under. Only used with the Export scope.',
	},
	{
		displayName: 'Import Mode',
		name: 'importMode',
		type: 'options',
		options: [
			{
				name: 'All Files',
				value: 'all',
				description: 'Every matching file is imported, also ones seen before',
			},
			{
				name: 'New Files Only',
				value: 'new_only',
				description: 'Files imported before are skipped',
			},
		],
		default: 'all',
		description: 'Default behaviour of import jobs that use this connector',
	},
	{
		displayName: 'Scopes',
		name: 'scopes',
		type: 'multiOptions',
		options: [
			{ name: 'Export', value: 'export', description: 'Exports may be written to this storage' },
			{ name: 'Import', value: 'import', description: 'Media may be imported from this storage' },
		],
		default: ['import'],
		description: 'What the connector may be used for. Default: import only.',
	},
]);

export interface ConnectorSettings {
	name: string;
	scopes: string[];
	import_mode: string;
	export_base_path?: string;
}

const NAME_MAX_LENGTH = 100;

export function readConnectorSettings(
	context: IExecuteFunctions,
	itemIndex: number,
): ConnectorSettings {
	const name = requiredText(context, itemIndex, 'name', 'Name', { maxLength: NAME_MAX_LENGTH });
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const scopes = Array.isArray(options.scopes) ? (options.scopes as string[]) : ['import'];
	if (scopes.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			'Select at least one scope (Import or Export)',
			{ itemIndex },
		);
	}
	const exportBasePath = optionalText(
		context,
		itemIndex,
		options.exportBasePath,
		'Export Base Path',
	);
	return {
		name,
		scopes,
		import_mode: chosenOption(options.importMode) ?? 'all',
		// The API wants the key left out rather than empty (docs/api/conventions.md#connectors).
		...(exportBasePath ? { export_base_path: exportBasePath } : {}),
	};
}

/** One required provider field (bucket, region, secret…): its parameter and the API field it fills. */
export interface ProviderFieldSpec {
	parameter: string;
	displayName: string;
	apiField: string;
	description: string;
	placeholder?: string;
	/** Masked in the editor; the shared error layer also scrubs such values from messages. */
	secret?: boolean;
}

function providerProperties(specs: readonly ProviderFieldSpec[]): INodeProperties[] {
	return specs.map((spec) => ({
		displayName: spec.displayName,
		name: spec.parameter,
		type: 'string',
		required: true,
		default: '',
		description: spec.description,
		...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
		...(spec.secret ? { typeOptions: { password: true } } : {}),
	}));
}

/** The provider fields under the API's names, refusing empty ones before any request. */
export function readProviderFields(
	context: IExecuteFunctions,
	itemIndex: number,
	specs: readonly ProviderFieldSpec[],
): IDataObject {
	const out: IDataObject = {};
	for (const spec of specs)
		out[spec.apiField] = requiredText(context, itemIndex, spec.parameter, spec.displayName);
	return out;
}

/** A create form: name, the provider's fields (and any extra inputs such as a key file), then Options. */
export function createConnectorProperties(
	specs: readonly ProviderFieldSpec[],
	extra: INodeProperties[] = [],
): INodeProperties[] {
	return [connectorNameProperty, ...providerProperties(specs), ...extra, connectorOptions];
}

/** The JSON body of a create: the shared settings followed by the provider's fields. */
export function readCreateConnectorBody(
	context: IExecuteFunctions,
	itemIndex: number,
	specs: readonly ProviderFieldSpec[],
): IDataObject {
	return {
		...readConnectorSettings(context, itemIndex),
		...readProviderFields(context, itemIndex, specs),
	};
}
