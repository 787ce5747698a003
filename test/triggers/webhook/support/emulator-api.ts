/** Direct calls to the emulator's API, for setting up and checking what the trigger did there. */
import type { Webhook } from '../../../../shared/contract/schemas/webhooks';
import type { RunningEmulator } from '../../../../emulator/app';

export interface ApiAnswer {
	status: number;
	body: unknown;
}

export async function apiCall(
	emulator: RunningEmulator,
	method: string,
	path: string,
	options: { body?: unknown; apiKey?: string; bearer?: boolean } = {},
): Promise<ApiAnswer> {
	const headers: Record<string, string> = { accept: 'application/json' };
	if (options.bearer) headers.authorization = `Bearer ${emulator.bearerToken}`;
	else headers['x-api-key'] = options.apiKey ?? emulator.apiKey;
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${emulator.baseUrl}${path}`, {
		method,
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
		signal: AbortSignal.timeout(20_000),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export async function listWebhooks(emulator: RunningEmulator): Promise<Webhook[]> {
	const answer = await apiCall(emulator, 'GET', '/webhooks');
	if (answer.status !== 200) throw new Error(`GET /webhooks -> ${answer.status}`);
	return answer.body as Webhook[];
}

/** A key with exactly these scopes (created with the user JWT, as the API requires). */
export async function createApiKey(emulator: RunningEmulator, scopes: string[]): Promise<string> {
	const answer = await apiCall(emulator, 'POST', '/api-keys', {
		bearer: true,
		body: { name: `trigger test ${scopes.join('+')}`, scopes },
	});
	if (answer.status !== 201) throw new Error(`POST /api-keys -> ${answer.status}`);
	return (answer.body as { key: string }).key;
}

/** Asks the emulator to send its signed `webhook.test` delivery now; resolves with its outcome. */
export async function sendTestDelivery(
	emulator: RunningEmulator,
	webhookId: string,
): Promise<{ success: boolean; status_code: number | null }> {
	const answer = await apiCall(emulator, 'POST', `/webhooks/${webhookId}/test`);
	if (answer.status !== 200)
		throw new Error(`POST /webhooks/${webhookId}/test -> ${answer.status}`);
	return answer.body as { success: boolean; status_code: number | null };
}
