import type { Pool } from 'pg';

import { errorText } from '../log/error-text';
import type { Logger } from '../log/logger';
import type { LaneLeases } from './delivery-store';

/**
 * Takes every lane that is free (never owned, released, or its lease expired) and renews the ones
 * this replica holds, in one statement. Row locks make concurrent claims safe: a second replica
 * re-checks the row after the first one's update and finds it owned. The epoch grows with each
 * change of owner and fences writes (see PostgresDeliveryStore.updateForward). The outer query sees
 * the rows as they were before the update, which is what the next wake-up is timed from.
 */
const CLAIM = `
WITH claimed AS (
	UPDATE lanes SET
		epoch = CASE WHEN owner = $1 THEN epoch ELSE epoch + 1 END,
		owner = $1,
		lease_until = now() + $2 * interval '1 millisecond'
	WHERE target = ANY ($3::text[]) AND (owner = $1 OR owner IS NULL OR lease_until < now())
	RETURNING target, epoch
)
SELECT l.target, c.epoch::text AS epoch,
	greatest(0, extract(epoch FROM (l.lease_until - now())) * 1000)::float8 AS remaining_ms
FROM lanes l LEFT JOIN claimed c USING (target)
WHERE l.target = ANY ($3::text[])`;

/** Wake-up slack after another replica's lease runs out, so the claim finds it expired. */
const AFTER_EXPIRY_MS = 20;

interface Held {
	epoch: string;
	/** performance.now() until which this replica may send: at most the lease the database granted. */
	validUntil: number;
}

/**
 * Lane leases on PostgreSQL rows with expiry (LaneLeases). Every third of the lease this replica
 * renews what it holds; it also wakes up just after another replica's lease is due to run out, so
 * a replica killed with -9 loses its lanes within one lease period of its last renewal. Local
 * validity counts from before the claim was sent, so it ends no later than the database's lease:
 * by the time another replica can take a lane over, this one has stopped starting new sends.
 */
export class PostgresLaneLeases implements LaneLeases {
	private readonly held = new Map<string, Held>();
	private targets: string[] = [];
	private gained: (target: string) => void = () => undefined;
	private stopped = false;
	private timer: NodeJS.Timeout | undefined;
	private wakeLoop: (() => void) | undefined;
	private loop: Promise<void> | undefined;
	private rounds = 0;

	constructor(
		private readonly pool: Pool,
		readonly owner: string,
		private readonly leaseMs: number,
		private readonly logger: Logger,
	) {}

	start(targets: readonly string[], gained: (target: string) => void): void {
		if (this.loop !== undefined) return;
		this.targets = [...new Set(targets)];
		this.gained = gained;
		this.loop = this.run();
	}

	holds(target: string): boolean {
		const held = this.held.get(target);
		return held !== undefined && performance.now() < held.validUntil;
	}

	/** Claim-and-renew rounds this replica has completed: tests wait for rounds, not for time. */
	get claimRounds(): number {
		return this.rounds;
	}

	/** The fencing epoch of a lane this replica holds (undefined: it does not). */
	epochOf(target: string): string | undefined {
		return this.holds(target) ? this.held.get(target)?.epoch : undefined;
	}

	/** Stops renewing without handing the lanes back, as a process killed with -9 would (tests). */
	async haltForTests(): Promise<void> {
		this.stopped = true;
		clearTimeout(this.timer);
		this.wakeLoop?.();
		await this.loop;
	}

	async stop(): Promise<void> {
		this.stopped = true;
		clearTimeout(this.timer);
		this.wakeLoop?.();
		await this.loop;
		this.held.clear();
		if (this.loop === undefined) return;
		// Handing the lanes back now spares the others waiting out the lease.
		await this.pool
			.query(`UPDATE lanes SET owner = NULL, lease_until = 'epoch' WHERE owner = $1`, [this.owner])
			.catch((error: unknown) =>
				this.logger.warn('lanes.release_failed', { error: errorText(error) }),
			);
	}

	private async run(): Promise<void> {
		await this.pool
			.query('INSERT INTO lanes (target) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [
				this.targets,
			])
			.catch((error: unknown) =>
				this.logger.error('lanes.register_failed', { error: errorText(error) }),
			);
		while (!this.stopped) {
			let nextMs = this.leaseMs / 3;
			try {
				nextMs = await this.claim();
				this.rounds += 1;
			} catch (error) {
				// Leases held so far simply run out (holds() turns false): no sending without one.
				this.logger.error('lanes.claim_failed', { error: errorText(error) });
			}
			if (this.stopped) break;
			await new Promise<void>((resolve) => {
				this.wakeLoop = resolve;
				this.timer = setTimeout(resolve, Math.max(5, nextMs));
			});
		}
	}

	/** One claim-and-renew round; returns how long to wait before the next. */
	private async claim(): Promise<number> {
		const sentAt = performance.now();
		const { rows } = await this.pool.query<{
			target: string;
			epoch: string | null;
			remaining_ms: number;
		}>(CLAIM, [this.owner, this.leaseMs, this.targets]);
		let nextMs = this.leaseMs / 3;
		for (const row of rows) {
			if (row.epoch === null) {
				if (this.held.delete(row.target))
					this.logger.warn('lane.lost', { target: row.target, owner: this.owner });
				nextMs = Math.min(nextMs, row.remaining_ms + AFTER_EXPIRY_MS);
				continue;
			}
			const before = this.held.get(row.target);
			this.held.set(row.target, { epoch: row.epoch, validUntil: sentAt + this.leaseMs });
			if (before?.epoch !== row.epoch) {
				this.logger.info('lane.acquired', { target: row.target, epoch: Number(row.epoch) });
				this.gained(row.target);
			}
		}
		return nextMs;
	}
}
