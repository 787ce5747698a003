import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
	type RunningEmulator,
	startEmulator,
	type StartEmulatorOptions,
} from '../../../emulator/app';
import { installPackedPackage } from '../../../tools/n8n/community-package';
import { type StoredCredential, upsertCredential } from '../../../tools/n8n/credential';
import { silentLog } from '../../../tools/n8n/log';
import { N8nClient } from '../../../tools/n8n/n8n-client';
import { resolveNodeRuntime } from '../../../tools/n8n/node-runtime';
import { createApiKey, signInOwner } from '../../../tools/n8n/owner';
import { n8nPaths } from '../../../tools/n8n/paths';
import { type QueueTopology, startQueueTopology } from '../../../tools/n8n/queue-topology';
import { type LocalSinks, startLocalSinks } from '../../../tools/sinks/local-sinks';
import { harnessGroupRegistry } from '../harness/orphans';
import { postgresOutbox, untilPublicationsApplied } from '../harness/publication-outbox';
import { publishWorkflow } from '../harness/workflows';

const ENCRYPTION_KEY = 'videovector-e2e-queue-encryption-key';

/**
 * The queue-mode topology (tools/n8n/queue-topology.ts) with this package installed, plus what the
 * examples talk to: emulators (one per VideoVector account the test wants) and the local sinks.
 * The owner is signed in on main; `client` holds the session and a public-API key.
 */
export class QueueStack {
	private constructor(
		readonly root: string,
		readonly topology: QueueTopology,
		readonly client: N8nClient,
		readonly emulators: RunningEmulator[],
		readonly credentials: StoredCredential[],
		readonly sinks: LocalSinks,
	) {}

	static async start(
		tarball: string,
		emulators: StartEmulatorOptions[],
		env: Record<string, string> = {},
	): Promise<QueueStack> {
		const paths = n8nPaths();
		const runtime = await resolveNodeRuntime(paths.cache, silentLog);
		const root = path.join(paths.scratch, `queue-${randomBytes(4).toString('hex')}`);
		mkdirSync(root, { recursive: true });
		const cleanup: Array<() => Promise<unknown>> = [
			async () => {
				if (process.env.VV_E2E_KEEP !== '1') rmSync(root, { recursive: true, force: true });
			},
		];
		try {
			await installPackedPackage(tarball, path.join(root, 'shared'));
			const running: RunningEmulator[] = [];
			for (const options of emulators) {
				const emulator = await startEmulator(options);
				running.push(emulator);
				cleanup.push(() => emulator.close());
			}
			const sinks = await startLocalSinks();
			cleanup.push(() => sinks.close());
			const topology = await startQueueTopology({
				paths,
				runtime,
				root,
				encryptionKey: ENCRYPTION_KEY,
				log: silentLog,
				extraEnv: env,
				// PostgreSQL detaches from this worker's process tree: recorded, it is stopped even after a hard kill.
				groupRegistry: harnessGroupRegistry(),
			});
			cleanup.push(() => topology.stop());
			const client = new N8nClient(topology.mainOrigin);
			await signInOwner(client);
			await createApiKey(client, 'e2e queue');
			const credentials: StoredCredential[] = [];
			for (const [index, emulator] of running.entries()) {
				credentials.push(
					await upsertCredential(client, `VideoVector (account ${index + 1})`, {
						authentication: 'apiKey',
						apiKey: emulator.apiKey,
						baseUrl: emulator.baseUrl,
					}),
				);
			}
			return new QueueStack(root, topology, client, running, credentials, sinks);
		} catch (error) {
			for (const step of cleanup.reverse()) await step().catch(() => undefined);
			throw error;
		}
	}

	/**
	 * Publishes and waits until main has applied it (publication-outbox.ts): the workflow's
	 * triggers are activated and their webhooks registered with VideoVector.
	 */
	async publish(workflowId: string): Promise<void> {
		await publishWorkflow(this.client, workflowId);
		await untilPublicationsApplied(postgresOutbox(this.topology.postgres.url), workflowId);
	}

	/** Stops main gracefully and starts it again on the same port; signs in again. */
	async restartMain(): Promise<void> {
		await this.topology.stopMember('main');
		await this.topology.startMember('main');
		await signInOwner(this.client);
	}

	/** The tail of each process's log, for failure output. */
	logs(lines = 40): string {
		return this.topology.members
			.map(
				(member) =>
					`--- ${member.label} (${member.logFile}) ---\n${member.running?.logTail(lines) ?? '(not running)'}`,
			)
			.join('\n');
	}

	async stop(): Promise<void> {
		await this.topology.stop();
		await this.sinks.close();
		for (const emulator of this.emulators) await emulator.close();
		if (process.env.VV_E2E_KEEP !== '1') rmSync(this.root, { recursive: true, force: true });
	}
}
