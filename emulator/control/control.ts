import { ALL_SCOPES } from '../core/auth.js';
import type { SeedMode, ConfigPatch, RuntimeConfig } from '../core/config.js';
import type { Emulator } from '../core/context.js';
import type { EmitFields } from '../core/event-bus.js';
import type {
	FaultRule,
	FaultRuleInput,
	SseFaultInput,
	WebhookFaultInput,
} from '../core/faults.js';
import type { LoggedRequest } from '../core/request-log.js';
import type { StoredFile } from '../core/types.js';
import { registerKey } from '../routes/api-keys.js';
import { seedIndex, type SeedIndexOptions, type SeedIndexResult } from '../seed/bulk.js';
import { seedDemo } from '../seed/demo.js';
import { TERMINAL_RUN_STATUSES } from '../sim/run-views.js';

/**
 * The in-process test handle (`startEmulator(...).control`). The HTTP control API under
 * `/_emulator/*` is a thin JSON mapping of the same methods.
 */

export interface EmulatorCounts {
	open_sse_connections: number;
	webhooks: number;
	deliveries: { total: number; delivered: number; failed: number; pending: number };
	indexes: number;
	videos: number;
	prompts: number;
	prompt_runs: number;
	active_prompt_runs: number;
	import_jobs: number;
	exports: number;
	api_keys: number;
	events: { latest_event_id: string | null; retained: number };
	pending_timers: number;
	logged_requests: number;
}

export interface EmulatorControl {
	clock: {
		now(): number;
		iso(): string;
		readonly scale: number;
		setScale(scale: number): void;
		advance(ms: number): void;
		/** Fires pending timers (following chains) until none is left; returns how many fired. */
		runAll(maxTimers?: number): number;
		pending(): number;
	};
	faults: {
		set(rules: FaultRuleInput[]): FaultRule[];
		add(rule: FaultRuleInput): FaultRule;
		remove(id: string): boolean;
		clear(): void;
		list(): ReturnType<Emulator['faults']['list']>;
		sse(fault: SseFaultInput | null): void;
		webhooks(fault: WebhookFaultInput | null): void;
	};
	sse: {
		openConnections(): number;
		/** Sends `processing.stream_error` to every open stream and closes them. */
		streamError(code?: string, message?: string): number;
		/** Sends one heartbeat comment to every open stream now (tests drive heartbeats by hand). */
		heartbeat(): number;
	};
	events: {
		emit(eventType: string, fields?: EmitFields): string;
		latestId(): string | null;
	};
	config: {
		get(): RuntimeConfig;
		update(patch: ConfigPatch): RuntimeConfig;
	};
	seed: {
		index(options?: SeedIndexOptions): SeedIndexResult;
		demo(): void;
	};
	requests: {
		list(filter?: { method?: string; path?: string }): LoggedRequest[];
		clear(): void;
	};
	uploads: {
		get(videoId: string): StoredFile | null;
	};
	counts(): EmulatorCounts;
	/** Drops all state (and faults, logs, timers) and seeds again (`empty` unless told). */
	reset(seed?: SeedMode): void;
}

export function registerDemoKey(emu: Emulator): void {
	registerKey(emu, {
		name: 'Emulator demo key',
		scopes: [...ALL_SCOPES],
		key: emu.settings.apiKey,
		keyId: 'key_demo',
	});
}

export function applySeed(emu: Emulator, seed: SeedMode): void {
	registerDemoKey(emu);
	if (seed === 'demo') seedDemo(emu);
}

export function createControl(emu: Emulator): EmulatorControl {
	return {
		clock: {
			now: () => emu.clock.now(),
			iso: () => emu.clock.iso(),
			get scale() {
				return emu.clock.scale;
			},
			setScale: (scale) => emu.clock.setScale(scale),
			advance: (ms) => emu.clock.advance(ms),
			runAll: (max) => emu.clock.runAll(max),
			pending: () => emu.clock.pendingCount(),
		},
		faults: {
			set: (rules) => emu.faults.set(rules),
			add: (rule) => emu.faults.add(rule),
			remove: (id) => emu.faults.remove(id),
			clear: () => emu.faults.clear(),
			list: () => emu.faults.list(),
			sse: (fault) => emu.faults.setSse(fault),
			webhooks: (fault) => emu.faults.setWebhooks(fault),
		},
		sse: {
			openConnections: () => emu.sims.sse.count,
			streamError: (code = 'internal_error', message = 'Injected stream error') =>
				emu.sims.sse.failAll(code, message),
			heartbeat: () => emu.sims.sse.heartbeatAll(),
		},
		events: {
			emit: (eventType, fields) => emu.bus.emit(eventType, fields).event_id,
			latestId: () => (emu.bus.latestSeq > 0 ? String(emu.bus.latestSeq).padStart(12, '0') : null),
		},
		config: {
			get: () => emu.config,
			update: (patch) => emu.updateConfig(patch),
		},
		seed: {
			index: (options) => seedIndex(emu, options),
			demo: () => seedDemo(emu),
		},
		requests: {
			list: (filter) => emu.requestLog.list(filter),
			clear: () => emu.requestLog.clear(),
		},
		uploads: {
			get: (videoId) => emu.store.videos.get(videoId)?.file ?? null,
		},
		counts: () => ({
			open_sse_connections: emu.sims.sse.count,
			webhooks: emu.store.webhooks.size,
			deliveries: emu.sims.webhooks.counts(),
			indexes: emu.store.indexes.size,
			videos: emu.store.videos.size,
			prompts: emu.store.prompts.size,
			prompt_runs: emu.store.runs.size,
			active_prompt_runs: emu.store.runs
				.values()
				.filter((run) => !TERMINAL_RUN_STATUSES.has(run.status)).length,
			import_jobs: emu.store.importJobs.size,
			exports: emu.store.exports.size,
			api_keys: emu.store.apiKeys.size,
			events: {
				latest_event_id: emu.bus.latestSeq > 0 ? String(emu.bus.latestSeq).padStart(12, '0') : null,
				retained: emu.bus.retainedCount,
			},
			pending_timers: emu.clock.pendingCount(),
			logged_requests: emu.requestLog.list().length,
		}),
		reset: (seed = 'empty') => {
			emu.sims.webhooks.abortAll();
			emu.sims.sse.closeAll();
			emu.resetState();
			applySeed(emu, seed);
		},
	};
}
