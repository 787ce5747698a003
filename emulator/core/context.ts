import { Clock } from './clock.js';
import {
	applyConfigPatch,
	defaultConfig,
	type ConfigPatch,
	type RuntimeConfig,
	type SeedMode,
} from './config.js';
import { EventBus } from './event-bus.js';
import { Faults } from './faults.js';
import { IdempotencyStore } from './idempotency.js';
import { IdFactory } from './ids.js';
import { RequestLog } from './request-log.js';
import { Rng } from './rng.js';
import { Store } from './store.js';
import type { Sims } from '../sim/index.js';

/**
 * The emulator's shared services. Route modules and simulations receive this object and reach
 * state through `emu.store` every time (a reset swaps the Store).
 */

export interface EmulatorSettings {
	seedMode: SeedMode;
	randomSeed: string;
	apiKey: string;
	bearerToken: string;
	clockScale: number;
	startTime: number;
	uploadDir: string;
	config?: ConfigPatch;
}

export class Emulator {
	store = new Store();
	readonly clock: Clock;
	readonly bus: EventBus;
	readonly faults: Faults;
	readonly requestLog: RequestLog;
	readonly idempotency = new IdempotencyStore();
	readonly config: RuntimeConfig;
	readonly userId = 'usr_demo';
	readonly settings: EmulatorSettings;
	ids: IdFactory;
	/** Filled once the server listens: `http://127.0.0.1:PORT`. */
	origin = 'http://127.0.0.1';
	sims!: Sims;
	private requestRng: Rng;
	private fileCounter = 0;

	constructor(settings: EmulatorSettings) {
		this.settings = settings;
		this.config = defaultConfig(settings.seedMode);
		if (settings.config) applyConfigPatch(this.config, settings.config);
		this.clock = new Clock({ scale: settings.clockScale, startTime: settings.startTime });
		this.bus = new EventBus(this.config.sse.retention, this.userId, () => this.nowIso());
		this.faults = new Faults(settings.randomSeed);
		this.requestLog = new RequestLog(this.config.requestLogLimit);
		this.ids = new IdFactory(new Rng(`${settings.randomSeed}:ids`));
		this.requestRng = new Rng(`${settings.randomSeed}:requests`);
	}

	get seed(): string {
		return this.settings.randomSeed;
	}

	now(): number {
		return this.clock.now();
	}

	nowIso(): string {
		return this.clock.iso();
	}

	get baseUrl(): string {
		return `${this.origin}/api/v2`;
	}

	nextRequestId(): string {
		return `req_${this.requestRng.hex(16)}`;
	}

	nextUploadName(): string {
		return `upload-${++this.fileCounter}.bin`;
	}

	updateConfig(patch: ConfigPatch): RuntimeConfig {
		applyConfigPatch(this.config, patch);
		this.bus.setRetention(this.config.sse.retention);
		this.requestLog.setLimit(this.config.requestLogLimit);
		return this.config;
	}

	/** Fresh state with the same services; ids restart from the seed so runs are reproducible. */
	resetState(): void {
		this.clock.clearTimers();
		this.store = new Store();
		this.idempotency.clear();
		this.bus.clear();
		this.faults.clear();
		this.requestLog.clear();
		this.ids = new IdFactory(new Rng(`${this.settings.randomSeed}:ids`));
	}
}
