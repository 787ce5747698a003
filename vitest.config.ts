import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'webhook-receiver/test/**/*.test.ts'],
		exclude: ['test/e2e/**', '**/node_modules/**'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
	},
});
