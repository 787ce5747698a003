import { z } from 'zod';

import { decodeStandardSecret } from '../../../shared/webhooks/standard-webhooks';
import { isValidEventPattern } from '../routing/event-pattern';
import { targetId } from '../routing/target-id';

/** Families routed when a route names no events: the ones n8n flows react to (README, "What VideoVector sends"). */
export const DEFAULT_ROUTE_EVENTS = ['prompt_run.*', 'export.*'] as const;

const MIB = 1024 * 1024;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the forwarder owns; letting config override them would break signing or framing. */
const RESERVED_HEADER =
	/^(?:content-type|content-length|transfer-encoding|connection|host|webhook-.*|x-videovector-.*)$/i;

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Signing secrets must carry at least this much key material (UTF-8 bytes). */
export const MIN_SECRET_BYTES = 16;
const secretText = z
	.string()
	.refine(
		(value) => Buffer.byteLength(value, 'utf8') >= MIN_SECRET_BYTES,
		`must be at least ${MIN_SECRET_BYTES} bytes`,
	);

/** Where plain http:// is acceptable without opting in: the same machine. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackUrl(url: URL): boolean {
	return LOOPBACK_HOST.test(url.hostname);
}

/** Parsed without throwing, so a malformed URL becomes an issue on its key rather than a crash. */
function parsedUrl(value: string): URL | undefined {
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

const targetUrl = z.string().superRefine((value, ctx) => {
	const url = parsedUrl(value);
	if (url === undefined) ctx.addIssue({ code: 'custom', message: 'is not a valid URL' });
	else if (!/^https?:$/.test(url.protocol))
		ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
	else if (url.username !== '' || url.password !== '')
		ctx.addIssue({ code: 'custom', message: 'must not contain credentials; use headers' });
});

const targetSchema = z
	.object({
		/** Stable identity of the target's queue (see routing/router targetId). Renaming a target orphans its queue. */
		name: z.string().min(1).max(100).optional(),
		url: targetUrl,
		headers: z
			.record(
				z
					.string()
					.regex(HEADER_NAME, 'must be a valid header name')
					.refine((name) => !RESERVED_HEADER.test(name), 'is set by the receiver'),
				z.string(),
			)
			.default({}),
		/** Standard Webhooks secret (`whsec_<base64>`) the forwarded request is signed with. */
		secret: z
			.string()
			.refine(
				(value) => decodeStandardSecret(value) !== undefined,
				'must be "whsec_" followed by base64',
			)
			.optional(),
		/** Real milliseconds this target has to answer; overrides forward.timeoutMs. */
		timeoutMs: int(1, 600_000).optional(),
	})
	.strict();

const routeSchema = z
	.object({
		name: z.string().min(1).max(100).optional(),
		events: z
			.array(
				z
					.string()
					.refine(
						isValidEventPattern,
						'must be "*", an event name ("export.ready") or a prefix pattern ("prompt_run.*")',
					),
			)
			.min(1)
			.default([...DEFAULT_ROUTE_EVENTS]),
		/** Only events whose index (data.index_id, or the target of an index export) is listed. */
		indexIds: z.array(z.string().min(1)).min(1).optional(),
		targets: z.array(targetSchema).min(1),
	})
	.strict();

const signingSecretSchema = z
	.union([
		secretText,
		z
			.object({
				secret: secretText,
				/** End of this secret's rotation overlap (ISO 8601); absent = no end. */
				validUntil: z.string().datetime({ offset: true }).optional(),
				/** Restricts the secret to one subscription; absent = any configured webhook id. */
				webhookId: z.string().min(1).optional(),
			})
			.strict(),
	])
	.transform((value) => (typeof value === 'string' ? { secret: value } : value));

export const receiverConfigSchema = z
	.object({
		listen: z
			.object({
				host: z.string().min(1).default('127.0.0.1'),
				port: int(0, 65535).default(8787),
				/** Real milliseconds a client may take to send its request headers (slowloris guard). */
				headersTimeoutMs: int(100, 600_000).default(10_000),
				/** Real milliseconds a client may take to send a whole request. */
				requestTimeoutMs: int(100, 3_600_000).default(30_000),
				/** How long an idle keep-alive connection stays open. */
				keepAliveTimeoutMs: int(100, 600_000).default(5_000),
				/** Open connections at most; more are closed at once. */
				maxConnections: int(1, 1_000_000).default(1_024),
			})
			.strict()
			.default({}),
		/** Path VideoVector posts to (the subscription URL's path). */
		path: z
			.string()
			.regex(
				/^\/[A-Za-z0-9._~/-]*$/,
				'must start with "/" and use only letters, digits and . _ ~ / -',
			)
			.default('/webhooks/videovector'),
		secrets: z.array(signingSecretSchema).min(1),
		webhookIds: z.array(z.string().min(1)).min(1),
		routes: z.array(routeSchema).min(1),
		retry: z
			.object({
				maxAttempts: int(1, 1000).default(8),
				baseDelayMs: int(1, 3_600_000).default(1000),
				maxDelayMs: int(1, 86_400_000).default(300_000),
				jitterRatio: z.number().min(0).max(1).default(0.3),
			})
			.strict()
			.default({}),
		forward: z
			.object({
				/** A target must answer within this many real milliseconds or the attempt counts as failed. */
				timeoutMs: int(1, 600_000).default(10_000),
				/**
				 * A request that timed out stays open this many more real milliseconds: a 2xx in that
				 * window records the event as delivered instead of sending it again (0 = abort at the
				 * timeout). The event is not resent while its request is open.
				 */
				lateAnswerMs: int(0, 600_000).default(60_000),
				/** Requests in flight across all targets (each target has at most one, to keep its order). */
				maxConcurrency: int(1, 1024).default(8),
				/**
				 * Forwarding yields to bursts of incoming deliveries (see forward/ingest-activity.ts):
				 * from this many deliveries in progress at once (0 = never), each send waits up to
				 * burstYieldMs for the burst to pass.
				 */
				burstConcurrency: int(0, 100_000).default(8),
				burstYieldMs: int(1, 10_000).default(20),
				/** Allow plain http:// targets that are not on this machine (events would cross the network unencrypted). */
				allowHttp: z.boolean().default(false),
			})
			.strict()
			.default({}),
		bodyLimitBytes: int(1, 64 * MIB).default(MIB),
		dataDir: z.string().min(1).default('./data'),
		/** A second listener for /admin/* and /metrics (default host: loopback); the public one then serves neither. */
		opsListen: z
			.object({ host: z.string().min(1).default('127.0.0.1'), port: int(0, 65535) })
			.strict()
			.optional(),
		/** Bearer token /metrics then requires; unset = open (keep it on the ops listener). */
		metricsToken: z.string().min(16).optional(),
		/** Bearer token for /admin/*; admin endpoints answer 404 when unset. */
		adminToken: z.string().min(16).optional(),
		log: z
			.object({
				level: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
				/** Include envelopes in log lines; off by default because payloads may carry customer data. */
				bodies: z.boolean().default(false),
			})
			.strict()
			.default({}),
		/**
		 * Fully delivered deliveries are deleted after this many hours, which also ends their
		 * de-duplication; the minimum outlasts VideoVector's retry schedule (about 7 h; (README, "What VideoVector sends")).
		 */
		retentionHours: int(12, 87_600).default(168),
		/** Dead letters are deleted this many hours after they died (replay them before then). */
		deadLetterRetentionHours: int(12, 87_600).default(720),
		/** The SQLite write-ahead log is checkpointed and truncated to stay around this size. */
		walSizeLimitBytes: int(MIB, 4096 * MIB).default(64 * MIB),
		shutdownGraceMs: int(0, 600_000).default(10_000),
		/**
		 * A PostgreSQL database shared by several replicas (postgres://…); unset: the SQLite file in
		 * dataDir, for one replica. The password never appears in logs (it is scrubbed like a secret).
		 */
		databaseUrl: z
			.string()
			.regex(/^postgres(?:ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
			.optional(),
		/**
		 * With a shared database: how long one replica's hold on a target's lane lasts without being
		 * renewed (it is renewed every third of this). A replica that dies loses its lanes to another
		 * within this time.
		 */
		laneLeaseMs: int(500, 600_000).default(10_000),
		groupCommit: z
			.object({
				/** Most deliveries written in one transaction. */
				maxBatch: int(1, 100_000).default(1024),
				/** Extra real milliseconds to gather a batch; 0 = whatever arrived in the same event-loop turn. */
				windowMs: int(0, 50).default(0),
				/** 'worker': commit on a writer thread, so HTTP handling goes on meanwhile; 'main': on the event loop. */
				thread: z.enum(['main', 'worker']).default('worker'),
				/** Batches at the writer at once: 2 lets the next wait there while one commits. */
				pipelineDepth: int(1, 8).default(1),
			})
			.strict()
			.default({}),
	})
	.strict()
	.superRefine((config, ctx) => {
		config.secrets.forEach((secret, index) => {
			if (
				'webhookId' in secret &&
				secret.webhookId !== undefined &&
				!config.webhookIds.includes(secret.webhookId)
			) {
				ctx.addIssue({
					code: 'custom',
					path: ['secrets', index, 'webhookId'],
					message: 'is not one of webhookIds',
				});
			}
		});
		config.routes.forEach((route, routeIndex) => {
			route.targets.forEach((target, targetIndex) => {
				const url = parsedUrl(target.url);
				if (url?.protocol === 'http:' && !isLoopbackUrl(url) && !config.forward.allowHttp) {
					ctx.addIssue({
						code: 'custom',
						path: ['routes', routeIndex, 'targets', targetIndex, 'url'],
						message: 'must be https:// unless it is on loopback or forward.allowHttp is set',
					});
				}
			});
		});
		if (config.deadLetterRetentionHours < config.retentionHours) {
			ctx.addIssue({
				code: 'custom',
				path: ['deadLetterRetentionHours'],
				message: 'must not be shorter than retentionHours',
			});
		}
		if (config.retry.baseDelayMs > config.retry.maxDelayMs) {
			ctx.addIssue({
				code: 'custom',
				path: ['retry', 'baseDelayMs'],
				message: 'must not exceed retry.maxDelayMs',
			});
		}
		// A target named twice must mean the same destination, or its single ordered queue would be ambiguous.
		const seen = new Map<string, string>();
		config.routes.forEach((route, routeIndex) => {
			route.targets.forEach((target, targetIndex) => {
				if (parsedUrl(target.url) === undefined) return; // already reported on its key
				const key = targetId(target);
				const fingerprint = JSON.stringify([target.url, target.headers, target.secret ?? null]);
				const previous = seen.get(key);
				if (previous !== undefined && previous !== fingerprint) {
					ctx.addIssue({
						code: 'custom',
						path: [
							'routes',
							routeIndex,
							'targets',
							targetIndex,
							target.name === undefined ? 'url' : 'name',
						],
						message: `target "${key}" is defined twice with different settings`,
					});
				}
				seen.set(key, fingerprint);
			});
		});
	});

/** What a caller writes (defaults optional). */
export type ReceiverConfigInput = z.input<typeof receiverConfigSchema>;
/** What the receiver runs with (defaults filled in). */
export type ReceiverConfig = z.output<typeof receiverConfigSchema>;
export type TargetConfig = ReceiverConfig['routes'][number]['targets'][number];
export type RouteConfig = ReceiverConfig['routes'][number];
export type SigningSecretConfig = ReceiverConfig['secrets'][number];
