import { mkdirSync, symlinkSync, existsSync } from 'node:fs';
import path from 'node:path';

import { startPostgres, type RunningPostgres } from '../services/postgres';
import { startRedis, type RunningRedis } from '../services/redis';
import { nodesFolder } from './community-package';
import { freePort } from './free-port';
import { recordGroup } from './group-registry';
import { launchN8n, type LaunchOptions } from './launch';
import { type Log, withHeartbeat } from './log';
import type { RunningN8n } from './n8n-process';
import type { NodeRuntime } from './node-runtime';
import type { N8nPaths } from './paths';
import { startWebhookBalancer, type Upstream, type WebhookBalancer } from './webhook-balancer';

export type QueueRole = 'main' | 'webhook' | 'worker';

export interface QueueTopologyOptions {
	paths: N8nPaths;
	runtime: NodeRuntime;
	/**
	 * Holds one n8n user folder per process (`main/`, `webhook-1/`, `worker-1/`, …) and `shared/`,
	 * whose community-package folder (`shared/.n8n/nodes`, where the caller installed the package)
	 * every process links to: processes must not share one user folder, since each keeps its own
	 * crash journal and event log there.
	 */
	root: string;
	/** Shared by every process: they all decrypt the same credentials. */
	encryptionKey: string;
	log: Log;
	/** Editor port of main; a free one when omitted. */
	mainPort?: number;
	workers?: number;
	/** Executions one worker runs at a time (n8n's default is 10). */
	workerConcurrency?: number;
	/** Keep the PostgreSQL cluster under this name between runs (`npm start`); omitted: a temporary one. */
	postgresName?: string;
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Extra n8n environment for every process, set last. */
	extraEnv?: Record<string, string>;
	/**
	 * A group registry (group-registry.ts) to record every process group in (PostgreSQL, Redis,
	 * each n8n), so a later run stops them if this process is killed before it could.
	 */
	groupRegistry?: string;
}

/** One n8n process of the topology. */
export interface QueueMember {
	label: string;
	role: QueueRole;
	/** The process while it runs; null after `stop`/`kill` until `start`. */
	running: RunningN8n | null;
	logFile: string;
}

export interface QueueTopology {
	postgres: RunningPostgres;
	redis: RunningRedis;
	balancer: WebhookBalancer;
	members: QueueMember[];
	/** Editor and API origin (main). */
	mainOrigin: string;
	/** n8n's public URL for webhooks (N8N_WEBHOOK_URL): the balancer in front of main and the webhook processor. */
	webhookOrigin: string;
	member(label: string): QueueMember;
	/** The running main process (throws while it is down). */
	main(): RunningN8n;
	/** Graceful stop (SIGTERM, n8n finishes what it runs within `graceMs`). */
	stopMember(label: string, graceMs?: number): Promise<void>;
	/** SIGKILL to the process and its task runner: a crash, nothing is finished or saved. */
	killMember(label: string): Promise<void>;
	/** Starts a stopped or killed member again on its old ports and folder. */
	startMember(label: string): Promise<RunningN8n>;
	/** Resolves with the label of the next member that exits without being told to. */
	nextUnexpectedExit(): Promise<string>;
	/** Stops every n8n process, then the balancer, Redis and PostgreSQL. */
	stop(): Promise<void>;
}

const STOP_GRACE_MS = 60_000;

interface MemberState extends QueueMember {
	options: LaunchOptions;
	/** Set while the caller stops or kills it on purpose. */
	expectedDown: boolean;
}

function queueEnv(
	role: QueueRole,
	postgres: RunningPostgres,
	redis: RunningRedis,
	mainOrigin: string,
	webhookOrigin: string,
	label: string,
): Record<string, string> {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// Queue mode cannot use the filesystem mode (a worker cannot read main's disk); 2.41 defaults
		// to the database mode there, set explicitly so the choice is visible.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		N8N_EDITOR_BASE_URL: `${mainOrigin}/`,
		N8N_WEBHOOK_URL: `${webhookOrigin}/`,
		N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-${label}`,
		// Manual runs on workers too (n8n 2.41 warns this becomes the only behaviour).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Each finished node's output and the node stack after it are saved as the execution goes, so
		// an execution whose worker died can be retried from where it stopped instead of from its
		// trigger, past its Remove Duplicates guard (tools/n8n/worker-recovery.ts, docs/scaling.md).
		EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'true',
		...(role === 'worker'
			? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
			: {}),
	};
}

function commandOf(role: QueueRole, concurrency: number): string[] {
	if (role === 'worker') return ['worker', `--concurrency=${concurrency}`];
	return [role === 'main' ? 'start' : 'webhook'];
}

/** A user folder of its own whose `.n8n/nodes` is the shared community-package folder. */
function memberFolder(root: string, label: string): string {
	const folder = path.join(root, label);
	const nodes = nodesFolder(folder);
	mkdirSync(path.dirname(nodes), { recursive: true });
	if (!existsSync(nodes)) symlinkSync(nodesFolder(path.join(root, 'shared')), nodes, 'dir');
	return folder;
}

/**
 * n8n in queue mode as the n8n docs lay it out, on one machine: PostgreSQL and Redis (Debian's,
 * installed when missing), a main instance (editor, API, triggers and pollers, webhook calls too),
 * one webhook processor (`n8n webhook`), `workers` workers (`n8n worker`), and a balancer that
 * spreads production webhook calls over main and the webhook processor.
 */
export async function startQueueTopology(options: QueueTopologyOptions): Promise<QueueTopology> {
	const { log, groupRegistry: registry } = options;
	const cleanup: Array<() => Promise<void>> = [];
	const undo = async () => {
		for (const step of cleanup.reverse()) await step().catch(() => undefined);
	};
	try {
		const [postgres, redis] = await withHeartbeat(
			log,
			'starting PostgreSQL and Redis',
			Promise.all([
				startPostgres({ log, name: options.postgresName, groupRegistry: registry }),
				startRedis({ log, dir: path.join(options.root, 'redis'), groupRegistry: registry }),
			]),
		);
		cleanup.push(
			() => postgres.stop(),
			() => redis.stop(),
		);

		const members: MemberState[] = [];
		const upstream = (member: MemberState): Upstream => ({
			label: member.label,
			origin: `http://127.0.0.1:${member.options.port}`,
		});
		const byLabel = (label: string): MemberState => {
			const member = members.find((candidate) => candidate.label === label);
			if (!member) throw new Error(`no n8n process "${label}" in the topology`);
			return member;
		};
		const balancer = await startWebhookBalancer(
			() => upstream(byLabel('main')),
			() => members.filter((member) => member.role !== 'worker').map(upstream),
		);
		cleanup.push(() => balancer.close());

		const mainPort = options.mainPort ?? (await freePort());
		const mainOrigin = `http://127.0.0.1:${mainPort}`;
		const layout: Array<{ label: string; role: QueueRole }> = [
			{ label: 'main', role: 'main' },
			{ label: 'webhook-1', role: 'webhook' },
			...Array.from({ length: options.workers ?? 2 }, (_, index) => ({
				label: `worker-${index + 1}`,
				role: 'worker' as const,
			})),
		];
		for (const { label, role } of layout) {
			const userFolder = memberFolder(options.root, label);
			const port = role === 'main' ? mainPort : await freePort();
			const logFile = path.join(options.root, 'logs', `${label}.log`);
			members.push({
				label,
				role,
				running: null,
				logFile,
				expectedDown: false,
				options: {
					paths: options.paths,
					runtime: options.runtime,
					userFolder,
					port,
					brokerPort: await freePort(),
					logFile,
					encryptionKey: options.encryptionKey,
					logLevel: options.logLevel ?? 'info',
					command: commandOf(role, options.workerConcurrency ?? 5),
					onSpawn:
						registry === undefined
							? undefined
							: (pid) => recordGroup(registry, pid, `n8n ${label}`),
					extraEnv: {
						...queueEnv(role, postgres, redis, mainOrigin, balancer.origin, label),
						...(role === 'worker' ? { QUEUE_HEALTH_CHECK_PORT: String(port) } : {}),
						...options.extraEnv,
					},
				},
			});
		}

		// Exits nobody waited for yet are kept, so one that happens while the caller handles another is not lost.
		const unreportedExits: string[] = [];
		const exitWaiters: Array<(label: string) => void> = [];
		const reportExit = (label: string) => {
			const waiter = exitWaiters.shift();
			if (waiter) waiter(label);
			else unreportedExits.push(label);
		};
		let stopping = false;
		const start = async (member: MemberState): Promise<RunningN8n> => {
			member.expectedDown = false;
			const running = await launchN8n(member.options);
			member.running = running;
			void running.exited.then(() => {
				if (member.running === running) member.running = null;
				if (!member.expectedDown && !stopping) reportExit(member.label);
			});
			return running;
		};
		const halt = async (member: MemberState, how: (running: RunningN8n) => Promise<void>) => {
			const running = member.running;
			if (!running) return;
			member.expectedDown = true;
			await how(running);
			member.running = null;
		};
		cleanup.push(async () => {
			stopping = true;
			await Promise.all(
				members.map((member) => halt(member, (running) => running.stop(STOP_GRACE_MS))),
			);
		});

		// Main first: it runs the database migrations the others wait for.
		await withHeartbeat(log, `starting n8n main on ${mainOrigin}`, start(byLabel('main')));
		await withHeartbeat(
			log,
			`starting the webhook processor and ${members.length - 2} workers`,
			Promise.all(members.filter((member) => member.role !== 'main').map(start)),
		);

		return {
			postgres,
			redis,
			balancer,
			members,
			mainOrigin,
			webhookOrigin: balancer.origin,
			member: byLabel,
			main() {
				const running = byLabel('main').running;
				if (!running) throw new Error('n8n main is not running');
				return running;
			},
			stopMember: (label, graceMs = STOP_GRACE_MS) =>
				halt(byLabel(label), (running) => running.stop(graceMs)),
			killMember: (label) =>
				halt(byLabel(label), async (running) => {
					process.kill(-running.pid, 'SIGKILL');
					await running.exited;
				}),
			startMember: (label) => start(byLabel(label)),
			nextUnexpectedExit: () => {
				const label = unreportedExits.shift();
				if (label !== undefined) return Promise.resolve(label);
				return new Promise<string>((resolve) => {
					exitWaiters.push(resolve);
				});
			},
			stop: undo,
		};
	} catch (error) {
		await undo();
		throw error;
	}
}
