import path from 'node:path';

export interface N8nEnvOptions {
	/** n8n keeps its state (sqlite DB, config, community nodes) in `<userFolder>/.n8n`. */
	userFolder: string;
	port: number;
	/** Task-broker port. Its default (5679) collides with a second n8n or a CLI run beside a server. */
	brokerPort: number;
	/** Node 24 binary; its folder goes first on PATH for the task-runner child. */
	node: string;
	/**
	 * Fixed key, so a CLI run beside the server decrypts the same credentials. Omitted, n8n
	 * generates one into `<userFolder>/.n8n/config` on first start and reuses it.
	 */
	encryptionKey?: string;
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Set last, so a caller can override anything. */
	extra?: Record<string, string>;
}

// Only these are inherited: a test runner's NODE_ENV=test or a developer's own N8N_* settings
// must not change how the n8n under test behaves.
const INHERITED = ['HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'TERM'];

/** The environment of a headless, local-only n8n: no telemetry, no outbound lookups, fixed ports. */
export function n8nEnv(options: N8nEnvOptions): NodeJS.ProcessEnv {
	const inherited: NodeJS.ProcessEnv = {};
	for (const name of INHERITED)
		if (process.env[name] !== undefined) inherited[name] = process.env[name];
	const origin = `http://127.0.0.1:${options.port}`;
	return {
		...inherited,
		PATH: `${path.dirname(options.node)}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: options.userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(options.port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${origin}/`,
		N8N_WEBHOOK_URL: `${origin}/`,
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_RUNNERS_MODE: 'internal',
		DB_TYPE: 'sqlite',
		...(options.encryptionKey ? { N8N_ENCRYPTION_KEY: options.encryptionKey } : {}),
		// The editor is served over plain http on 127.0.0.1: a Secure cookie would never be sent back.
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		// Without these two n8n fetches the vetted-node and MCP-server lists from api.n8n.io at boot.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: options.logLevel ?? 'info',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		...options.extra,
	};
}
