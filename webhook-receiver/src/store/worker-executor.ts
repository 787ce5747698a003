import { Worker } from 'node:worker_threads';

import { type BatchExecutor, WRITER_FILE } from './batch-executor';
import type { WriteOp, WriteReply, WriteRequest, WriterData } from './write-ops';

/**
 * A received body is usually a view into a socket's large pooled buffer, and structured clone
 * copies a view's whole backing buffer: the writer thread gets an exact-size copy instead.
 */
function withOwnBody(op: WriteOp): WriteOp {
	return op.kind === 'insert' ? { ...op, body: new Uint8Array(op.body) } : op;
}

interface Waiting {
	resolve: (reply: WriteReply) => void;
	reject: (error: Error) => void;
}

/**
 * Runs each batch in a writer thread of its own: while a commit waits for the disk, the main
 * thread goes on reading and verifying the next deliveries. Costs two cross-thread messages per
 * batch; pays off where an fsync takes milliseconds (network or spinning disks).
 */
export class WorkerExecutor implements BatchExecutor {
	private readonly worker: Worker;
	private readonly waiting = new Map<number, Waiting>();
	private failure: Error | undefined;
	private closing = false;
	private readonly exited: Promise<void>;

	constructor(data: WriterData) {
		this.worker = new Worker(WRITER_FILE, { workerData: data });
		this.worker.on('message', (reply: WriteReply) => {
			const waiting = this.waiting.get(reply.id);
			this.waiting.delete(reply.id);
			waiting?.resolve(reply);
		});
		this.worker.on('error', (error) => this.fail(error));
		this.exited = new Promise((resolve) => {
			this.worker.once('exit', (code) => {
				if (!this.closing) this.fail(new Error(`The store's writer thread exited (code ${code})`));
				resolve();
			});
		});
	}

	run(request: WriteRequest): Promise<WriteReply> {
		if (this.failure !== undefined) return Promise.reject(this.failure);
		return new Promise((resolve, reject) => {
			this.waiting.set(request.id, { resolve, reject });
			this.worker.postMessage({ ...request, ops: request.ops.map(withOwnBody) });
		});
	}

	async kill(): Promise<void> {
		await this.worker.terminate();
		await this.exited;
	}

	async close(): Promise<void> {
		this.closing = true;
		// After a failure the thread may be gone already; posting to it is then a harmless no-op.
		this.worker.postMessage('close');
		await this.exited;
	}

	private fail(error: Error): void {
		this.failure ??= error;
		for (const waiting of this.waiting.values()) waiting.reject(this.failure);
		this.waiting.clear();
	}
}
