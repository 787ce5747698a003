/**
 * Polls `condition` until it holds, failing after `timeoutMs`. A safety net against hangs, not an
 * assertion about speed: the bound is generous and only a broken receiver reaches it.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
