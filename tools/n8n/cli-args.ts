import { parseArgs } from 'node:util';

import { N8N_VERSION } from './paths';

export interface StartArgs {
	port: number;
	emulatorPort: number;
	reset: boolean;
	/** n8n in queue mode: PostgreSQL, Redis, main, a webhook processor and two workers. */
	queue: boolean;
	help: boolean;
}

export const START_USAGE = `Usage: npm start -- [options]

Builds this package, installs n8n ${N8N_VERSION} into a cache folder on first use, starts the
VideoVector API emulator and n8n on 127.0.0.1 with the package loaded, and signs in a demo owner.

Options:
  --port <n>            n8n editor port (default 5678)
  --emulator-port <n>   emulator port (default 4010; a free one if taken)
  --reset               wipe the saved n8n data (workflows, credentials, owner) first
  --queue               n8n in queue mode: PostgreSQL + Redis (Debian's, installed when
                        missing), main + one webhook processor + two workers (docs/scaling.md)
  -h, --help            this text

Environment:
  VV_N8N_CACHE          cache folder (default \${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-videovector/n8n-${N8N_VERSION})
  VIDEO_VECTOR_BASE_URL + VIDEO_VECTOR_API_KEY
                        use that API instead of the emulator
`;

function portOption(value: string | undefined, name: string, fallback: number): number {
	if (value === undefined) return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new Error(`${name} must be a port number, got "${value}"`);
	return port;
}

export function parseStartArgs(argv: string[]): StartArgs {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			'emulator-port': { type: 'string' },
			reset: { type: 'boolean', default: false },
			queue: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
		strict: true,
	});
	return {
		port: portOption(values.port, '--port', 5678),
		emulatorPort: portOption(values['emulator-port'], '--emulator-port', 4010),
		reset: values.reset ?? false,
		queue: values.queue ?? false,
		help: values.help ?? false,
	};
}
