import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Log } from './log';
import type { NodeRuntime } from './node-runtime';
import type { N8nPaths } from './paths';
import { startQueueTopology, type QueueTopology } from './queue-topology';

/** Where `npm start -- --queue` keeps its topology: user folders per process and the shared package folder. */
export function queueRoot(paths: N8nPaths): string {
	return path.join(paths.run, 'queue');
}

/** The shared community-package user folder (`npm start` installs the package there). */
export function queueSharedFolder(paths: N8nPaths): string {
	return path.join(queueRoot(paths), 'shared');
}

/**
 * Every process of the topology must hold the same encryption key; it is created once and kept
 * next to the data it encrypts (`--reset` wipes both, the PostgreSQL cluster is reset with them).
 */
function encryptionKey(root: string): string {
	const file = path.join(root, 'encryption-key');
	if (!existsSync(file)) {
		mkdirSync(root, { recursive: true });
		writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
	}
	return readFileSync(file, 'utf8').trim();
}

/** The PostgreSQL cluster `npm start -- --queue` keeps between runs (`--reset` starts a new one). */
export const START_POSTGRES_NAME = 'npm-start';

export function startQueueForStart(options: {
	paths: N8nPaths;
	runtime: NodeRuntime;
	port: number;
	log: Log;
}): Promise<QueueTopology> {
	const root = queueRoot(options.paths);
	return startQueueTopology({
		paths: options.paths,
		runtime: options.runtime,
		root,
		encryptionKey: encryptionKey(root),
		log: options.log,
		mainPort: options.port,
		postgresName: START_POSTGRES_NAME,
	});
}

/** Banner lines naming every process of the topology and its log. */
export function describeTopology(topology: QueueTopology): string[] {
	return [
		`  Queue mode  PostgreSQL ${topology.postgres.url}, Redis ${topology.redis.url}`,
		`  Webhooks    ${topology.webhookOrigin}/webhook/… (round-robin: main, webhook-1)`,
		...topology.members.map(
			(member) =>
				`  ${member.label.padEnd(11)} pid ${member.running?.pid ?? '-'}, log ${member.logFile}`,
		),
	];
}
