import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Longest error body read from a streamed response; proxies can answer with large HTML pages. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

type Chunk = Uint8Array | string;

function isAsyncIterable(value: unknown): value is AsyncIterable<Chunk> {
	return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function toBytes(chunk: Chunk): Uint8Array {
	return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/**
 * The body of a non-2xx answer to a streamed request, read like a JSON answer would have been (so
 * the shared error parser finds the API's message, code and request id). Reading stops at 64 KiB.
 */
export async function readErrorBody(body: unknown): Promise<unknown> {
	if (!isAsyncIterable(body)) return body;
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of body) {
		const bytes = toBytes(chunk);
		chunks.push(bytes);
		size += bytes.byteLength;
		if (size >= MAX_ERROR_BODY_BYTES) break;
	}
	const text = Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf8');
	if (text === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * Reads a whole download whose size the server announced, and proves it arrived complete: the
 * Content-Length must be present, positive and within `maxBytes`, and exactly that many bytes must
 * come. A short or long body is refused rather than handed on as a corrupt file.
 */
export async function readAnnouncedBody(
	context: IExecuteFunctions,
	itemIndex: number,
	body: unknown,
	contentLength: string | undefined,
	maxBytes: number,
	what: string,
): Promise<Buffer> {
	const declared = Number(contentLength);
	const fail = (message: string) =>
		new NodeOperationError(context.getNode(), message, { itemIndex });
	if (!contentLength || !Number.isSafeInteger(declared) || declared <= 0) {
		throw fail(
			`The ${what} came without a valid Content-Length, so its completeness cannot be verified`,
		);
	}
	if (declared > maxBytes)
		throw fail(`The ${what} is ${declared} bytes, more than the ${maxBytes} bytes allowed`);
	const chunks: Uint8Array[] = [];
	let received = 0;
	try {
		for await (const chunk of isAsyncIterable(body) ? body : [body as Chunk]) {
			const bytes = toBytes(chunk);
			received += bytes.byteLength;
			if (received > declared) break;
			chunks.push(bytes);
		}
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw fail(`The ${what} was interrupted after ${received} of ${declared} bytes: ${reason}`);
	}
	if (received !== declared) {
		throw fail(
			`The ${what} has ${received > declared ? 'more' : 'fewer'} bytes than its Content-Length of ${declared}`,
		);
	}
	return Buffer.concat(chunks);
}
