import type { ResourceDefinition } from '../resource';
import { validateCredentials } from './validateCredentials.operation';

export const accountResource: ResourceDefinition = {
	value: 'account',
	name: 'Account',
	description: 'The account behind the credential',
	defaultOperation: 'validateCredentials',
	operations: [validateCredentials],
};
