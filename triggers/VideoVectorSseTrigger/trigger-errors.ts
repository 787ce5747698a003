import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/node-error';
import type { StreamFailure } from './event-stream-session';

/**
 * Whether a failed connect deserves another try: no answer at all (network, timeout), 408, 429 and
 * 5xx. A refusal (401 bad key, 403 scope, 400/404/422 bad filter) would only be refused again.
 */
export function isRetryableConnectFailure(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = Number(error.httpCode);
	if (!Number.isInteger(status)) return true;
	return status === 408 || status === 429 || status >= 500;
}

const AUTH_HELP: Record<string, string> = {
	'401':
		'The API key (or token) in the VideoVector credential was refused: it is wrong, revoked or expired. Fix the credential; the trigger does not retry a refused key.',
	'403':
		'The credential lacks the "read" scope the event stream needs. Use a key with read access; the trigger does not retry a refused key.',
};

/** The error the trigger stops with: what happened, what was missed, what to do. */
export function streamFailureError(
	node: INode,
	failure: StreamFailure,
): NodeApiError | NodeOperationError {
	switch (failure.kind) {
		case 'connect': {
			const error = toNodeError(node, failure.error);
			const help =
				error instanceof NodeApiError && error.httpCode ? AUTH_HELP[error.httpCode] : undefined;
			if (help) error.description = [error.description, help].filter(Boolean).join(' · ');
			return error;
		}
		case 'expired':
			return expiredPositionError(node, failure.lastEventId, failure.message);
		case 'oversized':
			return new NodeOperationError(
				node,
				'An event from the VideoVector event stream is too large to read',
				{
					description: `${failure.message}. The trigger stopped so as not to skip it.`,
				},
			);
		case 'delivery':
			return toNodeError(node, failure.error);
	}
}

export function expiredPositionError(
	node: INode,
	lastEventId: string | undefined,
	message: string | undefined,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`The VideoVector event stream cannot resume after event ${lastEventId ?? '(none)'}: the server no longer holds the events that followed it`,
		{
			description: [
				message,
				'Events after that position were missed. Re-fetch the state you depend on (prompt runs, media) to catch up.',
				'To follow new events, set "If Resume Position Expired" to "Report and Continue With New Events" and publish again.',
			]
				.filter(Boolean)
				.join(' '),
		},
	);
}
