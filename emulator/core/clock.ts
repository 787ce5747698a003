/**
 * The emulator's notion of time. Every simulation timer goes through it so tests can make a
 * "10 minute" run finish in milliseconds: `scale` is virtual milliseconds per real millisecond
 * (0 freezes time; only `advance` moves it), `advance(ms)` jumps ahead and fires what fell due.
 */

export interface ClockTimer {
	cancel(): void;
}

interface PendingTimer {
	due: number;
	seq: number;
	callback: () => void;
	cancelled: boolean;
}

export class Clock {
	private scaleValue: number;
	private anchorReal: number;
	private anchorVirtual: number;
	private timers: PendingTimer[] = [];
	private seq = 0;
	private realTimer: NodeJS.Timeout | undefined;
	private firing = false;
	private disposed = false;

	constructor(options: { scale?: number; startTime?: number } = {}) {
		this.scaleValue = validScale(options.scale ?? 1);
		this.anchorReal = performance.now();
		this.anchorVirtual = options.startTime ?? Date.now();
	}

	/** Virtual epoch milliseconds. */
	now(): number {
		return this.anchorVirtual + (performance.now() - this.anchorReal) * this.scaleValue;
	}

	iso(at: number = this.now()): string {
		return new Date(Math.floor(at)).toISOString();
	}

	get scale(): number {
		return this.scaleValue;
	}

	setScale(scale: number): void {
		const now = this.now();
		this.scaleValue = validScale(scale);
		this.anchorReal = performance.now();
		this.anchorVirtual = now;
		this.armRealTimer();
	}

	/** Schedules `callback` after `delayMs` of virtual time. */
	setTimeout(callback: () => void, delayMs: number): ClockTimer {
		const timer: PendingTimer = {
			due: this.now() + Math.max(0, delayMs),
			seq: this.seq++,
			callback,
			cancelled: false,
		};
		this.timers.push(timer);
		this.armRealTimer();
		return {
			cancel: () => {
				timer.cancelled = true;
			},
		};
	}

	/** Moves virtual time forward, firing every timer that falls due on the way, in order. */
	advance(ms: number): void {
		if (!(ms >= 0)) throw new RangeError('advance needs a non-negative number of milliseconds');
		const target = this.now() + ms;
		this.fireDue(target);
		this.jumpTo(Math.max(target, this.now()));
		this.armRealTimer();
	}

	/**
	 * Fires pending timers (jumping time to each) until none is left or `maxTimers` ran; timers
	 * that reschedule themselves are followed. Returns how many fired.
	 */
	runAll(maxTimers = 100_000): number {
		let fired = 0;
		while (fired < maxTimers) {
			const next = this.earliest();
			if (!next) break;
			if (next.due > this.now()) this.jumpTo(next.due);
			fired += this.fireDue(this.now(), maxTimers - fired);
		}
		this.armRealTimer();
		return fired;
	}

	pendingCount(): number {
		return this.timers.filter((t) => !t.cancelled).length;
	}

	dispose(): void {
		this.disposed = true;
		this.timers = [];
		if (this.realTimer) clearTimeout(this.realTimer);
		this.realTimer = undefined;
	}

	/** Drops every pending timer (state reset) without disposing the clock. */
	clearTimers(): void {
		this.timers = [];
		this.armRealTimer();
	}

	private jumpTo(virtual: number): void {
		this.anchorReal = performance.now();
		this.anchorVirtual = virtual;
	}

	private earliest(): PendingTimer | undefined {
		this.timers = this.timers.filter((t) => !t.cancelled);
		let best: PendingTimer | undefined;
		for (const t of this.timers)
			if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
		return best;
	}

	private fireDue(limit: number, maxTimers = Number.POSITIVE_INFINITY): number {
		if (this.firing) return 0;
		this.firing = true;
		let fired = 0;
		try {
			while (fired < maxTimers) {
				const next = this.earliest();
				if (!next || next.due > limit) break;
				next.cancelled = true;
				if (next.due > this.now()) this.jumpTo(next.due);
				fired++;
				try {
					next.callback();
				} catch (error) {
					// A simulation bug must not stop the clock for every other simulation.
					console.error('[emulator] timer callback failed', error);
				}
			}
		} finally {
			this.firing = false;
		}
		return fired;
	}

	private armRealTimer(): void {
		if (this.realTimer) clearTimeout(this.realTimer);
		this.realTimer = undefined;
		if (this.disposed) return;
		const next = this.earliest();
		if (!next) return;
		// A frozen clock still fires what is already due (zero-delay work such as a first webhook attempt).
		if (this.scaleValue === 0 && next.due > this.now()) return;
		const realDelay =
			this.scaleValue === 0
				? 0
				: Math.min(Math.max(0, (next.due - this.now()) / this.scaleValue), 2 ** 31 - 1);
		this.realTimer = setTimeout(() => {
			this.realTimer = undefined;
			this.fireDue(this.now());
			this.armRealTimer();
		}, realDelay);
		this.realTimer.unref();
	}
}

function validScale(scale: number): number {
	if (!Number.isFinite(scale) || scale < 0)
		throw new RangeError('clock scale must be a finite number >= 0');
	return scale;
}
