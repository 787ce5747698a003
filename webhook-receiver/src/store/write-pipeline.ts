import type { BatchExecutor } from './batch-executor';
import { InlineExecutor } from './inline-executor';
import { WorkerExecutor } from './worker-executor';
import type {
	Durability,
	OpValue,
	WriteOp,
	WriteReply,
	WriteRequest,
	WriterData,
} from './write-ops';

/**
 * Where commits run. 'worker' (the default) costs two cross-thread hand-offs per batch and keeps
 * the event loop free during each commit; 'main' saves the hand-offs but blocks the loop for the
 * whole transaction. On 2 cores with a local SSD (bench/receiver.ts, alternating runs) throughput
 * was the same, and only 'worker' kept the p99 acknowledgement at 500 req/s under 20 ms.
 */
export type WriterThread = 'main' | 'worker';

export interface GroupCommitOptions {
	/** Most operations in one transaction. */
	maxBatch: number;
	/** 0 = send what arrived in this event-loop turn (setImmediate); otherwise wait this many ms. */
	windowMs: number;
	thread: WriterThread;
	/**
	 * Batches handed to the writer before the first is durable (default 1). At 2 the next batch waits
	 * at the writer while one commits, so neither thread idles for the other's hand-off.
	 */
	pipelineDepth?: number;
}

interface QueuedWrite {
	op: WriteOp;
	durability: Durability;
	resolve: (value: OpValue) => void;
	reject: (error: Error) => void;
}

/**
 * Group commit. Writes submitted in one event-loop turn, or while a batch is being committed, wait
 * in the queue and go out together as the next batch the moment the previous one is durable, so
 * one fsync is shared by all of them; under load batches grow by themselves. Each caller's promise
 * settles only after its own batch committed, so an acknowledgement still means "on disk".
 */
export class WritePipeline {
	private readonly executor: BatchExecutor;
	private queue: QueuedWrite[] = [];
	/** Batches at the writer, by request id, in the order it commits them. */
	private readonly inFlight = new Map<number, QueuedWrite[]>();
	private readonly depth: number;
	private scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined;
	private nextId = 1;
	private failure: Error | undefined;
	private closing = false;
	private drained: (() => void) | undefined;
	/** Transactions sent so far; tests read it to see batching happen. */
	batches = 0;
	/** Called once if the writer itself is gone: nothing can be stored any more. */
	onFailure: ((error: Error) => void) | undefined;

	constructor(
		data: WriterData,
		private readonly options: GroupCommitOptions,
	) {
		this.executor =
			options.thread === 'worker' ? new WorkerExecutor(data) : new InlineExecutor(data);
		this.depth = Math.max(1, options.pipelineDepth ?? 1);
	}

	submit(op: WriteOp, durability: Durability = 'full'): Promise<OpValue> {
		if (this.failure !== undefined) return Promise.reject(this.failure);
		if (this.closing) return Promise.reject(new Error('The delivery store is closed'));
		// A batch that finished meanwhile is settled first: its acknowledgements go out now, and
		// this write can join the batch that goes next instead of waiting behind it.
		if (this.inFlight.size > 0) this.executor.pollReplies?.();
		return new Promise((resolve, reject) => {
			this.queue.push({ op, durability, resolve, reject });
			if (this.inFlight.size >= this.depth) return;
			if (this.queue.length >= this.options.maxBatch) this.send();
			else this.schedule();
		});
	}

	/** Waits for every submitted write, then stops the writer. */
	async close(): Promise<void> {
		this.closing = true;
		if (this.failure === undefined && (this.inFlight.size > 0 || this.queue.length > 0)) {
			await new Promise<void>((resolve) => {
				this.drained = resolve;
				this.send();
			});
		}
		await this.executor.close();
	}

	private schedule(): void {
		if (this.scheduled !== undefined) return;
		const send = (): void => {
			this.scheduled = undefined;
			this.send();
		};
		this.scheduled =
			this.options.windowMs === 0 ? setImmediate(send) : setTimeout(send, this.options.windowMs);
	}

	private send(): void {
		if (this.scheduled !== undefined) {
			clearImmediate(this.scheduled as NodeJS.Immediate);
			clearTimeout(this.scheduled as NodeJS.Timeout);
			this.scheduled = undefined;
		}
		if (this.inFlight.size >= this.depth || this.queue.length === 0) return;
		const batch = this.queue.splice(0, this.options.maxBatch);
		const id = this.nextId++;
		this.inFlight.set(id, batch);
		this.batches += 1;
		const request: WriteRequest = {
			id,
			durability: batch.some((write) => write.durability === 'full') ? 'full' : 'relaxed',
			ops: batch.map((write) => write.op),
		};
		this.executor.run(request).then(
			(reply) => this.settle(reply),
			(error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
		);
	}

	private settle(reply: WriteReply): void {
		const batch = this.inFlight.get(reply.id) ?? [];
		this.inFlight.delete(reply.id);
		batch.forEach((write, index) => {
			const result = reply.results[index];
			if (result?.ok === true) write.resolve(result.value);
			else write.reject(new Error(result?.error ?? 'write lost'));
		});
		if (this.queue.length > 0) this.send();
		else if (this.inFlight.size === 0) this.drained?.();
	}

	/** The writer's fatal error, if it has died. */
	get failed(): Error | undefined {
		return this.failure;
	}

	killWriter(): Promise<void> {
		return this.executor.kill?.() ?? Promise.resolve();
	}

	private fail(error: Error): void {
		const first = this.failure === undefined;
		this.failure ??= error;
		if (first) this.onFailure?.(this.failure);
		const pending = [...[...this.inFlight.values()].flat(), ...this.queue];
		this.inFlight.clear();
		this.queue = [];
		for (const write of pending) write.reject(this.failure);
		this.drained?.();
	}
}
