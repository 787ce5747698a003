/**
 * The VideoVector node's execute path for benchmarks: n8n's function context stand-in, parameters,
 * router, operation, shared policy, n8n request options over real HTTP to the emulator process.
 */
import type { INodeExecutionData } from 'n8n-workflow';

// `VideoVector.execute` is exactly `router.call(this)`; the class is not imported because under tsx
// `VideoVector.node` resolves to the codex file `VideoVector.node.json` next to it.
import { router } from '../nodes/VideoVector/actions/router';
import { createExecuteContext } from '../test/support/execute-context';
import type { EmulatorProcess } from './emulator-process';

export type Endpoint = Pick<EmulatorProcess, 'baseUrl' | 'apiKey'>;

/** Runs the node for one input item and returns its output items. */
export async function executeNode(
	emulator: Endpoint,
	parameters: Record<string, unknown>,
): Promise<INodeExecutionData[]> {
	const context = createExecuteContext({
		parameters,
		credentials: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
	});
	const [items] = await router.call(context);
	return items;
}
