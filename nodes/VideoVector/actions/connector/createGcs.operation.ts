import { callEndpoint } from '../common/call';
import { defineOperation } from '../operation';
import {
	connectorNameProperty,
	connectorOptions,
	providerProperties,
	readConnectorSettings,
	readProviderFields,
	type ProviderFieldSpec,
} from './connectorSettings';
import { readServiceAccountFile, serviceAccountProperties } from './serviceAccountFile';

const GCS_FIELDS: readonly ProviderFieldSpec[] = [
	{ parameter: 'bucket', displayName: 'Bucket', apiField: 'bucket', description: 'Name of the Cloud Storage bucket', placeholder: 'my-media-bucket' },
	{ parameter: 'gcpProjectId', displayName: 'Project ID', apiField: 'gcp_project_id', description: 'Google Cloud project that owns the bucket' },
];

export const createGcs = defineOperation({
	value: 'createGcs',
	name: 'Create GCS',
	action: 'Create a Google Cloud Storage connector',
	description:
		'Connect a Google Cloud Storage bucket with a service-account key file, to import media from or export results to',
	endpoints: ['connectors.createGcs'],
	properties: [connectorNameProperty, ...providerProperties(GCS_FIELDS), ...serviceAccountProperties, connectorOptions],
	async execute(itemIndex) {
		const settings = readConnectorSettings(this, itemIndex);
		const fields = readProviderFields(this, itemIndex, GCS_FIELDS);
		const keyFile = await readServiceAccountFile(this, itemIndex);

		// Multipart (contract §13): the HTTP layer sets the boundary; scopes go as repeated parts.
		const form = new FormData();
		form.append('name', settings.name);
		for (const [field, value] of Object.entries(fields)) form.append(field, String(value));
		for (const scope of settings.scopes) form.append('scopes', scope);
		form.append('import_mode', settings.import_mode);
		if (settings.export_base_path) form.append('export_base_path', settings.export_base_path);
		form.append('credentials_file', new Blob([keyFile.bytes], { type: 'application/json' }), keyFile.fileName);

		return await callEndpoint(this, itemIndex, 'connectors.createGcs', { body: form });
	},
});
