import { Worker } from 'node:worker_threads';

/**
 * The thread's whole program: its own connection to the database file, one PASSIVE checkpoint per
 * request. Plain CommonJS evaluated as-is, so it needs no loader under tsx or from dist.
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('PRAGMA busy_timeout = 5000');
parentPort.on('message', (message) => {
	if (message === 'close') {
		db.close();
		parentPort.close();
		return;
	}
	try {
		db.exec('PRAGMA wal_checkpoint(PASSIVE)');
		parentPort.postMessage({ ok: true });
	} catch (error) {
		parentPort.postMessage({ ok: false, error: String(error) });
	}
});
`;

/**
 * WAL checkpoints on a thread of their own. A checkpoint copies the WAL back into the database
 * file and fsyncs it: on the main thread that held up every request for its whole duration
 * (profiled in bench/receiver.ts: ~20 ms every 2000 writes, the largest single stall on the ack
 * path at a steady 500 req/s). In WAL mode a PASSIVE checkpoint from another connection runs
 * alongside the writer, which goes on committing; the writer then restarts (and truncates) the
 * WAL on its next commit after the checkpoint caught up.
 */
export class CheckpointThread {
	private readonly worker: Worker;
	private running = false;
	private usable = true;
	private closing = false;
	private readonly exited: Promise<void>;

	constructor(file: string) {
		this.worker = new Worker(CHECKPOINTER_SOURCE, { eval: true, workerData: { file } });
		// A checkpointer is never a reason to keep the process alive.
		this.worker.unref();
		this.worker.on('message', () => {
			this.running = false;
		});
		this.worker.on('error', () => {
			this.usable = false;
		});
		this.exited = new Promise((resolve) => {
			this.worker.once('exit', () => {
				this.usable = false;
				resolve();
			});
		});
	}

	/**
	 * Starts a checkpoint unless one is running; false if the thread is gone (the caller then
	 * checkpoints itself).
	 */
	request(): boolean {
		if (!this.usable || this.closing) return false;
		if (this.running) return true;
		this.running = true;
		this.worker.postMessage('checkpoint');
		return true;
	}

	async close(): Promise<void> {
		if (this.closing) return this.exited;
		this.closing = true;
		this.worker.postMessage('close');
		await this.exited;
	}
}
