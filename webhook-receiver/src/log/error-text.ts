import { redact } from '../../../shared/http/redact';

const MAX_LENGTH = 300;

/** An error as short log text with credentials scrubbed (errors can quote URLs and headers). */
export function errorText(error: unknown): string {
	const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	return redact(text).slice(0, MAX_LENGTH);
}
