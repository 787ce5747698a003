import { type BatchExecutor, loadBatchWriter } from './batch-executor';
import { CheckpointThread } from './checkpoint-thread';
import type { BatchWriter, WriteReply, WriteRequest, WriterData } from './write-ops';

/**
 * Runs each batch on the calling (main) thread: the commit's fsync blocks the event loop for its
 * duration, but no message crosses threads. Where an fsync takes well under a millisecond (local
 * SSD) this is the faster choice by far — see write-pipeline.ts.
 */
export class InlineExecutor implements BatchExecutor {
	private readonly writer: BatchWriter;
	/** Checkpoints stall whatever thread runs them, so not this one (see checkpoint-thread.ts). */
	private readonly checkpoints: CheckpointThread;
	private readonly requestCheckpoint = (): boolean => this.checkpoints.request();
	private closed = false;

	constructor(data: WriterData) {
		this.writer = loadBatchWriter(data);
		this.checkpoints = new CheckpointThread(data.file);
	}

	run(request: WriteRequest): Promise<WriteReply> {
		try {
			const reply = this.writer.handle(request);
			// After the acknowledgements of this batch have been written, not before.
			setImmediate(() => {
				if (!this.closed) this.writer.checkpointIfDue(this.requestCheckpoint);
			});
			return Promise.resolve(reply);
		} catch (error) {
			return Promise.reject(error instanceof Error ? error : new Error(String(error)));
		}
	}

	async close(): Promise<void> {
		this.closed = true;
		await this.checkpoints.close();
		this.writer.close();
	}
}
