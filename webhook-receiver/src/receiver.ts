import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { parseReceiverConfig } from './config/load';
import type { ReceiverConfig, ReceiverConfigInput } from './config/schema';
import { Forwarder } from './forward/forwarder';
import { IngestActivity } from './forward/ingest-activity';
import { createApp } from './http/app';
import { createReceiverServer } from './http/receiver-server';
import { createDeliveryHandler } from './ingest/delivery-handler';
import { loadOctokitVerify } from './ingest/octokit-verify';
import { SignatureVerifier } from './ingest/signature-verifier';
import { errorText } from './log/error-text';
import { createJsonLogger, type Logger } from './log/logger';
import { cachedSample } from './metrics/cached-sample';
import { createReceiverMetrics, type ReceiverMetrics } from './metrics/receiver-metrics';
import { Router } from './routing/router';
import type { DeliveryStore } from './store/delivery-store';
import { PostgresDeliveryStore } from './store/postgres-delivery-store';
import { startRetention } from './store/retention';
import { SqliteDeliveryStore } from './store/sqlite-delivery-store';
import { systemClock, type Clock } from './time/clock';
import type { Random } from './time/random';

export interface ReceiverOptions {
	/** Defaults to wall time; tests pass a scaled clock so long outages run fast. */
	clock?: Clock;
	/** Jitter source; defaults to Math.random. */
	random?: Random;
	/** Defaults to JSON lines on stdout at the configured level. */
	logger?: Logger;
	/** Defaults to PostgreSQL when `databaseUrl` is set, else the SQLite store in `dataDir`. */
	store?: DeliveryStore;
	/** How often idle lanes re-read the store (clock milliseconds). Default 1000. */
	idlePollMs?: number;
	/** See LaneDeps.maxUnconfirmedMarks. Default 1. */
	maxUnconfirmedMarks?: number;
	/**
	 * The store's writer died and cannot come back: the CLI exits non-zero so an orchestrator
	 * restarts it. Embedders decide for themselves; /readyz fails either way.
	 */
	onFatal?: (error: Error) => void;
}

export interface RunningReceiver {
	/** Base URL, e.g. `http://127.0.0.1:8787`. */
	url: string;
	/** Full URL to register as the VideoVector webhook (base URL + configured path). */
	deliveryUrl: string;
	/** Where /admin and /metrics are served: the ops listener, or `url` when there is none. */
	opsUrl: string;
	port: number;
	config: ReceiverConfig;
	metrics: ReceiverMetrics;
	/** Graceful stop: refuse new deliveries, finish in-flight work (bounded by shutdownGraceMs), close the store. */
	close(): Promise<void>;
}

export const DATABASE_FILE = 'receiver.sqlite';
const HOUR = 3_600_000;
/** Queue depth on /metrics is at most this old (a typical scrape interval is 15 s or more). */
const QUEUE_DEPTH_MAX_AGE_MS = 5_000;

function secretsOf(config: ReceiverConfig): string[] {
	const targetSecrets = config.routes.flatMap((route) =>
		route.targets.map((target) => target.secret),
	);
	const headerValues = config.routes.flatMap((route) =>
		route.targets.flatMap((target) => Object.values(target.headers)),
	);
	return [
		...config.secrets.map((entry) => entry.secret),
		...targetSecrets,
		...headerValues,
		config.adminToken,
		databasePassword(config.databaseUrl),
	].filter((value): value is string => value !== undefined && value !== '');
}

/** The password inside a database URL, as written and as percent-decoded, for the log scrubber. */
function databasePassword(url: string | undefined): string | undefined {
	if (url === undefined || !URL.canParse(url)) return undefined;
	const password = new URL(url).password;
	return password === '' ? undefined : decodeURIComponent(password);
}

/** The configured store: PostgreSQL shared by replicas, or the SQLite file of a single one. */
async function openStore(config: ReceiverConfig, logger: Logger): Promise<DeliveryStore> {
	if (config.databaseUrl !== undefined)
		return PostgresDeliveryStore.open({
			url: config.databaseUrl,
			laneLeaseMs: config.laneLeaseMs,
			logger,
		});
	return new SqliteDeliveryStore({
		file: join(config.dataDir, DATABASE_FILE),
		groupCommit: config.groupCommit,
		walSizeLimitBytes: config.walSizeLimitBytes,
	});
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address() as AddressInfo);
		});
	});
}

/** Waits for `promise` at most `ms` real milliseconds; true if it settled in time. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), ms);
	});
	try {
		return await Promise.race([promise.then(() => true), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Starts a receiver in this process: for the CLI, for tests and for embedding. */
export async function startReceiver(
	input: ReceiverConfigInput | ReceiverConfig,
	options: ReceiverOptions = {},
): Promise<RunningReceiver> {
	const config = parseReceiverConfig(input);
	// Loaded up front so the first delivery does not pay for the import.
	await loadOctokitVerify();
	const clock = options.clock ?? systemClock;
	const logger =
		options.logger ??
		createJsonLogger({
			level: config.log.level,
			knownSecrets: secretsOf(config),
			now: () => clock.now(),
		});
	const store = options.store ?? (await openStore(config, logger));
	store.onWriterFailure?.((error) => {
		logger.error('store.writer_failed', { error: errorText(error) });
		options.onFatal?.(error);
	});
	const router = new Router(config.routes);
	const metrics = createReceiverMetrics(
		cachedSample(
			async () =>
				(await store.queueDepth()).map((depth) => ({
					labels: { target: depth.target },
					value: depth.pending,
				})),
			QUEUE_DEPTH_MAX_AGE_MS,
		),
	);
	const ingest = new IngestActivity(
		{ concurrency: config.forward.burstConcurrency, maxYieldMs: config.forward.burstYieldMs },
		clock,
	);
	const forwarder = new Forwarder(router.targets, {
		store,
		clock,
		random: options.random ?? Math.random,
		logger,
		metrics,
		retry: config.retry,
		timeoutMs: config.forward.timeoutMs,
		lateAnswerMs: config.forward.lateAnswerMs,
		maxConcurrency: config.forward.maxConcurrency,
		ingest,
		idlePollMs: options.idlePollMs ?? 1000,
		maxUnconfirmedMarks: options.maxUnconfirmedMarks ?? 1,
	});
	const notify = (targetIds: readonly string[]): void => forwarder.notify(targetIds);
	let accepting = true;

	const handleOneDelivery = createDeliveryHandler({
		bodyLimitBytes: config.bodyLimitBytes,
		verifier: new SignatureVerifier(config.secrets, config.webhookIds, clock),
		router,
		store,
		notify,
		metrics,
		logger,
		clock,
		logBodies: config.log.bodies,
		isAccepting: () => accepting,
		replayWindowMs: config.retentionHours * HOUR,
	});
	const handleDelivery = (request: IncomingMessage, response: ServerResponse): Promise<void> =>
		ingest.track(() => handleOneDelivery(request, response));
	const appDeps = {
		ingestPath: config.path,
		handleDelivery,
		ops: {
			registry: metrics.registry,
			notReadyReason: () =>
				!accepting
					? 'shutting_down'
					: store.writerFailure?.() !== undefined
						? 'store_failed'
						: undefined,
			metricsToken: config.metricsToken,
		},
		admin: { token: config.adminToken, store, clock, logger, notify },
		logger,
	};
	const separateOps = config.opsListen !== undefined;
	const app = createApp({ ...appDeps, serves: { deliveries: true, ops: !separateOps } });
	const server = createReceiverServer({
		ingestPath: config.path,
		handleDelivery,
		app,
		logger,
		limits: config.listen,
	});
	// /admin and /metrics on a listener of their own (loopback by default), never on the public one.
	const opsServer = separateOps
		? createServer(createApp({ ...appDeps, serves: { deliveries: false, ops: true } }))
		: undefined;

	let address: AddressInfo;
	let opsAddress: AddressInfo | undefined;
	try {
		address = await listen(server, config.listen.host, config.listen.port);
		if (opsServer !== undefined && config.opsListen !== undefined)
			opsAddress = await listen(opsServer, config.opsListen.host, config.opsListen.port);
	} catch (error) {
		server.close();
		await store.close();
		throw error;
	}
	const known = new Set(forwarder.targetIds);
	for (const depth of await store.queueDepth()) {
		if (!known.has(depth.target))
			logger.warn('target.orphaned', { target: depth.target, pending: depth.pending });
	}
	// Replicas sharing a store: lanes run where their lease is, and wake on each other's events.
	store.onRemoteWork?.((targetIds) => forwarder.notify(targetIds));
	store.leases?.start(forwarder.targetIds, (targetId) => forwarder.notify([targetId]));
	forwarder.start();
	const stopRetention = startRetention({
		store,
		clock,
		logger,
		retentionMs: config.retentionHours * HOUR,
		deadLetterRetentionMs: config.deadLetterRetentionHours * HOUR,
		intervalMs: HOUR,
	});

	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	const url = `http://${host}:${address.port}`;
	logger.info('receiver.listening', {
		url,
		path: config.path,
		targets: forwarder.targetIds.length,
	});

	let closing: Promise<void> | undefined;
	const close = (): Promise<void> => {
		closing ??= (async () => {
			accepting = false;
			logger.info('receiver.stopping', {});
			const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
			opsServer?.close();
			opsServer?.closeAllConnections();
			server.closeIdleConnections();
			// Requests already being stored finish (they were promised an answer); then forwards drain.
			if (!(await within(serverClosed, config.shutdownGraceMs))) server.closeAllConnections();
			await serverClosed;
			await forwarder.stop(config.shutdownGraceMs);
			await stopRetention();
			await store.close();
			logger.info('receiver.stopped', {});
		})();
		return closing;
	};

	const opsUrl =
		opsAddress === undefined
			? url
			: `http://${opsAddress.family === 'IPv6' ? `[${opsAddress.address}]` : opsAddress.address}:${opsAddress.port}`;
	return {
		url,
		deliveryUrl: `${url}${config.path}`,
		opsUrl,
		port: address.port,
		config,
		metrics,
		close,
	};
}
