import { ConfigError, loadReceiverConfig } from './config/load';
import { startReceiver, type RunningReceiver } from './receiver';
import { errorText } from './log/error-text';

/**
 * `videovector-receiver`: configuration from RECEIVER_* variables and/or the JSON file named by
 * RECEIVER_CONFIG (or the first argument). SIGTERM/SIGINT stop it gracefully with exit code 0.
 */
async function main(): Promise<void> {
	const file = process.argv[2];
	let receiver: RunningReceiver;
	try {
		receiver = await startReceiver(loadReceiverConfig(file === undefined ? {} : { file }), {
			// Nothing can be stored any more: exit non-zero so the orchestrator restarts the process.
			onFatal: (error) => {
				process.stderr.write(`Receiver store failed: ${errorText(error)}\n`);
				process.exit(1);
			},
		});
	} catch (error) {
		const message =
			error instanceof ConfigError
				? error.message
				: `Receiver failed to start: ${errorText(error)}`;
		process.stderr.write(`${message}\n`);
		process.exit(error instanceof ConfigError ? 78 : 1);
	}
	let stopping = false;
	const stop = (): void => {
		if (stopping) return;
		stopping = true;
		receiver.close().then(
			() => process.exit(0),
			(error: unknown) => {
				process.stderr.write(`Receiver did not stop cleanly: ${errorText(error)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

void main();
