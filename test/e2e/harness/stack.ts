import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

import { installPackedPackage, type PackageManifest } from '../../../tools/n8n/community-package';
import {
	CREDENTIAL_TYPE,
	type CredentialTestResult,
	type StoredCredential,
	testCredential,
	upsertCredential,
	type VideoVectorCredentialData,
} from '../../../tools/n8n/credential';
import type { LaunchOptions } from '../../../tools/n8n/launch';
import { silentLog } from '../../../tools/n8n/log';
import { N8nClient } from '../../../tools/n8n/n8n-client';
import type { RunningN8n } from '../../../tools/n8n/n8n-process';
import { type NodeRuntime, resolveNodeRuntime } from '../../../tools/n8n/node-runtime';
import { createApiKey, signInOwner } from '../../../tools/n8n/owner';
import { n8nPaths, type N8nPaths } from '../../../tools/n8n/paths';
import {
	type RunningEmulator,
	startEmulator,
	type StartEmulatorOptions,
} from '../../../emulator/app';
import { launchOnFreePorts, relaunchOnSamePorts } from './launch-on-free-ports';
import { runManually, waitForExecution, waitForExecutions } from './executions';
import { attachCredential, fillTemplate } from './template';
import type { Execution, Workflow, WorkflowJson } from '../../../tools/n8n/workflow-types';
import { callWebhook, type WebhookCall, type WebhookResponse, waitForWebhook } from './webhooks';
import { createWorkflow, publishWorkflow, unpublishWorkflow } from './workflows';
import { sqliteOutbox, untilPublicationsApplied } from './publication-outbox';

export interface StackOptions {
	/** Packed package to install (`npm pack` tarball); `null` runs n8n without it (baselines). */
	tarball: string | null;
	/** Passed to the emulator. */
	emulator?: StartEmulatorOptions;
	/** Extra n8n environment, set last. */
	env?: Record<string, string>;
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	credentialName?: string;
}

export interface NodeTypeInfo {
	name: string;
	displayName: string;
	version: number | number[];
	[extra: string]: unknown;
}

// n8n's own graceful shutdown waits up to 30 s for running executions; a SIGKILL before that would
// lose them (and the static data saved with them) when the machine is slow, so wait longer.
const STOP_GRACE_MS = 60_000;

// Fixed so `n8n` CLI commands run beside the server can decrypt the same credentials.
const ENCRYPTION_KEY = 'videovector-e2e-encryption-key';

/**
 * One emulator plus one n8n with this package installed as a community package, a fresh user
 * folder, the owner signed in (session cookie and API key on `client`) and a VideoVector
 * credential pointing at the emulator. Start one per test file (`useStack`): n8n takes 6–8 s
 * to boot.
 */
export class Stack {
	/** Where the current n8n process's lines start in the log file (restarts append to it). */
	private logStart = 0;

	private constructor(
		readonly paths: N8nPaths,
		readonly runtime: NodeRuntime,
		readonly userFolder: string,
		readonly emulator: RunningEmulator,
		private running: RunningN8n,
		readonly client: N8nClient,
		readonly pkg: PackageManifest | null,
		readonly credential: StoredCredential | null,
		readonly credentialData: VideoVectorCredentialData,
		private readonly restartOptions: LaunchOptions,
	) {}

	static async start(options: StackOptions): Promise<Stack> {
		const paths = n8nPaths();
		const runtime = await resolveNodeRuntime(paths.cache, silentLog);
		const userFolder = path.join(paths.scratch, `stack-${randomBytes(4).toString('hex')}`);
		mkdirSync(userFolder, { recursive: true });
		const cleanup: Array<() => Promise<unknown>> = [
			async () => rmSync(userFolder, { recursive: true, force: true }),
		];
		try {
			const pkg = options.tarball ? await installPackedPackage(options.tarball, userFolder) : null;
			const emulator = await startEmulator(options.emulator);
			cleanup.push(() => emulator.close());
			const { n8n, options: launchOptions } = await launchOnFreePorts({
				paths,
				runtime,
				userFolder,
				encryptionKey: ENCRYPTION_KEY,
				logLevel: options.logLevel ?? 'info',
				extraEnv: options.env,
			});
			cleanup.push(() => n8n.stop());
			const client = new N8nClient(n8n.origin);
			await signInOwner(client);
			await createApiKey(client, 'e2e');
			const credentialData: VideoVectorCredentialData = {
				authentication: 'apiKey',
				apiKey: emulator.apiKey,
				baseUrl: emulator.baseUrl,
			};
			const credential = pkg
				? await upsertCredential(
						client,
						options.credentialName ?? 'VideoVector (e2e)',
						credentialData,
					)
				: null;
			return new Stack(
				paths,
				runtime,
				userFolder,
				emulator,
				n8n,
				client,
				pkg,
				credential,
				credentialData,
				launchOptions,
			);
		} catch (error) {
			for (const step of cleanup.reverse()) await step().catch(() => undefined);
			throw error;
		}
	}

	/** The n8n process currently serving (changes on `restart`). */
	get n8n(): RunningN8n {
		return this.running;
	}

	get origin(): string {
		return this.running.origin;
	}

	get packageName(): string {
		if (!this.pkg) throw new Error('this stack runs without the package');
		return this.pkg.name;
	}

	/** Full node type name as n8n knows it, e.g. `n8n-nodes-videovector.videoVector`. */
	nodeType(name: string): string {
		return `${this.packageName}.${name}`;
	}

	/** Every node type n8n loaded (one entry per node version). */
	async nodeTypes(): Promise<NodeTypeInfo[]> {
		const res = await this.client.raw('GET', '/types/nodes.json');
		if (res.status !== 200) throw new Error(`GET /types/nodes.json -> ${res.status}`);
		return res.body as NodeTypeInfo[];
	}

	async credentialTypes(): Promise<Array<{ name: string; displayName: string }>> {
		const res = await this.client.raw('GET', '/types/credentials.json');
		if (res.status !== 200) throw new Error(`GET /types/credentials.json -> ${res.status}`);
		return res.body as Array<{ name: string; displayName: string }>;
	}

	/**
	 * Fills the template (`@{package}`, `@{credentialId}`, `@{credentialName}`,
	 * `@{emulatorBaseUrl}` plus `vars`), gives this package's nodes the stack credential unless
	 * they name one, and creates the workflow (unpublished).
	 */
	async importWorkflow(
		template: WorkflowJson,
		vars: Record<string, string> = {},
	): Promise<Workflow> {
		const credential = this.requireCredential();
		const filled = fillTemplate(template, {
			package: this.packageName,
			credentialId: credential.id,
			credentialName: credential.name,
			emulatorBaseUrl: this.emulator.baseUrl,
			...vars,
		});
		return createWorkflow(
			this.client,
			attachCredential(filled, this.packageName, CREDENTIAL_TYPE, credential),
		);
	}

	/**
	 * Publishes and waits until n8n has applied it (publication-outbox.ts): the trigger's webhook
	 * methods have run and the URL is served or refused accordingly.
	 */
	async publish(workflowId: string): Promise<Workflow> {
		const workflow = await publishWorkflow(this.client, workflowId);
		await untilPublicationsApplied(sqliteOutbox(this.userFolder), workflowId);
		return workflow;
	}

	/** Unpublishes and waits until n8n has applied it, as `publish` does. */
	async unpublish(workflowId: string): Promise<Workflow> {
		const workflow = await unpublishWorkflow(this.client, workflowId);
		await untilPublicationsApplied(sqliteOutbox(this.userFolder), workflowId);
		return workflow;
	}

	webhook(path: string, call?: WebhookCall): Promise<WebhookResponse> {
		return callWebhook(this.origin, path, call);
	}

	/** Calls the webhook as soon as it is registered (after publish or restart). */
	waitForWebhook(path: string, call?: WebhookCall, timeoutMs?: number): Promise<WebhookResponse> {
		return waitForWebhook(this.origin, path, call, timeoutMs);
	}

	/** Runs the workflow from its Manual Trigger and resolves to the finished execution with data. */
	runManually(workflow: Workflow, triggerName?: string): Promise<Execution> {
		return runManually(this.client, workflow, triggerName);
	}

	waitForExecution(id: string, timeoutMs?: number): Promise<Execution> {
		return waitForExecution(this.client, id, timeoutMs);
	}

	waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<Execution[]> {
		return waitForExecutions(this.client, workflowId, count, timeoutMs);
	}

	/** The credential "Test" button with the stack credential's data, overridden by `override`. */
	testCredential(override: Partial<VideoVectorCredentialData> = {}): Promise<CredentialTestResult> {
		return testCredential(this.client, this.requireCredential(), {
			...this.credentialData,
			...override,
		});
	}

	/** Stops n8n (with the same grace as `restart`) and leaves it down until `restart`. */
	stopN8n(): Promise<void> {
		return this.running.stop(STOP_GRACE_MS);
	}

	/** Stops n8n and starts it again on the same data folder and port; signs in again. */
	async restart(): Promise<void> {
		await this.running.stop(STOP_GRACE_MS);
		this.logStart = existsSync(this.running.logFile) ? statSync(this.running.logFile).size : 0;
		this.running = await relaunchOnSamePorts(this.restartOptions);
		await signInOwner(this.client);
	}

	/** The last `lines` lines of n8n's log (all restarts append to the same file), for failure output. */
	logs(lines = 80): string {
		return this.running.logTail(lines);
	}

	/**
	 * Everything the current n8n process logged so far (since the last start or `restart`), whole:
	 * assertions on the log read this, never a fixed tail, which a busy start-up can push a line out of.
	 */
	logSinceStart(): string {
		if (!existsSync(this.running.logFile)) return '';
		return readFileSync(this.running.logFile).subarray(this.logStart).toString('utf8');
	}

	/** Stops n8n and the emulator and deletes the data folder (kept when VV_E2E_KEEP=1). */
	async stop(): Promise<void> {
		await this.running.stop(STOP_GRACE_MS);
		await this.emulator.close();
		if (process.env.VV_E2E_KEEP !== '1') rmSync(this.userFolder, { recursive: true, force: true });
	}

	private requireCredential(): StoredCredential {
		if (!this.credential)
			throw new Error('this stack runs without the package, so it has no credential');
		return this.credential;
	}
}

export function startStack(options: StackOptions): Promise<Stack> {
	return Stack.start(options);
}
