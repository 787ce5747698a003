/**
 * A problem detected on our side of the wire: an answer the contract does not allow (a page
 * without items, a cursor that repeats). Not retryable; the code says what went wrong.
 */
export class VideoVectorClientError extends Error {
	readonly code: string;

	constructor(code: string, message: string) {
		super(message);
		this.name = 'VideoVectorClientError';
		this.code = code;
	}
}
