/** Runs the node over real HTTP against an in-process emulator, with its API key or bearer token. */
import type { RunningEmulator } from '../../emulator/app.js';
import { runNode, type RunOptions } from './run-node';

/** Credentials pointing the node at a running emulator (real HTTP on 127.0.0.1), with its API key. */
export const emulatorCredentials = (emulator: Pick<RunningEmulator, 'apiKey' | 'baseUrl'>) => ({
	apiKey: emulator.apiKey,
	baseUrl: emulator.baseUrl,
});

export function emulatorRunner(emulator: () => RunningEmulator) {
	const apiKey = (
		parameters: Record<string, unknown>,
		extra: Omit<RunOptions, 'parameters' | 'credentials' | 'respond'> = {},
	) => runNode({ ...extra, parameters, credentials: emulatorCredentials(emulator()) });
	const bearer = (
		parameters: Record<string, unknown>,
		extra: Omit<RunOptions, 'parameters' | 'credentials' | 'respond'> = {},
	) =>
		runNode({
			...extra,
			parameters,
			credentials: {
				authentication: 'bearerToken',
				bearerToken: emulator().bearerToken,
				baseUrl: emulator().baseUrl,
			},
		});
	/** The JSON of the single output item. */
	const one = async (
		parameters: Record<string, unknown>,
		extra: Omit<RunOptions, 'parameters' | 'credentials' | 'respond'> = {},
	) => {
		const { output } = await apiKey(parameters, extra);
		if (output.length !== 1) throw new Error(`expected one item, got ${output.length}`);
		return output[0].json;
	};
	return { apiKey, bearer, one };
}
