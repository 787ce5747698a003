import { afterAll, beforeAll, beforeEach, inject } from 'vitest';

import { type Stack, type StackOptions, startStack } from './stack';

/**
 * One stack for the test file: started before the first test, stopped after the last; when a
 * test fails, the tail of n8n's log is printed with it. Returns a getter (the stack exists only
 * once `beforeAll` ran).
 */
export function useStack(options: Omit<StackOptions, 'tarball'> = {}): () => Stack {
	let stack: Stack | undefined;
	beforeAll(async () => {
		stack = await startStack({ tarball: inject('vvPackageTarball'), ...options });
	});
	beforeEach(({ onTestFailed }) => {
		onTestFailed(() => {
			if (stack)
				process.stderr.write(
					`\n--- n8n log (${stack.n8n.logFile}), last lines ---\n${stack.logs(60)}\n`,
				);
		});
	});
	afterAll(async () => {
		await stack?.stop();
	});
	return () => {
		if (!stack) throw new Error('the stack is not started (use it inside tests or hooks)');
		return stack;
	};
}
