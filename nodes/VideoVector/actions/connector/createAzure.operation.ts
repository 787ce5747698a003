import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineOperation } from '../operation';
import {
	createConnectorProperties,
	readCreateConnectorBody,
	type ProviderFieldSpec,
} from './connector-settings';

const AZURE_FIELDS: readonly ProviderFieldSpec[] = [
	{
		parameter: 'storageAccount',
		displayName: 'Storage Account',
		apiField: 'storage_account',
		description: 'Name of the Azure storage account',
	},
	{
		parameter: 'container',
		displayName: 'Container',
		apiField: 'container',
		description: 'Name of the blob container',
	},
	{
		parameter: 'tenantId',
		displayName: 'Tenant ID',
		apiField: 'tenant_id',
		description: 'Microsoft Entra tenant (directory) ID of the app registration',
	},
	{
		parameter: 'clientId',
		displayName: 'Client ID',
		apiField: 'client_id',
		description: 'Application (client) ID of the app registration',
	},
	{
		parameter: 'clientSecret',
		displayName: 'Client Secret',
		apiField: 'client_secret',
		description: 'Client secret of the app registration. Stored by VideoVector and never returned.',
		secret: true,
	},
];

export const createAzure = defineOperation({
	value: 'createAzure',
	name: 'Create Azure',
	action: 'Create an Azure Blob Storage connector',
	description: 'Connect an Azure Blob Storage container to import media from or export results to',
	endpoints: ['connectors.createAzure'],
	properties: createConnectorProperties(AZURE_FIELDS),
	async execute(itemIndex, session) {
		const body = readCreateConnectorBody(this, itemIndex, AZURE_FIELDS);
		return await callEndpoint(session, 'connectors.createAzure', { body });
	},
});
