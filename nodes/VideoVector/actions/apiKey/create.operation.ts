import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { API_KEY_SCOPES } from '../../../../shared/contract/schemas/api-keys';
import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { requiredText } from '../common/required-text';
import { defineBearerOperation } from './define-bearer-operation';

const MAX_EXPIRY_DAYS = 365;

const SCOPE_DESCRIPTIONS: Record<(typeof API_KEY_SCOPES)[number], string> = {
	admin: 'Everything within the account, including deletions',
	read: 'Read indexes, media, runs and results (includes search)',
	search: 'Search only',
	write: 'Create and change resources (includes read and search)',
};

export const create = defineBearerOperation({
	value: 'create',
	name: 'Create',
	action: 'Create an API key',
	description:
		'Create an API key with the chosen scopes. The answer holds the key (sk_live_…), shown only this once. Needs a Bearer Token credential.',
	endpoints: ['api_keys.create'],
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			description: 'Name of the key (1–100 characters), e.g. the tool or workflow that uses it',
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'multiOptions',
			options: [...API_KEY_SCOPES].sort().map((scope) => ({
				name: scope.charAt(0).toUpperCase() + scope.slice(1),
				value: scope,
				description: SCOPE_DESCRIPTIONS[scope],
			})),
			default: ['read'],
			description: 'What the key may do',
		},
		{
			displayName: 'Expires In (Days)',
			name: 'expiresInDays',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_EXPIRY_DAYS },
			default: 0,
			description: 'Days until the key stops working (1–365). 0: it never expires.',
		},
	],
	async execute(itemIndex, session) {
		const name = requiredText(this, itemIndex, 'name', 'Name', { maxLength: 100 });
		const scopes = this.getNodeParameter('scopes', itemIndex, ['read']) as string[];
		if (!Array.isArray(scopes) || scopes.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Select at least one scope', { itemIndex });
		}
		const days = Number(this.getNodeParameter('expiresInDays', itemIndex, 0));
		if (!Number.isInteger(days) || days < 0 || days > MAX_EXPIRY_DAYS) {
			throw new NodeOperationError(
				this.getNode(),
				`Expires In (Days) must be a whole number from 0 to ${MAX_EXPIRY_DAYS}`,
				{
					itemIndex,
				},
			);
		}
		const body: IDataObject = { name, scopes };
		if (days > 0) body.expires_in_days = days;
		return await callEndpoint(session, 'api_keys.create', { body });
	},
});
