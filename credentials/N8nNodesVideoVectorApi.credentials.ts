import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { credentialBaseUrl, DEFAULT_BASE_URL } from '../shared/contract/base-url';

/**
 * API key (`X-API-Key`) or a user-session JWT (`Authorization: Bearer`). The JWT is only needed for the
 * API-key management endpoints, which refuse API keys; everything else accepts both.
 */
export class N8nNodesVideoVectorApi implements ICredentialType {
	name = 'n8nNodesVideoVectorApi';

	displayName = 'VideoVector API';

	icon: Icon = {
		light: 'file:../icons/videovector.svg',
		dark: 'file:../icons/videovector.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-videovector/n8n-nodes-videovector#videovector-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'API Key',
					value: 'apiKey',
					description: 'A key of the form sk_live_…, sent as X-API-Key',
				},
				{
					name: 'Bearer Token (JWT)',
					value: 'bearerToken',
					description: 'A user-session token; required for managing API keys',
				},
			],
			default: 'apiKey',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. sk_live_…',
			displayOptions: { show: { authentication: ['apiKey'] } },
		},
		{
			displayName: 'Bearer Token',
			name: 'bearerToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['bearerToken'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'The API base URL including /api/v2. Change it only for a staging or local emulator.',
		},
		{
			displayName: 'Allow Insecure HTTP (Not Recommended)',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow a plain http:// Base URL on another machine. The API key then crosses the network unencrypted. Not needed for localhost or 127.0.0.1.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// The node checks its Base URL before any request, but the Test button runs no node code: the
		// same rule here refuses plain http:// off this machine (unless allowed) before the key is
		// attached, so neither path sends it in clear. (An expression in the test URL did the same,
		// but n8n 2.41's editor then never ran the test when the credential dialog opened.)
		credentialBaseUrl(credentials);
		const headers = { ...(requestOptions.headers ?? {}) };
		if (credentials.authentication === 'bearerToken') {
			headers.Authorization = `Bearer ${String(credentials.bearerToken ?? '')}`;
		} else {
			headers['X-API-Key'] = String(credentials.apiKey ?? '');
		}
		return { ...requestOptions, headers };
	}

	// Side-effect-free check; a read-only key validates too (docs/api/conventions.md#credential-check).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl }}',
			url: '/auth/validate',
			method: 'GET',
		},
		// n8n would otherwise show a bare "Unauthorized"; say which field to fix.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'The API key or bearer token is invalid, revoked or expired',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					// Any scope validates (docs/api/conventions.md#credential-check): a 403 means the account or
					// key is blocked, or something in front of the API refuses n8n.
					message:
						'The credential was recognised but refused (403): the account or key may be disabled, or a proxy or firewall in front of the Base URL blocks n8n. Check the key in your VideoVector account settings and the Base URL',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No VideoVector API at this Base URL (it must end in /api/v2)',
				},
			},
		],
	};
}
