import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineOperation } from '../operation';
import {
	createConnectorProperties,
	readCreateConnectorBody,
	type ProviderFieldSpec,
} from './connector-settings';

const S3_FIELDS: readonly ProviderFieldSpec[] = [
	{
		parameter: 'bucket',
		displayName: 'Bucket',
		apiField: 'bucket',
		description: 'Name of the S3 bucket',
		placeholder: 'e.g. my-media-bucket',
	},
	{
		parameter: 'region',
		displayName: 'Region',
		apiField: 'region',
		description: 'AWS region of the bucket',
		placeholder: 'e.g. us-east-1',
	},
	{
		parameter: 'accessKeyId',
		displayName: 'Access Key ID',
		apiField: 'aws_access_key_id',
		description: 'AWS access key ID with access to the bucket',
	},
	{
		parameter: 'secretAccessKey',
		displayName: 'Secret Access Key',
		apiField: 'aws_secret_access_key',
		description: 'AWS secret access key. Stored by VideoVector and never returned.',
		secret: true,
	},
];

export const createS3 = defineOperation({
	value: 'createS3',
	name: 'Create S3',
	action: 'Create an Amazon S3 connector',
	description: 'Connect an Amazon S3 bucket to import media from or export results to',
	endpoints: ['connectors.createS3'],
	properties: createConnectorProperties(S3_FIELDS),
	async execute(itemIndex, session) {
		const body = readCreateConnectorBody(this, itemIndex, S3_FIELDS);
		return await callEndpoint(session, 'connectors.createS3', { body });
	},
});
