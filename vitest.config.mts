import { createRequire } from 'node:module';

import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		// The CommonJS build, as n8n itself loads it (its ESM build only works through a bundler, and
		// transforming it floods the output with missing-source-map warnings).
		alias: { 'n8n-workflow': require.resolve('n8n-workflow') },
	},
	test: {
		include: ['test/**/*.test.ts', 'webhook-receiver/test/**/*.test.ts'],
		exclude: ['test/e2e/**', '**/node_modules/**'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
	},
});
