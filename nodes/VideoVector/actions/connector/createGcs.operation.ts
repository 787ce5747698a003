import { StreamingMultipartBody } from '../../../../shared/n8n/binary-multipart';
import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineOperation } from '../operation';
import {
	createConnectorProperties,
	readConnectorSettings,
	readProviderFields,
	type ProviderFieldSpec,
} from './connector-settings';
import { readServiceAccountFile, serviceAccountProperties } from './service-account-file';

const GCS_FIELDS: readonly ProviderFieldSpec[] = [
	{
		parameter: 'bucket',
		displayName: 'Bucket',
		apiField: 'bucket',
		description: 'Name of the Cloud Storage bucket',
		placeholder: 'e.g. my-media-bucket',
	},
	{
		parameter: 'gcpProjectId',
		displayName: 'Project ID',
		apiField: 'gcp_project_id',
		description: 'Google Cloud project that owns the bucket',
	},
];

export const createGcs = defineOperation({
	value: 'createGcs',
	name: 'Create GCS',
	action: 'Create a Google Cloud Storage connector',
	description:
		'Connect a Google Cloud Storage bucket with a service-account key file, to import media from or export results to',
	endpoints: ['connectors.createGcs'],
	properties: createConnectorProperties(GCS_FIELDS, serviceAccountProperties),
	async execute(itemIndex, session) {
		const settings = readConnectorSettings(this, itemIndex);
		const fields = readProviderFields(this, itemIndex, GCS_FIELDS);
		const keyFile = await readServiceAccountFile(this, itemIndex);

		// Multipart (docs/api/conventions.md#connectors), built like the media uploads so every HTTP layer sends it the same way;
		// scopes go as repeated parts. The body re-streams from the start if the shared policy retries it.
		const parts: Array<[string, string]> = [
			['name', settings.name],
			...Object.entries(fields).map(([field, value]): [string, string] => [field, String(value)]),
			...settings.scopes.map((scope): [string, string] => ['scopes', scope]),
			['import_mode', settings.import_mode],
		];
		if (settings.export_base_path) parts.push(['export_base_path', settings.export_base_path]);
		const body = new StreamingMultipartBody(parts, 'credentials_file', keyFile);
		return await callEndpoint(session, 'connectors.createGcs', {
			body,
			headers: { 'Content-Type': body.type },
		});
	},
});
