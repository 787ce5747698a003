import { extname, join } from 'node:path';

import type { BatchWriter, WriteReply, WriteRequest, WriterData } from './write-ops';

/** Where the write pipeline's batches are run: in this thread or in a writer thread. */
export interface BatchExecutor {
	/** Runs one batch; settles with one result per op, or rejects if the writer itself is gone. */
	run(request: WriteRequest): Promise<WriteReply>;
	/** Stops the writer once the pipeline has nothing in flight. */
	close(): Promise<void>;
	/** Settles batches whose replies have already arrived (a writer on another thread), right now. */
	pollReplies?(): void;
	/** Kills the writer abruptly, as a crash would (tests of the failure path). */
	kill?(): Promise<void>;
}

/** Source under tsx/vitest (.ts), compiled output in dist (.js): the writer sits next to this file. */
export const WRITER_FILE = join(__dirname, `sqlite-writer${extname(__filename)}`);

/** The writer module, loaded by path so that tests load the same file the worker thread runs. */
export function loadBatchWriter(data: WriterData): BatchWriter {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- see sqlite-writer.ts
	const writerModule = require(WRITER_FILE) as {
		openBatchWriter: (data: WriterData) => BatchWriter;
	};
	return writerModule.openBatchWriter(data);
}
