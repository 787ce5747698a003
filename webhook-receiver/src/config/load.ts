import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { ZodIssue } from 'zod';

import { receiverConfigSchema, type ReceiverConfig } from './schema';

/** A configuration the receiver refuses to start with; the message names the offending key. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

type Path = ReadonlyArray<string | number>;

interface EnvBinding {
	name: string;
	path: Path;
	parse: (raw: string) => unknown;
}

const list = (raw: string): string[] =>
	raw
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');
/** Empty text becomes NaN rather than 0, so zod reports it instead of silently binding port 0. */
const number = (raw: string): number => (raw.trim() === '' ? Number.NaN : Number(raw));
/** Anything but a clear yes/no stays a string, which zod then reports as "expected boolean". */
const boolean = (raw: string): unknown =>
	/^(?:1|true|yes|on)$/i.test(raw) ? true : /^(?:0|false|no|off)$/i.test(raw) ? false : raw;

function jsonFrom(name: string) {
	return (raw: string): unknown => {
		try {
			return JSON.parse(raw);
		} catch {
			throw new ConfigError(`Invalid receiver configuration: ${name} is not valid JSON`);
		}
	};
}

/** A secret list may be JSON (to carry validUntil/webhookId) or plain comma-separated secrets. */
const secretList = (raw: string): unknown =>
	raw.trim().startsWith('[') ? jsonFrom('RECEIVER_SECRETS')(raw) : list(raw);

/** Shorthand for the common case: every default-routed event to these URLs. */
const targetUrls = (raw: string): unknown => [{ targets: list(raw).map((url) => ({ url })) }];

export const ENV_BINDINGS: readonly EnvBinding[] = [
	{ name: 'RECEIVER_HOST', path: ['listen', 'host'], parse: (raw) => raw },
	{ name: 'RECEIVER_PORT', path: ['listen', 'port'], parse: number },
	{ name: 'RECEIVER_HEADERS_TIMEOUT_MS', path: ['listen', 'headersTimeoutMs'], parse: number },
	{ name: 'RECEIVER_REQUEST_TIMEOUT_MS', path: ['listen', 'requestTimeoutMs'], parse: number },
	{ name: 'RECEIVER_KEEP_ALIVE_TIMEOUT_MS', path: ['listen', 'keepAliveTimeoutMs'], parse: number },
	{ name: 'RECEIVER_MAX_CONNECTIONS', path: ['listen', 'maxConnections'], parse: number },
	{ name: 'RECEIVER_PATH', path: ['path'], parse: (raw) => raw },
	{ name: 'RECEIVER_SECRETS', path: ['secrets'], parse: secretList },
	{ name: 'RECEIVER_WEBHOOK_IDS', path: ['webhookIds'], parse: list },
	{ name: 'RECEIVER_ROUTES', path: ['routes'], parse: jsonFrom('RECEIVER_ROUTES') },
	{ name: 'RECEIVER_TARGET_URLS', path: ['routes'], parse: targetUrls },
	{ name: 'RECEIVER_RETRY_MAX_ATTEMPTS', path: ['retry', 'maxAttempts'], parse: number },
	{ name: 'RECEIVER_RETRY_BASE_DELAY_MS', path: ['retry', 'baseDelayMs'], parse: number },
	{ name: 'RECEIVER_RETRY_MAX_DELAY_MS', path: ['retry', 'maxDelayMs'], parse: number },
	{ name: 'RECEIVER_FORWARD_TIMEOUT_MS', path: ['forward', 'timeoutMs'], parse: number },
	{ name: 'RECEIVER_FORWARD_LATE_ANSWER_MS', path: ['forward', 'lateAnswerMs'], parse: number },
	{ name: 'RECEIVER_FORWARD_MAX_CONCURRENCY', path: ['forward', 'maxConcurrency'], parse: number },
	{
		name: 'RECEIVER_FORWARD_BURST_CONCURRENCY',
		path: ['forward', 'burstConcurrency'],
		parse: number,
	},
	{ name: 'RECEIVER_FORWARD_BURST_YIELD_MS', path: ['forward', 'burstYieldMs'], parse: number },
	{ name: 'RECEIVER_FORWARD_ALLOW_HTTP', path: ['forward', 'allowHttp'], parse: boolean },
	{ name: 'RECEIVER_BODY_LIMIT_BYTES', path: ['bodyLimitBytes'], parse: number },
	{ name: 'RECEIVER_DATA_DIR', path: ['dataDir'], parse: (raw) => raw },
	{ name: 'RECEIVER_ADMIN_TOKEN', path: ['adminToken'], parse: (raw) => raw },
	{ name: 'RECEIVER_METRICS_TOKEN', path: ['metricsToken'], parse: (raw) => raw },
	{ name: 'RECEIVER_OPS_HOST', path: ['opsListen', 'host'], parse: (raw) => raw },
	{ name: 'RECEIVER_OPS_PORT', path: ['opsListen', 'port'], parse: number },
	{ name: 'RECEIVER_LOG_LEVEL', path: ['log', 'level'], parse: (raw) => raw },
	{ name: 'RECEIVER_LOG_BODIES', path: ['log', 'bodies'], parse: boolean },
	{ name: 'RECEIVER_RETENTION_HOURS', path: ['retentionHours'], parse: number },
	{
		name: 'RECEIVER_DEAD_LETTER_RETENTION_HOURS',
		path: ['deadLetterRetentionHours'],
		parse: number,
	},
	{ name: 'RECEIVER_WAL_SIZE_LIMIT_BYTES', path: ['walSizeLimitBytes'], parse: number },
	{ name: 'RECEIVER_SHUTDOWN_GRACE_MS', path: ['shutdownGraceMs'], parse: number },
	{ name: 'RECEIVER_GROUP_COMMIT_MAX_BATCH', path: ['groupCommit', 'maxBatch'], parse: number },
	{ name: 'RECEIVER_GROUP_COMMIT_WINDOW_MS', path: ['groupCommit', 'windowMs'], parse: number },
	{ name: 'RECEIVER_DATABASE_URL', path: ['databaseUrl'], parse: (raw) => raw },
	{ name: 'RECEIVER_LANE_LEASE_MS', path: ['laneLeaseMs'], parse: number },
	{ name: 'RECEIVER_GROUP_COMMIT_THREAD', path: ['groupCommit', 'thread'], parse: (raw) => raw },
	{
		name: 'RECEIVER_GROUP_COMMIT_PIPELINE_DEPTH',
		path: ['groupCommit', 'pipelineDepth'],
		parse: number,
	},
];

/** Where a key's value came from, so the error tells the operator what to fix. */
interface Origin {
	path: Path;
	label: string;
}

function formatPath(path: Path): string {
	return path.reduce<string>(
		(text, part) =>
			typeof part === 'number' ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`,
		'',
	);
}

function setPath(target: Record<string, unknown>, path: Path, value: unknown): void {
	let node = target;
	path.slice(0, -1).forEach((part) => {
		const key = String(part);
		const next = node[key];
		node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
		node = node[key] as Record<string, unknown>;
	});
	node[String(path[path.length - 1])] = value;
}

function startsWith(path: Path, prefix: Path): boolean {
	return prefix.length <= path.length && prefix.every((part, index) => path[index] === part);
}

function describeIssue(issue: ZodIssue, origins: readonly Origin[]): string {
	const key = issue.path.length === 0 ? '(root)' : formatPath(issue.path);
	const origin = origins.find((candidate) => startsWith(issue.path, candidate.path));
	const from = origin === undefined ? '' : ` (from ${origin.label})`;
	const message =
		issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message;
	return `${key}${from}: ${message}`;
}

/** Validates an already-assembled configuration object; throws ConfigError naming each bad key. */
export function parseReceiverConfig(
	input: unknown,
	origins: readonly Origin[] = [],
): ReceiverConfig {
	const result = receiverConfigSchema.safeParse(input);
	if (result.success) return result.data;
	const lines = result.error.issues.map((issue) => `  - ${describeIssue(issue, origins)}`);
	throw new ConfigError(`Invalid receiver configuration:\n${lines.join('\n')}`);
}

function readConfigFile(file: string): Record<string, unknown> {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new ConfigError(
			`Cannot read receiver configuration file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
		);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new ConfigError(`Receiver configuration file ${file} is not valid JSON`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new ConfigError(`Receiver configuration file ${file} must hold a JSON object`);
	}
	return parsed as Record<string, unknown>;
}

export interface LoadConfigOptions {
	env?: Readonly<Record<string, string | undefined>>;
	/** JSON file; defaults to $RECEIVER_CONFIG. Environment variables override its keys. */
	file?: string;
}

/** Configuration from an optional JSON file overlaid with RECEIVER_* environment variables. */
export function loadReceiverConfig(options: LoadConfigOptions = {}): ReceiverConfig {
	const env = options.env ?? process.env;
	const fileSetting = options.file ?? env.RECEIVER_CONFIG;
	const file = fileSetting === undefined || fileSetting === '' ? undefined : resolve(fileSetting);
	const raw: Record<string, unknown> = file === undefined ? {} : readConfigFile(file);
	const origins: Origin[] = [];
	const routeSources = ENV_BINDINGS.filter(
		(binding) => binding.path[0] === 'routes' && env[binding.name] !== undefined,
	);
	if (routeSources.length > 1) {
		throw new ConfigError(
			`Invalid receiver configuration: set only one of ${routeSources.map((binding) => binding.name).join(', ')}`,
		);
	}
	for (const binding of ENV_BINDINGS) {
		const value = env[binding.name];
		if (value === undefined) continue;
		setPath(raw, binding.path, binding.parse(value));
		origins.push({ path: binding.path, label: binding.name });
	}
	if (file !== undefined) origins.push({ path: [], label: file });
	return parseReceiverConfig(raw, origins);
}
