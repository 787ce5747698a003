// ESLint flat config: the rules n8n's community-node verification applies (`n8n-node lint` of
// @n8n/node-cli runs @n8n/eslint-plugin-community-nodes' recommended set), over the code that is
// published (credentials, nodes, triggers and the shared code they import) and over package.json.
// Tests, the emulator, scripts, tools and the webhook receiver are not published and are not checked here.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const PUBLISHED = ['credentials/**/*.ts', 'nodes/**/*.ts', 'triggers/**/*.ts', 'shared/**/*.ts'];
// shared/server is the Node-side client for the emulator and the receiver; it is not in the build.
const UNPUBLISHED = ['shared/server/**'];

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'webhook-receiver/**',
			'test/**',
			'emulator/**',
			'bench/**',
			'scripts/**',
			'tools/**',
			...UNPUBLISHED,
		],
	},
	{
		files: PUBLISHED,
		extends: [
			js.configs.recommended,
			tseslint.configs.recommended,
			n8nCommunityNodesPlugin.configs.recommended,
		],
		languageOptions: { parser: tseslint.parser },
		rules: {
			// As n8n-node lint sets them.
			'prefer-spread': 'off',
			'no-console': 'error',
			// A leading underscore marks a deliberately unused binding (rest-omit, unused parameters).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
			],
		},
	},
	{
		files: ['package.json'],
		extends: [n8nCommunityNodesPlugin.configs.recommended],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
);
