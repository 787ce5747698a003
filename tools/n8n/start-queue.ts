import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Log } from './log';
import type { N8nClient } from './n8n-client';
import type { NodeRuntime } from './node-runtime';
import { createApiKey } from './owner';
import type { N8nPaths } from './paths';
import { keptClusterDir } from '../services/postgres';
import { startQueueTopology, type QueueTopology } from './queue-topology';
import { restartWorkerAndRetry, type WorkerRecoveryOutcome } from './worker-recovery';

/** Where `npm start -- --queue` keeps its topology: user folders per process and the shared package folder. */
export function queueRoot(paths: N8nPaths): string {
	return path.join(paths.run, 'queue');
}

/** The shared community-package user folder (`npm start` installs the package there). */
export function queueSharedFolder(paths: N8nPaths): string {
	return path.join(queueRoot(paths), 'shared');
}

/**
 * Every process of the topology must hold the same encryption key, and it must be the key the
 * cluster's credentials were encrypted with: n8n refuses to start on a database written under
 * another key. So the key is kept inside the cluster's own folder and goes with it (`--reset`),
 * not in the cache folder, which can be wiped or switched (`VV_N8N_CACHE`) on its own.
 */
export function queueEncryptionKey(clusterName: string): string {
	const file = path.join(keptClusterDir(clusterName), 'n8n-encryption-key');
	if (!existsSync(file)) {
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
	}
	return readFileSync(file, 'utf8').trim();
}

/**
 * The PostgreSQL cluster `npm start -- --queue` keeps between runs (`--reset` starts a new one):
 * one per cache folder, so two caches (`VV_N8N_CACHE`) never share a database or its key.
 */
export function startPostgresName(paths: N8nPaths): string {
	const digest = createHash('sha256').update(path.resolve(paths.cache)).digest('hex');
	return `npm-start-${digest.slice(0, 12)}`;
}

export function startQueueForStart(options: {
	paths: N8nPaths;
	runtime: NodeRuntime;
	port: number;
	log: Log;
}): Promise<QueueTopology> {
	const postgresName = startPostgresName(options.paths);
	return startQueueTopology({
		paths: options.paths,
		runtime: options.runtime,
		root: queueRoot(options.paths),
		encryptionKey: queueEncryptionKey(postgresName),
		log: options.log,
		mainPort: options.port,
		postgresName,
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

function describeOutcome(outcome: WorkerRecoveryOutcome): string {
	if (outcome.retryId !== undefined)
		return `execution ${outcome.executionId} crashed; retried as ${outcome.retryId} (${outcome.retryStatus})`;
	return `execution ${outcome.executionId} crashed; retry failed: ${outcome.retryError ?? 'unknown'}`;
}

/**
 * Keeps the topology up while `npm start -- --queue` runs: a worker that exits on its own is
 * started again and the executions it left crashed are retried from where they stopped
 * (tools/n8n/worker-recovery.ts). Resolves with the label of the first other member (main, the
 * webhook processor) that exits on its own, or of any member once `stopping()` is true.
 * `client` is signed in on main; a public-API key is created the first time one is needed.
 */
export async function superviseQueue(
	topology: QueueTopology,
	client: N8nClient,
	log: Log,
	stopping: () => boolean,
): Promise<string> {
	for (;;) {
		const label = await topology.nextUnexpectedExit();
		if (stopping() || topology.member(label).role !== 'worker') return label;
		log(`n8n ${label} exited on its own; starting it again and retrying what it was running`);
		try {
			if (!client.apiKey) await createApiKey(client, 'npm start: worker recovery');
			const outcomes = await restartWorkerAndRetry(topology, label, client);
			const crashed = outcomes.filter((outcome) => outcome.status === 'crashed');
			log(`n8n ${label} is running again; ${crashed.length} crashed execution(s) retried`);
			for (const outcome of crashed) log(`  ${describeOutcome(outcome)}`);
		} catch (error) {
			log(`n8n ${label} could not be recovered: ${(error as Error).message}`);
			return label;
		}
	}
}
