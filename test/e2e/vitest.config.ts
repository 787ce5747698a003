import path from 'node:path';

import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: real n8n + emulator (+ Chromium for the editor cases). Separate from the
// unit suite because it installs n8n on first use and each file boots its own n8n.
export default defineConfig({
	test: {
		root: path.resolve(__dirname, '..', '..'),
		include: ['test/e2e/**/*.test.ts'],
		globalSetup: ['test/e2e/harness/global-setup.ts'],
		// Each file runs its own n8n (~0.9 GB, several seconds of CPU to boot): one at a time on 2 cores.
		fileParallelism: false,
		pool: 'forks',
		// A bound for hung tests only: waits inside end as soon as their condition holds, but a test
		// that restarts n8n on a loaded 2-core machine can take minutes.
		testTimeout: 300_000,
		// Covers n8n boot and, in the editor file, a first-time Chromium install.
		hookTimeout: 600_000,
		teardownTimeout: 60_000,
	},
});
