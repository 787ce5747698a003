import {
	type HttpSink,
	type HttpSinkOptions,
	type SinkAnswer,
	type SinkRequest,
	startHttpSink,
} from './http-sink';

/**
 * A Slack-compatible incoming-webhook endpoint: `POST <url>` with a JSON body `{text, blocks?}`
 * answers `200 ok` as Slack does; a body that is not JSON answers `400 invalid_payload`, one with
 * neither a non-empty `text` nor a non-empty `blocks` array `400 no_text` — so a workflow that
 * would be refused by Slack is refused here too.
 */

export interface SlackMessage {
	path: string;
	text: string;
	blocks: unknown[];
}

export interface SlackSink extends HttpSink {
	/** The incoming-webhook URL to configure in a workflow. */
	webhookUrl: string;
	/** Messages Slack would have posted, oldest first. */
	messages(): SlackMessage[];
	waitForMessages(count: number, timeoutMs?: number): Promise<SlackMessage[]>;
}

const WEBHOOK_PATH = '/services/T000LOCAL/B000LOCAL/videovector-local-sink';

export function slackAnswer(request: SinkRequest): SinkAnswer {
	if (request.method !== 'POST') return { status: 405, body: 'invalid_method' };
	const payload = request.json;
	if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
		return { status: 400, body: 'invalid_payload' };
	const { text, blocks } = payload as { text?: unknown; blocks?: unknown };
	const hasText = typeof text === 'string' && text.trim() !== '';
	const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
	if (blocks !== undefined && !Array.isArray(blocks))
		return { status: 400, body: 'invalid_blocks' };
	return hasText || hasBlocks ? { status: 200, body: 'ok' } : { status: 400, body: 'no_text' };
}

function toMessage(request: { path: string; json: unknown }): SlackMessage {
	const payload = request.json as { text?: string; blocks?: unknown[] };
	return { path: request.path, text: payload.text ?? '', blocks: payload.blocks ?? [] };
}

export async function startSlackSink(
	options: Omit<HttpSinkOptions, 'answer'> = {},
): Promise<SlackSink> {
	const sink = await startHttpSink({ ...options, answer: slackAnswer });
	const accepted = { method: 'POST', accepted: true } as const;
	return {
		...sink,
		webhookUrl: sink.url(WEBHOOK_PATH),
		messages: () => sink.requests(accepted).map(toMessage),
		waitForMessages: async (count, timeoutMs) =>
			(await sink.waitForRequests(count, accepted, timeoutMs)).map(toMessage),
	};
}
