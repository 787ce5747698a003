import { WAIT_MS } from './patience';
import { pollUntil } from './poll';

export interface WebhookResponse {
	status: number;
	headers: Headers;
	/** Parsed JSON when the body is JSON, the text otherwise. */
	body: unknown;
	text: string;
}

export interface WebhookCall {
	method?: string;
	body?: unknown;
	headers?: Record<string, string>;
	/** `webhook` (published workflow) or `webhook-test` (editor's listen mode). */
	kind?: 'webhook' | 'webhook-test';
}

/** Calls `<origin>/<kind>/<path>` with a JSON body. */
export async function callWebhook(
	origin: string,
	path: string,
	call: WebhookCall = {},
): Promise<WebhookResponse> {
	const headers: Record<string, string> = { ...call.headers };
	let body: string | undefined;
	if (call.body !== undefined) {
		body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
		headers['content-type'] ??= 'application/json';
	}
	const res = await fetch(`${origin}/${call.kind ?? 'webhook'}/${path.replace(/^\//, '')}`, {
		method: call.method ?? 'POST',
		headers,
		body,
		signal: AbortSignal.timeout(60_000),
	});
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		// Not JSON.
	}
	return { status: res.status, headers: res.headers, body: parsed, text };
}

/**
 * Calls the webhook until it is registered (n8n answers 404 until the trigger's activation,
 * which follows publish and startup asynchronously) and returns the first real answer.
 */
export async function waitForWebhook(
	origin: string,
	path: string,
	call: WebhookCall = {},
	timeoutMs = WAIT_MS,
): Promise<WebhookResponse> {
	return pollUntil(
		async () => {
			const res = await callWebhook(origin, path, call);
			return res.status === 404 ? undefined : res;
		},
		{ what: `webhook ${path} to be registered`, timeoutMs },
	);
}
