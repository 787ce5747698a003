/**
 * Runs the node like test/support/run-node.ts, with the binary helpers upload and download need on
 * top of the shared test context, each behaving as n8n's does:
 * - `getBinaryMetadata(id)` → `{ fileSize }` in bytes (n8n reads it from the stored metadata);
 * - `getBinaryStream(id)` for files on disk (n8n's filesystem binary mode): a file read stream, so a
 *   large upload never enters memory; ids in the in-memory store keep the shared behaviour;
 * - `httpRequest(options)`: the same HTTP path as `httpRequestWithAuthentication`, minus the
 *   credential — so tests see exactly what a credential-free download sends.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

import type { IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

// `.js`: without it tsx (the bench runner) resolves `VideoVector.node` to the codex file VideoVector.node.json.
import { VideoVector } from '../../../../nodes/VideoVector/VideoVector.node.js';
import { createExecuteContext } from '../../../support/execute-context';
import { performHttpRequest } from '../../../support/n8n-http';
import {
	recordingSend,
	TEST_API_KEY,
	TEST_BASE_URL,
	type RecordedRequest,
	type RunOptions,
} from '../../../support/run-node';

export interface BinaryRunOptions extends RunOptions {
	/** Binary data n8n keeps on disk: binary id → file path. */
	binaryFiles?: Map<string, string>;
}

export interface BinaryRunResult {
	output: INodeExecutionData[];
	requests: RecordedRequest[];
	/** Where `prepareBinaryData` put output files (id → bytes). */
	binaryStore: Map<string, Buffer>;
}

export async function runBinaryNode(options: BinaryRunOptions): Promise<BinaryRunResult> {
	const requests: RecordedRequest[] = [];
	const send = options.respond ? recordingSend(options.respond, requests) : performHttpRequest;
	const binaryStore = options.binaryStore ?? new Map<string, Buffer>();
	const files = options.binaryFiles ?? new Map<string, string>();
	const context = createExecuteContext({
		...options,
		binaryStore,
		credentials: options.credentials ?? { apiKey: TEST_API_KEY, baseUrl: TEST_BASE_URL },
		send,
	});
	const sharedStream = context.helpers.getBinaryStream.bind(context.helpers);
	Object.assign(context.helpers, {
		async getBinaryMetadata(id: string) {
			const path = files.get(id);
			if (path) return { fileSize: (await stat(path)).size };
			const bytes = binaryStore.get(id);
			if (!bytes) throw new Error(`Test context: no binary with id ${id}`);
			return { fileSize: bytes.length };
		},
		async getBinaryStream(id: string, chunkSize?: number) {
			const path = files.get(id);
			return path
				? createReadStream(path, { highWaterMark: chunkSize })
				: await sharedStream(id, chunkSize);
		},
		async httpRequest(requestOptions: IHttpRequestOptions) {
			return await send(requestOptions);
		},
	});
	const [output] = await new VideoVector().execute.call(context);
	return { output, requests, binaryStore };
}

/** Bytes of the output file in `property` of `item`. */
export function outputBytes(result: BinaryRunResult, item = 0, property = 'data'): Buffer {
	const id = result.output[item]?.binary?.[property]?.id;
	const bytes = id ? result.binaryStore.get(id) : undefined;
	if (!bytes) throw new Error(`No output binary "${property}" on item ${item}`);
	return bytes;
}

/** Reads a recorded request body that the node sent as a streamed (Blob-shaped) multipart body. */
export async function bodyBytes(body: unknown): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of (body as { stream(): AsyncIterable<Uint8Array> }).stream())
		chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
