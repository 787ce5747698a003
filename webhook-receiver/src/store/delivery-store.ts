/**
 * Where deliveries and their per-target forwarding state live. The receiver talks only to this
 * interface, so a shared database can later back several replicas; today's implementation is an
 * embedded SQLite file (`sqlite-delivery-store.ts`).
 *
 * Model: one delivery (the exact bytes VideoVector sent) fans out into one forward per matching
 * target. A forward is `pending` until the target answers 2xx (`delivered`) or its attempts run
 * out (`dead`); admin replay puts a dead forward back to `pending`. `seq` is the store's arrival
 * order and is the order in which each target receives its events.
 */

export type ForwardState = 'pending' | 'delivered' | 'dead';

export interface NewDelivery {
	deliveryId: string;
	webhookId: string;
	eventType: string;
	/** The index the event concerns, when it names one (route filters use it). */
	indexId: string | null;
	/** Body bytes exactly as received; forwarded unchanged. */
	body: Uint8Array;
	receivedAt: number;
	/** `X-Delivery-Attempt-Id` of the attempt that got through, for support look-ups. */
	attemptId: string | null;
	/** The envelope's signed created_at (epoch ms): the id is remembered at least until it is out of the replay window. */
	createdAt: number | null;
	/** Ids of the targets this event is routed to (possibly none). */
	targets: readonly string[];
}

export type InsertOutcome = { status: 'stored'; seq: number } | { status: 'duplicate' };

/** The next thing a target lane has to send. */
export interface PendingForward {
	target: string;
	seq: number;
	deliveryId: string;
	eventType: string;
	body: Uint8Array;
	receivedAt: number;
	attempts: number;
	nextAttemptAt: number;
}

export interface AttemptRecord {
	/** Attempts made so far, this one included. */
	attempts: number;
	at: number;
	/** HTTP status of the target's answer; absent for network errors and timeouts. */
	status?: number;
	error?: string;
}

export interface ForwardRecord {
	target: string;
	state: ForwardState;
	attempts: number;
	nextAttemptAt: number | null;
	lastStatus: number | null;
	lastError: string | null;
	updatedAt: number;
	deliveredAt: number | null;
}

export interface DeliveryRecord {
	seq: number;
	deliveryId: string;
	webhookId: string;
	eventType: string;
	indexId: string | null;
	receivedAt: number;
	attemptId: string | null;
	body: Uint8Array;
	forwards: ForwardRecord[];
}

export interface DeadLetter {
	target: string;
	seq: number;
	deliveryId: string;
	eventType: string;
	receivedAt: number;
	attempts: number;
	lastStatus: number | null;
	lastError: string | null;
	deadAt: number;
}

export interface DeadLetterQuery {
	limit: number;
	after?: { seq: number; target: string };
	target?: string;
}

export interface ReplaySelector {
	/** One delivery's dead forwards; omit to replay every dead forward. */
	deliveryId?: string;
	/** Restrict to one target. */
	target?: string;
}

export interface TargetDepth {
	target: string;
	pending: number;
}

/**
 * Which replica sends each target's events, where several share one database. Absent (SQLite, one
 * replica): this process owns every lane.
 */
export interface LaneLeases {
	/**
	 * Starts holding leases on these targets' lanes as they come free; `gained` is called whenever
	 * this replica takes one over (its lane should look for work at once).
	 */
	start(targets: readonly string[], gained: (target: string) => void): void;
	/** True while this replica holds the target's lease with time to spare: only then may it send. */
	holds(target: string): boolean;
	/** Gives up every lease (after the lanes stopped), so another replica takes over at once. */
	stop(): Promise<void>;
}

/** A write refused because this replica no longer owns the target's lane (another took it over). */
export class LaneLostError extends Error {
	override name = 'LaneLostError';
}

export interface DeliveryStore {
	/** Durably stores a delivery and its forwards; resolves only once committed. */
	insert(delivery: NewDelivery): Promise<InsertOutcome>;
	/** The oldest pending forwards of one target, in `seq` order. */
	pendingForTarget(target: string, limit: number): Promise<PendingForward[]>;
	markDelivered(target: string, seq: number, attempt: AttemptRecord): Promise<void>;
	markRetrying(
		target: string,
		seq: number,
		attempt: AttemptRecord & { nextAttemptAt: number },
	): Promise<void>;
	markDead(target: string, seq: number, attempt: AttemptRecord): Promise<void>;
	/** Dead forwards ordered by (seq, target), starting after the cursor. */
	listDeadLetters(options: DeadLetterQuery): Promise<DeadLetter[]>;
	/** Dead forwards back to pending with a fresh attempt budget; returns the targets affected. */
	replay(selector: ReplaySelector, at: number): Promise<Array<{ target: string; seq: number }>>;
	findDelivery(deliveryId: string): Promise<DeliveryRecord | undefined>;
	queueDepth(): Promise<TargetDepth[]>;
	/**
	 * Deletes up to `limit` deliveries received before `receivedBefore` whose forwards are all
	 * delivered (dead and pending ones are kept); returns how many went. Their ids are forgotten,
	 * so the retention must outlast the sender's retry schedule.
	 */
	prune(receivedBefore: number, limit: number): Promise<number>;
	/** Deletes up to `limit` dead forwards dead since before `deadBefore`; returns how many went. */
	pruneDeadLetters(deadBefore: number, limit: number): Promise<number>;
	close(): Promise<void>;
	/** Set once the store can no longer write at all (its writer died); /readyz then fails. */
	writerFailure?(): Error | undefined;
	/** Called once when that happens. */
	onWriterFailure?(listener: (error: Error) => void): void;
	/** Lane ownership among replicas sharing this store (see LaneLeases). */
	readonly leases?: LaneLeases;
	/** Another replica committed events for these targets (so their lanes here may wake). */
	onRemoteWork?(listener: (targets: readonly string[]) => void): void;
}
