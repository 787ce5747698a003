import path from 'node:path';

import { n8nEnv } from './env';
import { startN8n, type RunningN8n } from './n8n-process';
import type { NodeRuntime } from './node-runtime';
import type { N8nPaths } from './paths';

export interface LaunchOptions {
	paths: N8nPaths;
	runtime: NodeRuntime;
	/** Holds `.n8n/` (DB, config, installed community packages). */
	userFolder: string;
	port: number;
	brokerPort: number;
	/** Defaults to `<userFolder>/n8n.log`. */
	logFile?: string;
	encryptionKey?: string;
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	extraEnv?: Record<string, string>;
	readyTimeoutMs?: number;
	/** `n8n <command>`; default `start`. */
	command?: string[];
}

/** Starts the cached n8n headless on 127.0.0.1 against one user folder. */
export function launchN8n(options: LaunchOptions): Promise<RunningN8n> {
	const env = n8nEnv({
		userFolder: options.userFolder,
		port: options.port,
		brokerPort: options.brokerPort,
		node: options.runtime.node,
		encryptionKey: options.encryptionKey,
		logLevel: options.logLevel,
		extra: options.extraEnv,
	});
	return startN8n({
		node: options.runtime.node,
		n8nBin: options.paths.n8nBin,
		env,
		logFile: options.logFile ?? path.join(options.userFolder, 'n8n.log'),
		readyTimeoutMs: options.readyTimeoutMs,
		command: options.command,
	});
}
