/**
 * Tunables. Durations are VIRTUAL milliseconds (they go through the clock) unless the name says
 * `real`; everything here can be changed at runtime through the control API.
 */

export interface SimulationConfig {
	/** pending → processing. */
	runStartDelayMs: number;
	/** Time one media slot spends on one segment. */
	segmentMs: number;
	/** Media processed in parallel within one run. */
	mediaConcurrency: number;
	/** Deterministic fraction of segments that fail (decided by hashing seed + run + segment). */
	segmentFailureRate: number;
	/** Fraction of failed segments marked `retryable: false`. */
	nonRetryableFailureRate: number;
	/** Each retry step (queued → processing → terminal). */
	retryStepMs: number;
	/** Fraction of segment retries that fail again. */
	retryFailureRate: number;
	importScanMs: number;
	importFileMs: number;
	exportStartDelayMs: number;
	exportBuildMs: number;
	deletionStepMs: number;
	/** Lifetime of minted export download tokens (virtual ms). */
	downloadTokenTtlMs: number;
	/** Lifetime of media grants and signed URLs (virtual ms). */
	mediaGrantTtlMs: number;
}

export interface SseConfig {
	/** REAL milliseconds between heartbeat comments. */
	heartbeatMs: number;
	/** `retry:` sent when a stream opens; null sends none. */
	retryMs: number | null;
	/** Events kept for Last-Event-ID replay. */
	retention: number;
}

export interface WebhookConfig {
	/** REAL milliseconds a receiver has to answer one attempt. */
	timeoutMs: number;
	maxAttempts: number;
	/** Virtual delay before attempt 2; doubles per attempt. */
	baseDelayMs: number;
	maxDelayMs: number;
}

export interface RuntimeConfig {
	simulation: SimulationConfig;
	sse: SseConfig;
	webhooks: WebhookConfig;
	requestLogLimit: number;
	/** Unknown query/body keys → 422 naming the key (see core/strict-keys.ts). */
	strict: boolean;
}

export type SeedMode = 'demo' | 'empty';

export function defaultConfig(seed: SeedMode): RuntimeConfig {
	return {
		simulation: {
			runStartDelayMs: 1_000,
			segmentMs: 2_000,
			mediaConcurrency: 4,
			// The demo shows a realistic mix; tests start from "everything succeeds" and opt in.
			segmentFailureRate: seed === 'demo' ? 0.1 : 0,
			nonRetryableFailureRate: 0.2,
			retryStepMs: 2_000,
			retryFailureRate: 0,
			importScanMs: 1_000,
			importFileMs: 500,
			exportStartDelayMs: 1_000,
			exportBuildMs: 2_000,
			deletionStepMs: 1_000,
			downloadTokenTtlMs: 300_000,
			mediaGrantTtlMs: 900_000,
		},
		sse: { heartbeatMs: 15_000, retryMs: 3_000, retention: 10_000 },
		webhooks: { timeoutMs: 10_000, maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 30_000 },
		requestLogLimit: 2_000,
		strict: false,
	};
}

export interface ConfigPatch {
	simulation?: Partial<SimulationConfig>;
	sse?: Partial<SseConfig>;
	webhooks?: Partial<WebhookConfig>;
	requestLogLimit?: number;
	strict?: boolean;
}

export function applyConfigPatch(config: RuntimeConfig, patch: ConfigPatch): void {
	const numeric = (section: string, key: string, value: unknown) => {
		if (value === null && section === 'sse' && key === 'retryMs') return;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new RangeError(`${section}.${key} must be a non-negative number`);
		}
	};
	for (const section of ['simulation', 'sse', 'webhooks'] as const) {
		const part = patch[section];
		if (!part) continue;
		const target = config[section] as unknown as Record<string, unknown>;
		for (const [key, value] of Object.entries(part)) {
			if (!(key in target)) throw new RangeError(`unknown config key ${section}.${key}`);
			numeric(section, key, value);
			target[key] = value;
		}
	}
	if (patch.requestLogLimit !== undefined) {
		numeric('root', 'requestLogLimit', patch.requestLogLimit);
		config.requestLogLimit = patch.requestLogLimit;
	}
	if (patch.strict !== undefined) {
		if (typeof patch.strict !== 'boolean') throw new RangeError('strict must be a boolean');
		config.strict = patch.strict;
	}
}
