import { describe, expect, it } from 'vitest';

import { nodeOutput } from './harness/executions';
import { useStack } from './harness/use-stack';
import { loadWorkflowFixture } from './harness/workflows';

const stack = useStack();

/** What the emulator itself answers for GET /indexes, fetched directly with the same key. */
async function emulatorIndexes(): Promise<Array<Record<string, unknown>>> {
	const { baseUrl, apiKey } = stack().emulator;
	const res = await fetch(`${baseUrl}/indexes?include_defaults=true`, {
		headers: { 'x-api-key': apiKey },
	});
	expect(res.status).toBe(200);
	return (await res.json()) as Array<Record<string, unknown>>;
}

describe('manual workflow with a VideoVector node', () => {
	it('index → list returns the emulator indexes', async () => {
		const workflow = await stack().importWorkflow(loadWorkflowFixture('index-list.manual.json'));
		const execution = await stack().runManually(workflow);
		expect(execution.status).toBe('success');
		const items = nodeOutput(execution, 'List indexes');
		const expected = await emulatorIndexes();
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((item) => item.index_id)).toEqual(expected.map((index) => index.index_id));
		expect(items[0]).toMatchObject({ name: expected[0]?.name });
	});
});
