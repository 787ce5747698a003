import {
	MessageChannel,
	type MessagePort,
	receiveMessageOnPort,
	Worker,
} from 'node:worker_threads';

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
 *
 * Replies come back on a channel of their own, which `pollReplies` reads synchronously: under load
 * the event loop works through many sockets per turn before it gets to a reply message (measured
 * in bench/receiver.ts: a third of each batch's latency, ~0.3 ms), while the acknowledgements of
 * that batch, and the next batch, wait. Polling while handling requests takes the reply as soon as
 * it is there.
 */
export class WorkerExecutor implements BatchExecutor {
	private readonly worker: Worker;
	private readonly replies: MessagePort;
	private readonly waiting = new Map<number, Waiting>();
	private failure: Error | undefined;
	private closing = false;
	private readonly exited: Promise<void>;

	constructor(data: WriterData) {
		const channel = new MessageChannel();
		this.replies = channel.port1;
		this.worker = new Worker(WRITER_FILE, {
			workerData: { ...data, replyPort: channel.port2 },
			transferList: [channel.port2],
		});
		this.replies.on('message', (reply: WriteReply) => this.deliver(reply));
		// The reply port alone must not keep the process alive; the worker does, while it runs.
		this.replies.unref();
		this.worker.on('error', (error) => this.fail(error));
		this.exited = new Promise((resolve) => {
			this.worker.once('exit', (code) => {
				if (!this.closing) this.fail(new Error(`The store's writer thread exited (code ${code})`));
				resolve();
			});
		});
	}

	/** Takes every reply that has arrived, without waiting for the event loop to get to it. */
	pollReplies(): void {
		for (
			let next = receiveMessageOnPort(this.replies);
			next !== undefined;
			next = receiveMessageOnPort(this.replies)
		)
			this.deliver(next.message as WriteReply);
	}

	private deliver(reply: WriteReply): void {
		const waiting = this.waiting.get(reply.id);
		this.waiting.delete(reply.id);
		waiting?.resolve(reply);
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
		this.replies.close();
	}

	async close(): Promise<void> {
		this.closing = true;
		// After a failure the thread may be gone already; posting to it is then a harmless no-op.
		this.worker.postMessage('close');
		await this.exited;
		this.replies.close();
	}

	private fail(error: Error): void {
		this.failure ??= error;
		for (const waiting of this.waiting.values()) waiting.reject(this.failure);
		this.waiting.clear();
	}
}
